package io.rancherdesktop.rdd.cli.ctl;

import picocli.CommandLine.Command;

/**
 * {@code rdd ctl}: a native subset of kubectl against this instance's control plane (docs/design/upstream-differences.md §5), over the
 * Unix socket and without fabric8, after the automatic service start.
 */
@Command(name = "ctl", description = "Run kubectl-like commands against the control plane (get, describe, delete, patch, apply, wait, annotate, logs, top, ...).",
        subcommands = {GetCommand.class, DescribeCommand.class, DeleteCommand.class, PatchCommand.class, ApplyCommand.class,
                WaitCommand.class, AnnotateCommand.class, ApiResourcesCommand.class, ConfigCommand.class, WaitConditionCommand.class,
                LogsCommand.class, TopCommand.class, PruneCommand.class, ExecCommand.class,
                CreateCommand.class, RunCommand.class, VolumeCommand.class, RestartCommand.class, ImageTransferCommands.Pull.class,
                ImageTransferCommands.Push.class})
public final class CtlCommand {
    /** The subcommands' names, known without reading the annotations (the hot path avoids picocli); a test pins them. */
    public static final java.util.Set<String> VERBS = java.util.Set.of("get", "describe", "delete", "patch", "apply", "wait", "annotate",
            "api-resources", "config", "wait-condition", "logs", "top", "prune", "exec",
            "create", "run", "volume", "restart", "pull", "push");
}
