package io.rancherdesktop.rdd.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command with a deadline (killed when it passes); the reliability tests' processes as other users. */
final class Commands {
    record Result(int code, String output) {
    }

    private Commands() {
    }

    static Result run(List<String> cmd, Duration max) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[][] out = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = ("(reading the output failed: " + e + ")").getBytes(StandardCharsets.UTF_8);
            }
        });
        if (!p.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor();
            reader.join();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + max + "; output: "
                    + new String(out[0] == null ? new byte[0] : out[0], StandardCharsets.UTF_8));
        }
        reader.join();
        return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }

    /** {@code cmd} as the user {@code nobody} ({@code runuser}; the caller is root). */
    static Result asNobody(List<String> cmd) throws IOException, InterruptedException {
        return run(java.util.stream.Stream.concat(java.util.stream.Stream.of("runuser", "-u", "nobody", "--"), cmd.stream()).toList(),
                Duration.ofSeconds(30));
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
