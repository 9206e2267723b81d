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
    private final Path tempDir;
    private final DockerClient client;
    /** The dockerd command and log of a private engine, for {@link #restart()}; null when attached. */
    private final List<String> command;
    private final Path log;
    private volatile Process process;
    private boolean closed;

    private DockerdProcess(String host, Process process, Path tempDir, List<String> command, Path log) {
        this.host = host;
        this.process = process;
        this.tempDir = tempDir;
        this.command = command;
        this.log = log;
        this.client = clientFor(host);
    }

    /** Attaches to {@code RDD_TEST_DOCKER_HOST} if set, else starts a private dockerd. */
    public static DockerdProcess startOrAttach(Path logDir) {
        String external = System.getenv(ENV_DOCKER_HOST);
        DockerdProcess d;
        if (external != null && !external.isBlank()) {
            d = new DockerdProcess(external, null, null, null, null);
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

    /**
     * Starts an additional private dockerd (same flags as the shared one, its own temp dir and socket) even when
     * {@code RDD_TEST_DOCKER_HOST} is set, and imports {@link #TEST_IMAGE}. For tests that stop or restart the
     * engine, or load it heavily; the caller closes it.
     */
    public static DockerdProcess startPrivateInstance(Path logDir) {
        DockerdProcess d = startPrivate(logDir);
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
            p = launch(cmd, log);
        } catch (IOException e) {
            deleteTree(tmp);
            throw new UncheckedIOException("starting " + String.join(" ", cmd), e);
        }
        DockerdProcess d = new DockerdProcess("unix://" + socket, p, tmp, List.copyOf(cmd), log);
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

    private static Process launch(List<String> cmd, Path log) throws IOException {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /**
     * Kills a private dockerd with SIGKILL, as a crash would, plus its containerd and shims; data stays for
     * {@link #restart()}. Open connections to the engine (e.g. event streams) see the socket close.
     *
     * @throws IllegalStateException for an attached engine, which this harness must not kill
     */
    public synchronized void kill() {
        requirePrivate("kill");
        Process p = process;
        if (p.isAlive()) {
            p.destroyForcibly();
            try {
                if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("dockerd did not exit after SIGKILL");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted killing dockerd", e);
            }
        }
        killProcessesMentioning(tempDir.toString());
        unmountUnder(tempDir);
        // dockerd trusts containerd's PID file; a killed containerd can linger as a zombie and still pass its
        // liveness check, so the next start would wait for a containerd that never answers.
        try {
            Files.deleteIfExists(tempDir.resolve("exec").resolve("containerd").resolve("containerd.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException("removing containerd's PID file", e);
        }
    }

    /** Starts a private dockerd again on the same socket and data root (killing it first if it runs). */
    public synchronized void restart() {
        requirePrivate("restart");
        kill();
        try {
            process = launch(command, log);
        } catch (IOException e) {
            throw new UncheckedIOException("restarting " + String.join(" ", command), e);
        }
        awaitPing(Instant.now().plus(START_TIMEOUT));
    }

    /** True while a private dockerd process runs (always true for an attached engine). */
    public boolean isRunning() {
        Process p = process;
        return p == null || p.isAlive();
    }

    private void requirePrivate(String what) {
        if (process == null) {
            throw new IllegalStateException("cannot " + what + " the attached engine at " + host + "; use startPrivateInstance");
        }
    }

    public String host() {
        return host;
    }

    /** The PID of a dockerd this harness started (empty when attached to {@code RDD_TEST_DOCKER_HOST}), e.g. to count its open sockets. */
    public java.util.OptionalLong pid() {
        Process p = process;
        return p == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(p.pid());
    }

    /**
     * Sends a signal to the private dockerd (fault injection: {@code STOP} freezes it with its sockets open,
     * {@code CONT} thaws it). Waits for {@code kill} to finish.
     */
    public void signal(String signal) {
        requirePrivate("signal");
        Process p = process;
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).redirectErrorStream(true).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + p.pid() + ": " + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public DockerClient client() {
        return client;
    }

    /** Creates (does not start) a container of the test image named {@code name} that runs {@code true}, without a network. */
    public String createContainer(String name) {
        return client.createContainerCmd(TEST_IMAGE).withName(name).withCmd("true")
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
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
            Process p = process;
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException("dockerd exited with code " + p.exitValue());
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
            Process p = process;
            if (p != null) {
                p.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
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
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        killProcessesMentioning(tempDir.toString());
        unmountUnder(tempDir);
        deleteTree(tempDir);
    }

    /**
     * dockerd bind-mounts its data root onto itself and unmounts it only on a clean shutdown; after a SIGKILL
     * the mount stays and would block removing the temp dir. Unmounts everything under {@code root}, deepest first.
     */
    private static void unmountUnder(Path root) {
        List<String> mounts;
        try {
            mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                    .map(l -> l.split(" ")[1].replace("\\040", " "))
                    .filter(m -> m.equals(root.toString()) || m.startsWith(root + "/"))
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .toList();
        } catch (IOException e) {
            return; // not Linux: no bind mounts to undo
        }
        for (String m : mounts) {
            try {
                Process p = new ProcessBuilder("umount", "-l", m).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException("unmounting " + m, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
