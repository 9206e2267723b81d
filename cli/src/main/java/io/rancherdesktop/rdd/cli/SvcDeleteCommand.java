package io.rancherdesktop.rdd.cli;


import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rdd svc delete [--timeout 5m]} (docs/design/upstream-cli.md §7). */
@Command(name = "delete", description = "Stop the control plane and delete its directories (log_dir kept with RDD_KEEP_LOGS).")
public final class SvcDeleteCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION",
            description = "How long to wait for it to stop (default 5m; 0 waits forever).")
    String timeout;

    public SvcDeleteCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        new ServiceControl(ctx).delete(DurationFlag.parse("--timeout", timeout));
        return ExitCodes.OK;
    }
}
