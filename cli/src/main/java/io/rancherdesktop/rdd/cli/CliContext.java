package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.BuildInfo;
import io.rancherdesktop.rdd.cli.ctl.KubectlGlobalFlags;
import io.rancherdesktop.rdd.instance.InstancePaths;
import java.io.PrintStream;
import java.util.Map;

/**
 * What every command may use: the parsed global arguments, the instance paths, the environment, stdout, and
 * kubectl's global flags given to {@code rdd ctl}.
 */
public record CliContext(GlobalArgs global, InstancePaths paths, Map<String, String> env, PrintStream out, KubectlGlobalFlags kubectl) {
    public CliContext(GlobalArgs global, InstancePaths paths, Map<String, String> env, PrintStream out) {
        this(global, paths, env, out, KubectlGlobalFlags.NONE);
    }

    public BuildInfo buildInfo() {
        return BuildInfo.load();
    }
}
