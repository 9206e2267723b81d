package io.rancherdesktop.rdd.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The process driver against the real {@code dockerd} and {@code containerd} binaries. Each test runs its OWN engine
 * under a temp home (never the shared harness engine) and {@link TempInstance} kills and removes everything it left,
 * even on failure.
 */
class ProcessDriverIT {
    /** As the test harness: no netfilter and no overlayfs on the dev machines and in CI. */
    static final List<String> TEST_DOCKERD_ARGS = List.of("--iptables=false", "--ip6tables=false", "--bridge=none",
            "--storage-driver=vfs");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final RestartPolicy FAST_RESTARTS = new RestartPolicy(3, Duration.ofMinutes(1), Duration.ofMillis(50),
            Duration.ofMillis(400));

    private TempInstance instance;
    private final List<VmDriver> drivers = new ArrayList<>();

    @BeforeEach
    void createInstance() {
        instance = new TempInstance("vmit");
    }

    @AfterEach
    void cleanUp() {
        for (VmDriver d : drivers) {
            try {
                d.stop(Duration.ofSeconds(10));
            } catch (VmException | RuntimeException e) {
                // TempInstance kills whatever is left
            }
            d.close();
        }
        instance.close();
    }

    private ProcessDriver driver(RestartPolicy policy) {
        ProcessDriver d = new ProcessDriver(instance.paths, HostEnvironment.system(), policy);
        drivers.add(d);
        return d;
    }

    private static EngineConfig moby() {
        return EngineConfig.of(EngineKind.MOBY).withDockerdArgs(TEST_DOCKERD_ARGS).withStartTimeout(WAIT);
    }

    private Path dockerSocket() {
        return Path.of(instance.paths.dockerSocket());
    }

    private long dockerdsForSocket() {
        return TempInstance.enginesServing(dockerSocket(), "dockerd");
    }

