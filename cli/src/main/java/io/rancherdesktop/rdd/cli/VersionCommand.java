package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.BuildInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code rdd version} (docs/design/upstream-cli.md §8). */
@Command(name = "version", description = "Print the version.")
public final class VersionCommand implements Callable<Integer> {
    private final CliContext ctx;

    public VersionCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        print(ctx, "true");
        return ExitCodes.OK;
    }

    /** {@code true} prints the version; {@code raw} the six labelled lines; anything else is echoed. */
    static void print(CliContext ctx, String mode) {
        BuildInfo info = ctx.buildInfo();
        switch (mode) {
            case "true", "" -> ctx.out().println(info.version());
            case "raw" -> {
                ctx.out().println("Version:    " + info.version());
                ctx.out().println("GitCommit:  " + info.gitCommit());
                ctx.out().println("BuildDate:  " + info.buildDate());
                ctx.out().println("GoVersion:  " + info.runtimeVersion());
                ctx.out().println("Compiler:   " + info.compiler());
                ctx.out().println("Platform:   " + info.platform());
            }
            default -> ctx.out().println(mode);
        }
    }
}
