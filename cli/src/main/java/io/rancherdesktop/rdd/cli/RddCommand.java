package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.cli.ctl.CtlCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root {@code rdd} command. Global flags are read early by {@link GlobalArgs}; they are declared here for help and parsing. */
@Command(name = "rdd",
        description = "RDD manages the Rancher Desktop 2 background services.",
        subcommands = {VersionCommand.class, ServiceCommand.class, CtlCommand.class, KubectlCommand.class,
                SetCommand.class, StartCommand.class, StopCommand.class},
        usageHelpAutoWidth = true)
public final class RddCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "Log level: fatal, error, warn, warning, info, debug, trace (default: $RDD_LOG_LEVEL, else debug in developer mode, else warn).")
    String logLevel;

    @Option(names = "--log-format", scope = ScopeType.INHERIT, paramLabel = "FORMAT", description = "Log format: text or json (default text).")
    String logFormat;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show help and exit.")
    boolean help;

    @Option(names = "--version", arity = "0..1", fallbackValue = "true", paramLabel = "FORMAT",
            description = "Print the version (--version=raw for details) and exit.")
    String version;

    public RddCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (version != null) {
            VersionCommand.print(ctx, version);
            return ExitCodes.OK;
        }
        spec.commandLine().usage(ctx.out());
        return ExitCodes.OK;
    }
}
