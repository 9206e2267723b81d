package io.rancherdesktop.rdd.ui.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The real {@code docker} CLI against one engine endpoint, as a user at a terminal would use it. */
public final class DockerCli {
    /** Imported from the host's static busybox; containers run with {@code --network none}. */
    public static final String TEST_IMAGE = "rdd-test/busybox:latest";

    private final String host;

    public DockerCli(String host) {
        this.host = host;
    }

    public static boolean installed() {
        return onPath("docker") && onPath("dockerd") && busybox() != null;
    }

    private static boolean onPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, name)));
    }

    private static Path busybox() {
        return Stream.of("/bin/busybox", "/usr/bin/busybox").map(Path::of).filter(Files::isRegularFile).findFirst().orElse(null);
    }

    /** Runs {@code docker -H <host> args…}; returns stdout, or throws with the output on a non-zero exit. */
    public String run(String... args) {
        Result r = tryRun(args);
        if (r.exit() != 0) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " exited " + r.exit() + ": " + r.output());
        }
        return r.output().trim();
    }

    public record Result(int exit, String output) {
    }

    public Result tryRun(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", host));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("docker " + String.join(" ", args) + " timed out");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Imports {@link #TEST_IMAGE} (a rootfs with the static busybox and its applets) unless the engine has it. */
    public void importTestImage(Path scratch) {
        if (!run("images", "-q", TEST_IMAGE).isEmpty()) {
            return;
        }
        try {
            Path root = Files.createTempDirectory(scratch, "busybox-rootfs-");
            Path bin = Files.createDirectories(root.resolve("bin"));
            Files.copy(busybox(), bin.resolve("busybox"));
            bin.resolve("busybox").toFile().setExecutable(true, false);
            for (String applet : List.of("sh", "sleep", "true", "echo", "cat", "ls")) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
            for (String dir : List.of("tmp", "etc", "proc", "sys", "dev")) {
                Files.createDirectories(root.resolve(dir));
            }
            Process p = new ProcessBuilder("sh", "-c", "tar -C '" + root + "' -c . | docker -H '" + host + "' import - " + TEST_IMAGE)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("docker import of " + TEST_IMAGE + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("importing " + TEST_IMAGE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
