package io.rancherdesktop.rdd.cli.ctl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rdd ctl top}: resource usage; {@code containers} is the one kind served. */
@Command(name = "top", description = "Display resource usage (CPU, memory, I/O) of containers.", subcommands = TopContainersCommand.class)
public final class TopCommand {
    /** {@code rdd ctl -n NS top containers} puts the namespace before the subcommand. */
    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "The mirrors' namespace (default: the App's).")
    String namespace;
}
