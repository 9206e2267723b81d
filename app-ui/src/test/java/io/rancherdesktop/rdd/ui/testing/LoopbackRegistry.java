package io.rancherdesktop.rdd.ui.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's {@code docker-registry} (Docker's distribution registry) on {@code 127.0.0.1:<free port>} with its own
 * config and storage in a temp dir (a copy of the integration tests' harness without its htpasswd option). dockerd treats
 * 127.0.0.0/8 registries as insecure-OK, so plain HTTP works. Stopped (by its own PID) and deleted by {@link #close}.
 */
public final class LoopbackRegistry implements AutoCloseable {
    public static final String BINARY = "/usr/bin/docker-registry";

    private final Path dir;
    private final int port;
    private final Process process;

    private LoopbackRegistry(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** An anonymous registry. */
    public static LoopbackRegistry start() {
        return start(null, null);
    }

    public static LoopbackRegistry start(String user, String password) {
        Path dir = null;
        Process p = null;
        try {
            dir = Files.createTempDirectory("rdd-registry");
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            StringBuilder config = new StringBuilder("version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ")
                    .append(dir.resolve("data")).append("\nhttp:\n  addr: 127.0.0.1:").append(port).append('\n');
            Files.writeString(dir.resolve("config.yml"), config);
            p = new ProcessBuilder(BINARY, "serve", dir.resolve("config.yml").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
            LoopbackRegistry r = new LoopbackRegistry(dir, port, p);
            r.awaitUp(Duration.ofSeconds(30));
            return r;
        } catch (IOException | RuntimeException e) {
            if (p != null) {
                p.destroyForcibly();
            }
            if (dir != null) {
                delete(dir);
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private void awaitUp(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/v2/").toURL().openConnection();
                c.setConnectTimeout(1000);
                int code = c.getResponseCode();
                c.disconnect();
                if (code == 200 || code == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                String log;
                try {
                    log = Files.readString(dir.resolve("registry.log"), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    log = "?";
                }
                throw new IllegalStateException("docker-registry on port " + port + " did not come up: " + log);
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS); // a bounded wait on the process, not a sleep
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code 127.0.0.1:<port>}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
