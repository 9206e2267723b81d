package io.rancherdesktop.rdd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.wire.HttpRequest;
import io.rancherdesktop.rdd.logging.LogLevel;
import io.rancherdesktop.rdd.instance.ArgsFile;
import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import io.rancherdesktop.rdd.instance.ServiceCommandLine;
import io.rancherdesktop.rdd.instance.ServiceStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service lifecycle of docs/design/upstream-cli.md §7 with real processes: a detached JVM, the PID-file lock, the Unix socket
 * readiness probe, SIGTERM and SIGKILL. The service is {@link StubServiceMain}, which injects the faults (slow
 * readiness, ignored SIGTERM, failing start) that the real service cannot be made to show on demand.
 */
class ServiceLifecycleIT {
    @TempDir
    Path home;
    private final Map<String, String> env = new HashMap<>();
    private InstancePaths paths;

    @BeforeEach
    void setUp() {
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", home.toString());
        paths = new InstancePaths(new Instance("lifecycle"), Platform.LINUX, home, env);
    }

    @AfterEach
    void killLeftovers() {
        ServiceStatus.of(paths).pid().ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ph -> {
            ph.destroyForcibly();
            ph.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        }));
    }

    private ServiceControl control() {
        ServiceCommandLine stub = new ServiceCommandLine(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                List.of("-Duser.home=" + home, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), System.getProperty("java.class.path"),
                StubServiceMain.class.getName(), null);
        GlobalArgs global = new GlobalArgs(paths.instance(), LogLevel.DEBUG, "text", true, List.of());
        CliContext ctx = new CliContext(global, paths, Map.copyOf(env), new PrintStream(new ByteArrayOutputStream(), true));
        return new ServiceControl(ctx, stub);
    }

    @Test
    void startCreatesStartsAndWaitsForReadinessAndIsIdempotent() throws Exception {
        ServiceControl c = control();
        c.start(true, Duration.ofSeconds(60), null, null);
        ServiceStatus st = c.status();
        assertTrue(st.created());
        assertTrue(st.running());
        assertEquals(List.of("--secure-port", Integer.toString(paths.instance().apiServerPort()), "--controllers", "*", "-v", "2"),
                ArgsFile.read(paths.argsFile()).orElseThrow());
        assertEquals(200, c.client().send(HttpRequest.get("/readyz")).status());
        c.start(true, Duration.ofSeconds(60), "app", 7000);
        assertEquals(st.pid(), c.status().pid(), "a second start leaves the running service alone");
        assertTrue(Files.readString(paths.stderrLog()).contains("--controllers * -v 2"), "the service got the saved args");
    }

    @Test
    void oneOffOverridesReachTheServiceButAreNotSaved() throws Exception {
        ServiceControl c = control();
        c.create(List.of(), "rdd", null);
        c.start(true, Duration.ofSeconds(60), "app", 7001);
        assertTrue(Files.readString(paths.stderrLog()).contains("--controllers rdd -v 2 --controllers app --secure-port 7001 -v 2"));
        assertEquals("rdd", io.rancherdesktop.rdd.instance.ServiceArgs.lastValue(ArgsFile.read(paths.argsFile()).orElseThrow(), "--controllers"));
    }

    @Test
    void stopTerminatesRemovesTheKubeconfigAndIsIdempotent() {
        ServiceControl c = control();
        c.start(true, Duration.ofSeconds(60), null, null);
        long pid = c.status().pid().orElseThrow();
        assertTrue(Files.exists(paths.config()));
        c.stop(true, Duration.ofSeconds(60));
        assertFalse(c.status().running());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(Files.exists(paths.config()));
        c.stop(true, Duration.ofSeconds(60)); // already stopped: no error
        assertTrue(c.status().created(), "stop keeps the instance");
    }

    @Test
    void aKilledServiceIsDetectedAndTheNextStartReplacesIt() throws Exception {
        ServiceControl c = control();
        c.start(true, Duration.ofSeconds(60), null, null);
        long pid = c.status().pid().orElseThrow();
        ProcessHandle ph = ProcessHandle.of(pid).orElseThrow();
        ph.destroyForcibly(); // kill -9: the PID file and the socket stay behind
        ph.onExit().get(10, TimeUnit.SECONDS);
        assertTrue(Files.exists(paths.pidFile()), "stale PID file left behind");
        assertFalse(c.status().running(), "a stale PID file is not a running service");
        c.start(true, Duration.ofSeconds(60), null, null);
        assertNotEquals(pid, c.status().pid().orElseThrow());
        assertEquals(200, c.client().send(HttpRequest.get("/readyz")).status());
    }

    @Test
    void stopForceKillsAfterItsTimeoutAndExitsFour() {
        env.put("STUB_IGNORE_TERM", "1");
        ServiceControl c = control();
        c.start(true, Duration.ofSeconds(60), null, null);
        long pid = c.status().pid().orElseThrow();
        CliException e = assertThrows(CliException.class, () -> c.stop(true, Duration.ofMillis(300)));
        assertEquals(ExitCodes.DEADLINE, e.exitCode());
        assertTrue(e.getMessage().contains("context deadline exceeded"), e.getMessage());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "force-killed");
    }

    @Test
    void deleteOnTimeoutKeepsTheDirectoryAndExitsFour() {
        env.put("STUB_IGNORE_TERM", "1");
        ServiceControl c = control();
        c.start(true, Duration.ofSeconds(60), null, null);
        CliException e = assertThrows(CliException.class, () -> c.delete(Duration.ofMillis(200)));
        assertEquals(ExitCodes.DEADLINE, e.exitCode());
        assertTrue(Files.isDirectory(paths.dir()));
        c.delete(Duration.ofSeconds(30));
        assertFalse(Files.exists(paths.dir()));
        assertFalse(Files.exists(paths.shortDir()));
        assertFalse(Files.exists(paths.logDir()), "logs go too without RDD_KEEP_LOGS");
    }

    @Test
    void startTimeoutExitsFourWithContextDeadlineExceeded() {
        env.put("STUB_READY_AFTER_MS", "600000");
        ServiceControl c = control();
        CliException e = assertThrows(CliException.class, () -> c.start(true, Duration.ofMillis(500), null, null));
        assertEquals(ExitCodes.DEADLINE, e.exitCode());
        assertTrue(e.getMessage().contains("context deadline exceeded"), e.getMessage());
    }

    @Test
    void aServiceThatFailsAtStartIsReportedWithItsLastLogLine() {
        env.put("STUB_FAIL", "port 1 is privileged");
        ServiceControl c = control();
        CliException e = assertThrows(CliException.class, () -> c.start(true, Duration.ofSeconds(60), null, null));
        assertEquals(ExitCodes.GENERIC, e.exitCode());
        assertTrue(e.getMessage().contains("exited with code 3") && e.getMessage().contains("port 1 is privileged"), e.getMessage());
    }

    @Test
    void eachStartRotatesTheLogsUnlessKeepLogsIsSet() throws Exception {
        ServiceControl c = control();
        c.start(true, Duration.ofSeconds(60), null, null);
        c.stop(true, Duration.ofSeconds(60));
        c.start(true, Duration.ofSeconds(60), null, null);
        assertTrue(Files.exists(paths.stderrLog().resolveSibling("rdd.stderr.log.1")));
        c.stop(true, Duration.ofSeconds(60));
        env.put("RDD_KEEP_LOGS", "1");
        control().start(true, Duration.ofSeconds(60), null, null);
        assertFalse(Files.exists(paths.stderrLog().resolveSibling("rdd.stderr.log.2")));
        assertEquals(2, Files.readString(paths.stderrLog()).split("apiserver listening").length - 1, "appended to the same log");
    }

    @Test
    void automaticStartCreatesStartsAndThenTrustsTheReadinessCache() throws Exception {
        ServiceControl c = control();
        ServiceStatus st = c.ensureReady();
        assertTrue(st.running());
        assertTrue(Files.readString(paths.cliCache()).contains(st.runId().orElseThrow()));
        assertEquals(st.pid(), c.ensureReady().pid());
    }
}
