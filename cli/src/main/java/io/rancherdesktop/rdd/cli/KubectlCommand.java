package io.rancherdesktop.rdd.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code rdd kubectl ARGS…}: runs a {@code kubectl} found on {@code PATH} against this instance, with
 * {@code KUBECONFIG} set to the instance kubeconfig after the automatic service start (docs/design/upstream-differences.md §5). The
 * arguments reach kubectl untouched: {@link RddMain} dispatches here before picocli parses anything.
 */
@Command(name = "kubectl", description = "Run kubectl from PATH against this instance (KUBECONFIG is set for you).")
public final class KubectlCommand {
    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Arguments for kubectl.")
    List<String> args = new ArrayList<>();

    private KubectlCommand() {
    }

    /** Runs kubectl and returns its exit code. */
    static int run(CliContext ctx, List<String> args) {
        Path kubectl = find(ctx.env().get("PATH")).orElseThrow(() -> new CliException(ExitCodes.GENERIC,
                "kubectl not found on PATH; install it (https://kubernetes.io/docs/tasks/tools/) or use \"rdd ctl\", which covers "
                        + "get, describe, delete, patch, apply, wait, annotate, api-resources and config view"));
        new ServiceControl(ctx).ensureReady();
        List<String> cmd = new ArrayList<>();
        cmd.add(kubectl.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().clear();
        pb.environment().putAll(ctx.env());
        pb.environment().put("KUBECONFIG", ctx.paths().config().toString());
        try {
            Process p = pb.start();
            return p.waitFor();
        } catch (IOException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot run " + kubectl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    static Optional<Path> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : new String[] {"kubectl", "kubectl.exe"}) {
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
