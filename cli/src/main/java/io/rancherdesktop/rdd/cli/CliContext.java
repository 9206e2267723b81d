package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.BuildInfo;
import io.rancherdesktop.rdd.instance.InstancePaths;
import java.io.PrintStream;
import java.util.Map;

/** What every command may use: the parsed global arguments, the instance paths, the environment and stdout. */
public record CliContext(GlobalArgs global, InstancePaths paths, Map<String, String> env, PrintStream out) {
    public BuildInfo buildInfo() {
        return BuildInfo.load();
    }
}
