package io.rancherdesktop.rdd.cli;


import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rdd svc stop [--wait] [--timeout 5m]} (docs/design/upstream-cli.md §7). */
@Command(name = "stop", description = "Stop the control plane of this instance.")
public final class SvcStopCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--wait", arity = "0..1", defaultValue = "true", fallbackValue = "true", paramLabel = "BOOL",
            description = "Wait until it has stopped (default true).")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION",
            description = "How long to wait before killing it (default 5m; 0 waits forever).")
    String timeout;

    public SvcStopCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        new ServiceControl(ctx).stop(wait, DurationFlag.parse("--timeout", timeout));
        return ExitCodes.OK;
    }
}
