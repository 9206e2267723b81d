package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.logging.LogLevel;
import io.rancherdesktop.rdd.logging.LogbackSetup;
import io.rancherdesktop.rdd.instance.ServiceStatus;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** {@code rdd svc status}: always logs its lines at info, whatever the log level (docs/design/upstream-cli.md §7). */
@Command(name = "status", description = "Show whether the control plane is created and running.")
public final class SvcStatusCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(SvcStatusCommand.class);
    private final CliContext ctx;

    public SvcStatusCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (ctx.global().logLevel().compareTo(LogLevel.INFO) < 0) {
            LogbackSetup.setLevel(LogLevel.INFO);
        }
        ServiceControl control = new ServiceControl(ctx);
        ServiceStatus st = control.status();
        String n = control.quotedName();
        log.info("{} control plane has been created: {}", n, st.created());
        log.info("{} control plane has been started: {}", n, st.running());
        log.info("{} control plane PID is: {}", n, st.pid().orElse(0));
        if (ctx.global().developerMode()) {
            log.info("developer mode is enabled");
        }
        return ExitCodes.OK;
    }
}
