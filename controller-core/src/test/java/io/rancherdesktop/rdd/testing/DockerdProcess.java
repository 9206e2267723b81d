package io.rancherdesktop.rdd.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * One real Docker engine for a whole test run: either the one named by {@code RDD_TEST_DOCKER_HOST}, or a
 * private {@code dockerd} started here under a temp dir ({@code --iptables=false --bridge=none
 * --storage-driver=vfs}, private socket, data and exec roots) and torn down by {@link #close()}.
 * It also imports {@link #TEST_IMAGE}, a tiny image built from the host's static busybox.
 */
public final class DockerdProcess implements AutoCloseable {
    public static final String ENV_DOCKER_HOST = "RDD_TEST_DOCKER_HOST";
    /** Imported from busybox-static; run containers with {@code --network none}. */
    public static final String TEST_IMAGE = "rdd-test/busybox:latest";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> BUSYBOX_APPLETS = List.of(
            "sh", "sleep", "true", "false", "echo", "cat", "ls", "env", "top", "wc", "yes", "tail", "kill", "ps");

    private final String host;
    private final Process process;
    private final Path tempDir;
    private final DockerClient client;
    private boolean closed;

    private DockerdProcess(String host, Process process, Path tempDir) {
        this.host = host;
        this.process = process;
        this.tempDir = tempDir;
        this.client = clientFor(host);
    }

    /** Attaches to {@code RDD_TEST_DOCKER_HOST} if set, else starts a private dockerd. */
    public static DockerdProcess startOrAttach(Path logDir) {
        String external = System.getenv(ENV_DOCKER_HOST);
        DockerdProcess d;
        if (external != null && !external.isBlank()) {
            d = new DockerdProcess(external, null, null);
            d.awaitPing(Instant.now().plus(START_TIMEOUT));
        } else {
            d = startPrivate(logDir);
        }
        try {
            d.importTestImage();
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    private static DockerdProcess startPrivate(Path logDir) {
        Path dockerd = findOnPath("dockerd");
        if (dockerd == null) {
            throw new IllegalStateException("dockerd is not installed: install Debian's docker.io (apt-get install docker.io) "
                    + "or set " + ENV_DOCKER_HOST + " to a Docker endpoint");
        }
        Path tmp;
        try {
            // Short path: the socket path must stay under the 108-byte sun_path limit.
            tmp = Files.createTempDirectory(Path.of("/tmp"), "rdd-dockerd-");
            Files.createDirectories(logDir);
            Files.writeString(tmp.resolve("daemon.json"), "{}");
        } catch (IOException e) {
            throw new UncheckedIOException("creating the dockerd temp dir", e);
        }
        String socket = tmp.resolve("docker.sock").toString();
        List<String> cmd = new ArrayList<>(List.of(dockerd.toString(),
                "--config-file", tmp.resolve("daemon.json").toString(),
                "--iptables=false", "--ip6tables=false", "--bridge=none", "--storage-driver=vfs",
                "-H", "unix://" + socket,
                "--data-root", tmp.resolve("data").toString(),
                "--exec-root", tmp.resolve("exec").toString(),
                "--pidfile", tmp.resolve("docker.pid").toString()));
        Path log = logDir.resolve("dockerd-" + tmp.getFileName() + ".log");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            deleteTree(tmp);
            throw new UncheckedIOException("starting " + String.join(" ", cmd), e);
        }
        DockerdProcess d = new DockerdProcess("unix://" + socket, p, tmp);
        // Safety net for a JVM that exits without JUnit closing the store (e.g. System.exit in a test).
        Runtime.getRuntime().addShutdownHook(new Thread(d::close, "dockerd-teardown"));
        try {
            d.awaitPing(Instant.now().plus(START_TIMEOUT));
        } catch (RuntimeException e) {
            d.close();
            throw new IllegalStateException("dockerd did not answer /_ping; see " + log, e);
        }
        return d;
    }

    public String host() {
        return host;
    }

    public DockerClient client() {
        return client;
    }

    /** A new client for the engine (callers close it). */
    public static DockerClient clientFor(String host) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        var http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    private void awaitPing(Instant deadline) {
        RuntimeException last = null;
        long backoffMs = 20;
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("dockerd exited with code " + process.exitValue());
            }
            try {
                client.pingCmd().exec();
                return;
            } catch (RuntimeException e) {
                last = e;
            }
            // Wait for the daemon process to change state or the backoff to elapse, whichever is first.
            waitForExit(Duration.ofMillis(backoffMs));
            backoffMs = Math.min(backoffMs * 2, 500);
        }
        throw new IllegalStateException("Docker engine at " + host + " did not answer /_ping within " + START_TIMEOUT, last);
    }

    private void waitForExit(Duration d) {
        try {
            if (process != null) {
                process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                Thread.sleep(d.toMillis()); // backoff between pings of an external engine
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for dockerd", e);
        }
    }

    /** Imports {@link #TEST_IMAGE} from the host's static busybox unless the engine already has it. */
    private void importTestImage() {
        if (!client.listImagesCmd().withImageNameFilter(TEST_IMAGE).exec().isEmpty()) {
            return;
        }
        Path busybox = Stream.of("/bin/busybox", "/usr/bin/busybox").map(Path::of).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("busybox is not installed: apt-get install busybox-static"));
        byte[] tar = busyboxRootfsTar(busybox);
        // docker-java 3.5.3's createImageCmd (import) sends a body dockerd rejects ("ApplyLayer … unexpected EOF"),
        // so the image is imported with the docker CLI, as a user would.
        Path docker = findOnPath("docker");
        if (docker == null) {
            throw new IllegalStateException("the docker CLI is not installed: apt-get install docker.io");
        }
        try {
            Process p = new ProcessBuilder(docker.toString(), "-H", host, "import", "-", TEST_IMAGE)
                    .redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(tar);
            }
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("docker import of " + TEST_IMAGE + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("running docker import", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted importing " + TEST_IMAGE, e);
        }
    }

    private static byte[] busyboxRootfsTar(Path busybox) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry bin = new TarArchiveEntry("bin/");
            bin.setMode(0755);
            tar.putArchiveEntry(bin);
            tar.closeArchiveEntry();
            TarArchiveEntry bb = new TarArchiveEntry("bin/busybox");
            bb.setMode(0755);
            bb.setSize(Files.size(busybox));
            tar.putArchiveEntry(bb);
            Files.copy(busybox, tar);
            tar.closeArchiveEntry();
            for (String applet : BUSYBOX_APPLETS) {
                TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                link.setLinkName("busybox");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            for (String dir : List.of("tmp/", "etc/", "proc/", "sys/", "dev/")) {
                TarArchiveEntry e = new TarArchiveEntry(dir);
                e.setMode(dir.equals("tmp/") ? 01777 : 0755);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("building the busybox rootfs tarball", e);
        }
        return bytes.toByteArray();
    }

    /** Stops a private dockerd (SIGTERM, then SIGKILL) and removes its temp dir, including leftover shims. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // closing the client must not keep the daemon alive
        }
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        killProcessesMentioning(tempDir.toString());
        deleteTree(tempDir);
    }

    /** containerd and its shims outlive a killed dockerd; they carry the temp dir in their command lines. */
    private static void killProcessesMentioning(String needle) {
        ProcessHandle.allProcesses()
                .filter(ph -> ph.info().commandLine().map(c -> c.contains(needle)).orElse(false))
                .forEach(ph -> {
                    ph.destroyForcibly();
                    ph.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> ph).join();
                });
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a busy mount point is reported by the next line's check
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + root, e);
        }
    }

    private static Path findOnPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
