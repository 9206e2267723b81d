package io.rancherdesktop.rdd.cli;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rdd stop [--wait=true] [--timeout=300s]}: the same as {@code rdd set running=false}, except that an absent
 * App is left absent (docs/design/upstream-cli.md §5).
 */
@Command(name = "stop", description = "Stop the machine and its container engine (the same as \"rdd set running=false\"; "
        + "does nothing if there is no App).", usageHelpAutoWidth = true)
public final class StopCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(StopCommand.class);

    private final CliContext ctx;

    @Option(names = "--wait", arity = "0..1", fallbackValue = "true", defaultValue = "true", paramLabel = "BOOL",
            description = "Wait until the App has settled (default true).")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "300s", paramLabel = "DURATION",
            description = "How long to wait (default 300s; 0 waits forever).")
    String timeout;

    public StopCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        var t = DurationFlag.parse("--timeout", timeout);
        AppUpdate update = new AppUpdate(ctx);
        AppClient client = update.connect();
        if (client.get().isEmpty()) {
            log.info("App does not exist; nothing to stop");
            return ExitCodes.OK;
        }
        update.apply(client, List.of("running=false"), new AppUpdate.Options(false, wait, t));
        return ExitCodes.OK;
    }
}
