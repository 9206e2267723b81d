package io.rancherdesktop.rdd.cli;


import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rdd svc start [--wait] [--timeout 90s] [--controllers SPEC] [--secure-port N]} (docs/design/upstream-cli.md §7): the two
 * flags are one-off overrides for this run and are not saved.
 */
@Command(name = "start", description = "Start the control plane of this instance in the background.")
public final class SvcStartCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--wait", arity = "0..1", defaultValue = "true", fallbackValue = "true", paramLabel = "BOOL",
            description = "Wait until the control plane is ready (default true).")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "90s", paramLabel = "DURATION", description = "How long to wait (default 90s; 0 waits forever).")
    String timeout;

    @Option(names = "--controllers", paramLabel = "SPEC", description = "Controllers for this run only.")
    String controllers;

    @Option(names = "--secure-port", paramLabel = "PORT", description = "API server HTTPS port for this run only.")
    String securePort;

    public SvcStartCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        var t = DurationFlag.parse("--timeout", timeout);
        new ServiceControl(ctx).start(wait, t, SvcOptions.controllers(controllers), SvcOptions.securePort(securePort));
        return ExitCodes.OK;
    }
}
