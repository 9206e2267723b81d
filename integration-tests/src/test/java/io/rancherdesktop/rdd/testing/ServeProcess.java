package io.rancherdesktop.rdd.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code rdd svc serve} as a separate JVM (the built {@code target/rdd.jar} when present, else the test
 * class path), with a private home directory and instance; for tests that must kill the service for real.
 */
public final class ServeProcess implements AutoCloseable {
    private final Process process;
    private final Path socket;
    private final Path log;

    private ServeProcess(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /** Starts the service and waits (with a deadline) until {@code /readyz} answers 200 on its Unix socket. */
    public static ServeProcess start(Path home, String instance, Path socket, Path log, List<String> args) throws IOException, InterruptedException {
        return start(home, instance, socket, log, args, Map.of());
    }

    /** As {@link #start(Path, String, Path, Path, List)}, with extra environment variables (e.g. {@code RDD_DOCKERD_ARGS}). */
    public static ServeProcess start(Path home, String instance, Path socket, Path log, List<String> args,
                                     Map<String, String> extraEnv) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Duser.home=" + home, "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"));
        Path jar = Path.of("..", "launcher", "target", "rdd.jar"); // the rdd executable, packaged before this module
        if (Files.isRegularFile(jar)) {
            cmd.addAll(List.of("-jar", jar.toString()));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.rancherdesktop.rdd.launcher.Rdd"));
        }
        cmd.addAll(List.of("svc", "serve"));
        cmd.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("RDD_INSTANCE", instance);
        env.put("HOME", home.toString());
        env.put("RDD_LOG_LEVEL", "info");
        env.remove("RDD_LOG_DIR");
        env.putAll(extraEnv);
        ServeProcess p = new ServeProcess(pb.start(), socket, log);
        p.awaitReady(Duration.ofSeconds(60));
        return p;
    }

    private void awaitReady(Duration max) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(max);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("rdd svc serve exited with " + process.exitValue() + "; log " + log + ":\n" + Files.readString(log));
            }
            if (Files.exists(socket)) {
                try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    ch.connect(UnixDomainSocketAddress.of(socket));
                    ch.write(ByteBuffer.wrap("GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                    ByteBuffer buf = ByteBuffer.allocate(1024);
                    ch.read(buf);
                    if (new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")) {
                        return;
                    }
                } catch (IOException notYet) {
                    // the socket exists but is not accepting yet
                }
            }
            Thread.sleep(100); // polling readiness with a deadline
        }
        process.destroyForcibly();
        throw new IllegalStateException("rdd svc serve was not ready within " + max + "; log " + log + ":\n" + Files.readString(log));
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, and wait for the process to be gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM; returns the exit code. */
    public int terminate(Duration max) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new IllegalStateException("rdd svc serve did not stop within " + max);
        }
        return process.exitValue();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
