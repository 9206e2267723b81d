package io.rancherdesktop.rdd.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rdd svc config}: starts the service if needed, then prints the control-plane kubeconfig. */
@Command(name = "config", description = "Print the control-plane kubeconfig (starts the service if needed).")
public final class SvcConfigCommand implements Callable<Integer> {
    private final CliContext ctx;

    public SvcConfigCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        new ServiceControl(ctx).ensureReady();
        try {
            ctx.out().print(Files.readString(ctx.paths().config()));
        } catch (IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot read the kubeconfig " + ctx.paths().config() + ": " + e.getMessage(), e);
        }
        ctx.out().flush();
        return ExitCodes.OK;
    }
}