    @Test
    void startAnswersDockerApiAtInstanceSocketAndStopRemovesProcessAndSocket() throws Exception {
        ProcessDriver driver = driver(RestartPolicy.DEFAULT);
        StatusRecorder rec = new StatusRecorder();
        driver.addListener(rec);

        VmStatus s = driver.start(moby());

        assertEquals(VmPhase.RUNNING, s.phase());
        assertEquals(VmReason.STARTED, s.reason());
        assertEquals("unix://" + dockerSocket(), driver.dockerEndpoint().orElseThrow());
        try (DockerClient client = DockerdProcess.clientFor(driver.dockerEndpoint().orElseThrow())) {
            client.pingCmd().exec();
            assertTrue(client.infoCmd().exec().getDockerRootDir().startsWith(instance.paths.dir().toString()),
                    "data root under the instance dir");
        }
        long pid = driver.enginePid().orElseThrow();
        assertTrue(Files.isRegularFile(instance.paths.dir().resolve("engine/daemon.json")), "private --config-file");
        assertTrue(Files.readString(instance.paths.logDir().resolve("dockerd.log")).contains("API listen on"),
                "dockerd logs into log_dir");

        VmStatus stopped = driver.stop(Duration.ofSeconds(30));

        assertEquals(VmPhase.STOPPED, stopped.phase());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "dockerd is gone");
        assertFalse(Files.exists(dockerSocket()), "socket is gone");
        assertEquals(0, dockerdsForSocket());
        assertTrue(driver.dockerEndpoint().isEmpty());
        rec.await(0, x -> x.phase() == VmPhase.STOPPED, WAIT, "Stopped delivered"); // listeners hear asynchronously
        List<VmPhase> phases = rec.seen().stream().map(VmStatus::phase).toList();
        assertEquals(List.of(VmPhase.STARTING, VmPhase.RUNNING, VmPhase.STOPPING, VmPhase.STOPPED),
                phases.subList(phases.size() - 4, phases.size()));
    }

    /** gap 7: the engine restarted behind the service's back must come back without a "not running" in between. */
    @Test
    void killedDockerdIsRestartedWithBackoffWithoutReportingStopped() throws Exception {
        ProcessDriver driver = driver(FAST_RESTARTS);
        StatusRecorder rec = new StatusRecorder();
        driver.addListener(rec);
        driver.start(moby());
        rec.await(0, s -> s.reason() == VmReason.STARTED, WAIT, "Started"); // delivered asynchronously
        int mark = rec.size();
        long pid = driver.enginePid().orElseThrow();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // kill -9 behind the driver's back

        VmStatus restarting = rec.await(mark, s -> s.reason() == VmReason.RESTARTING, WAIT, "Restarting");
        assertEquals(VmPhase.RUNNING, restarting.phase());
        VmStatus back = rec.await(mark, s -> s.reason() == VmReason.STARTED, WAIT, "Started again");
        assertEquals(1, back.restartCount());
        long newPid = driver.enginePid().orElseThrow();
        assertNotEquals(pid, newPid);
        List<VmStatus> afterKill = rec.seen().subList(mark, rec.size());
        assertTrue(afterKill.stream().allMatch(s -> s.phase() == VmPhase.RUNNING),
                "no status other than RUNNING between the kill and the restart: " + afterKill);
        try (DockerClient client = DockerdProcess.clientFor(driver.dockerEndpoint().orElseThrow())) {
            client.pingCmd().exec();
        }
        assertEquals(1, dockerdsForSocket());
    }

    @Test
    void crashLoopGivesUpWithStartFailedCarryingDockerdsLastLogLines() throws Exception {
        ProcessDriver driver = driver(FAST_RESTARTS);
        driver.start(moby());
        StatusRecorder rec = new StatusRecorder();
        driver.addListener(rec);
        // The user breaks the engine config, then the engine dies: every restart now exits at once.
        Files.writeString(instance.paths.dir().resolve("engine/daemon.json"), "{ not json", StandardCharsets.UTF_8);
        ProcessHandle.of(driver.enginePid().orElseThrow()).orElseThrow().destroyForcibly();

        VmStatus failed = rec.await(0, s -> s.phase() == VmPhase.FAILED, WAIT, "FAILED");

        assertEquals(VmReason.START_FAILED, failed.reason());
        assertTrue(failed.message().contains("gave up"), failed.message());
        assertTrue(failed.message().contains("invalid character"), "dockerd's own error text: " + failed.message());
        // The first exit is a restart, every further one a crash loop in back-off, until the budget is spent.
        List<VmStatus> attempts = rec.seen().stream()
                .filter(s -> s.reason() == VmReason.RESTARTING || s.reason() == VmReason.CRASH_LOOP_BACK_OFF).toList();
        assertEquals(FAST_RESTARTS.maxRestarts(), attempts.size());
        assertEquals(VmReason.RESTARTING, attempts.getFirst().reason());
        assertTrue(attempts.stream().skip(1).allMatch(s -> s.reason() == VmReason.CRASH_LOOP_BACK_OFF
                && s.message().contains("back-off")), "CrashLoopBackOff from the second exit on: " + attempts);
        assertTrue(rec.seen().stream().noneMatch(s -> s.phase() == VmPhase.STOPPED), "no Stopped while restarting");
        assertEquals(0, dockerdsForSocket());
        assertTrue(driver.enginePid().isEmpty());
    }

    @Test
    void startWithABrokenFlagFailsWithDockerdsOwnError() throws Exception {
        ProcessDriver driver = driver(RestartPolicy.DEFAULT);
        EngineConfig broken = moby().withDockerdArgs(List.of("--no-such-flag"));

        VmException e = assertThrows(VmException.class, () -> driver.start(broken));

        assertEquals(VmReason.START_FAILED, e.reason());
        assertTrue(e.getMessage().contains("unknown flag: --no-such-flag"), e.getMessage());
        assertEquals(VmPhase.FAILED, driver.status().phase());
        assertEquals(VmReason.START_FAILED, driver.status().reason());
        assertEquals(e.getMessage(), driver.status().message());
        assertEquals(0, dockerdsForSocket());

        VmStatus ok = driver.start(moby()); // a corrected config starts fine afterwards
        assertEquals(VmPhase.RUNNING, ok.phase());
    }

    @Test
    void aNewDriverAdoptsTheRunningDockerdInsteadOfStartingASecondOne() throws Exception {
        ProcessDriver first = driver(RestartPolicy.DEFAULT);
        first.start(moby());
        long pid = first.enginePid().orElseThrow();
        first.close(); // the service "crashed": nothing stopped the engine
        drivers.remove(first);

        ProcessDriver second = driver(FAST_RESTARTS);
        StatusRecorder rec = new StatusRecorder();
        second.addListener(rec);
        VmStatus s = second.start(moby());

        assertEquals(VmPhase.RUNNING, s.phase());
        assertTrue(s.message().contains("adopted"), s.message());
        assertEquals(pid, second.enginePid().orElseThrow(), "same dockerd");
        assertEquals(1, dockerdsForSocket(), "no second dockerd");
        try (DockerClient client = DockerdProcess.clientFor(second.dockerEndpoint().orElseThrow())) {
            client.pingCmd().exec();
        }

        // The adopted process is watched with onExit() too: killing it restarts it.
        int mark = rec.size();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        VmStatus back = rec.await(mark, x -> x.reason() == VmReason.STARTED && x.restartCount() > 0, WAIT,
                "Started after the adopted one died");
        assertEquals(1, back.restartCount());
        assertNotEquals(pid, second.enginePid().orElseThrow());
        assertEquals(1, dockerdsForSocket());
    }

    @Test
    void aNewDriverReplacesARunningDockerdWithAnotherCommandLine() throws Exception {
        ProcessDriver first = driver(RestartPolicy.DEFAULT);
        first.start(moby());
        long pid = first.enginePid().orElseThrow();
        first.close();
        drivers.remove(first);

        List<String> args = new ArrayList<>(TEST_DOCKERD_ARGS);
        args.add("--log-level=info");
        ProcessDriver second = driver(RestartPolicy.DEFAULT);
        VmStatus s = second.start(moby().withDockerdArgs(args));

        assertEquals(VmPhase.RUNNING, s.phase());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the old dockerd was stopped");
        assertNotEquals(pid, second.enginePid().orElseThrow());
        assertEquals(1, dockerdsForSocket());
    }

    @Test
    void stopOnAFreshDriverStopsTheEngineLeftByAnEarlierServiceRun() throws Exception {
        ProcessDriver first = driver(RestartPolicy.DEFAULT);
        first.start(moby());
        long pid = first.enginePid().orElseThrow();
        first.close();
        drivers.remove(first);

        ProcessDriver second = driver(RestartPolicy.DEFAULT);
        VmStatus s = second.stop(Duration.ofSeconds(30));

        assertEquals(VmPhase.STOPPED, s.phase());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(0, dockerdsForSocket());
        assertFalse(Files.exists(dockerSocket()));
    }

    /** gap 5: running=false while the engine is degraded (dead, restart pending) still ends Stopped at once. */
    @Test
    void stopWhileARestartIsPendingReturnsStoppedAndNothingRestarts() throws Exception {
        RestartPolicy slow = new RestartPolicy(5, Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofSeconds(30));
        ProcessDriver driver = driver(slow);
        driver.start(moby());
        StatusRecorder rec = new StatusRecorder();
        driver.addListener(rec);
        ProcessHandle.of(driver.enginePid().orElseThrow()).orElseThrow().destroyForcibly();
        rec.await(0, s -> s.reason() == VmReason.RESTARTING, WAIT, "Restarting");

        long t0 = System.nanoTime();
        VmStatus s = driver.stop(Duration.ofSeconds(30));

        assertEquals(VmPhase.STOPPED, s.phase());
        assertEquals(VmReason.STOPPED, s.reason());
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 15, "stop does not wait for the backoff");
        assertTrue(driver.enginePid().isEmpty());
        assertEquals(0, dockerdsForSocket());
        assertFalse(Files.exists(dockerSocket()));
    }

    @Test
    void containerdEngineRunsAsAChildAndIsRunningOnlyWhenItAnswers() throws Exception {
        ProcessDriver driver = driver(RestartPolicy.DEFAULT);
        VmStatus s = driver.start(EngineConfig.of(EngineKind.CONTAINERD).withStartTimeout(WAIT));

        assertEquals(VmPhase.RUNNING, s.phase());
        EngineEndpoint endpoint = s.endpoint().orElseThrow();
        assertEquals(EngineKind.CONTAINERD, endpoint.engine());
        Path socket = instance.paths.shortDir().resolve("containerd.sock");
        assertEquals("unix://" + socket, endpoint.address());
        assertTrue(driver.dockerEndpoint().isEmpty(), "containerd has no Docker API");
        assertTrue(ctrVersion(socket), "ctr reaches the containerd the driver started");
        assertEquals(1, TempInstance.enginesServing(socket, "containerd"));
        assertTrue(Files.readString(instance.paths.logDir().resolve("containerd.log")).contains("containerd successfully booted"));

        driver.stop(Duration.ofSeconds(30));

        assertEquals(0, TempInstance.enginesServing(socket, "containerd"));
        assertFalse(Files.exists(socket));
    }

    private static boolean ctrVersion(Path socket) throws IOException, InterruptedException {
        Path ctr = HostEnvironment.findOnPath("ctr", System.getenv().getOrDefault("PATH", "")).orElse(null);
        if (ctr == null) {
            return Files.exists(socket); // without ctr the driver's own probe (a connect) is all there is
        }
        Process p = new ProcessBuilder(ctr.toString(), "--address", socket.toString(), "version")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void aSocketServedByAnEngineThisInstanceCannotIdentifyIsRefusedAndLeftAlone() throws Exception {
        ProcessDriver first = driver(RestartPolicy.DEFAULT);
        first.start(moby());
        long pid = first.enginePid().orElseThrow();
        first.close();
        drivers.remove(first);
        // Both adoption clues are lost: nothing says the engine on the socket is ours.
        Files.delete(instance.paths.dir().resolve("engine/process.json"));
        Files.delete(instance.paths.shortDir().resolve("engine/docker/dockerd.pid"));

        ProcessDriver second = driver(RestartPolicy.DEFAULT);
        VmException e = assertThrows(VmException.class, () -> second.start(moby()));

        assertEquals(VmReason.START_FAILED, e.reason());
        assertTrue(e.getMessage().contains("another engine already answers at " + dockerSocket()), e.getMessage());
        assertEquals(VmReason.START_FAILED, second.status().reason());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the unknown engine is not touched");
        assertEquals(1, dockerdsForSocket());
        ProcessHandle.of(pid).orElseThrow().destroy(); // TempInstance would kill it too; stop it gracefully here
        assertTrue(HostProcesses.awaitExit(ProcessHandle.of(pid).orElseThrow(), Duration.ofSeconds(30)));
    }

    @Test
    void deleteStopsTheEngineAndRemovesItsData() throws Exception {
        ProcessDriver driver = driver(RestartPolicy.DEFAULT);
        driver.start(moby());
        long pid = driver.enginePid().orElseThrow();
        assertTrue(Files.isDirectory(instance.paths.dir().resolve("engine/docker")));

        VmStatus s = driver.delete(Duration.ofSeconds(30));

        assertEquals(VmPhase.STOPPED, s.phase());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(Files.exists(instance.paths.dir().resolve("engine")), "data root and config removed");
        assertFalse(Files.exists(instance.paths.shortDir().resolve("engine")), "exec root removed");
    }

    @Test
    void startIsIdempotentForTheSameConfig() throws Exception {
        ProcessDriver driver = driver(RestartPolicy.DEFAULT);
        driver.start(moby());
        long pid = driver.enginePid().orElseThrow();

        VmStatus again = driver.start(moby());

        assertEquals(VmPhase.RUNNING, again.phase());
        assertEquals(pid, driver.enginePid().orElseThrow());
        assertEquals(1, dockerdsForSocket());
    }
}
