package io.rancherdesktop.rdd.cli;


import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code rdd start [--wait=true] [--timeout=300s]}: the same as {@code rdd set running=true} (docs/design/upstream-cli.md §5). */
@Command(name = "start", description = "Start the machine and its container engine (the same as \"rdd set running=true\").",
        usageHelpAutoWidth = true)
public final class StartCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--wait", arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "BOOL",
            description = "Wait until the App has settled (default true).")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "300s", paramLabel = "DURATION",
            description = "How long to wait (default 300s; 0 waits forever).")
    String timeout;

    public StartCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        var t = DurationFlag.parse("--timeout", timeout);
        AppUpdate update = new AppUpdate(ctx);
        update.apply(update.connect(), List.of("running=true"), new AppUpdate.Options(false, wait, t));
        return ExitCodes.OK;
    }
}
