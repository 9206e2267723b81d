package io.rancherdesktop.rdd.cli;


import picocli.CommandLine.Command;

/** {@code rdd service} (alias {@code svc}): the control-plane service of the instance (docs/design/upstream-cli.md §7). */
@Command(name = "service", aliases = "svc", description = "Manage the rdd control-plane service of this instance.",
        subcommands = {SvcCreateCommand.class, SvcStartCommand.class, SvcStopCommand.class, SvcDeleteCommand.class,
                SvcStatusCommand.class, SvcLogsCommand.class, PathsCommand.class, SvcConfigCommand.class, SvcBundleCommand.class})
public final class ServiceCommand {
}
