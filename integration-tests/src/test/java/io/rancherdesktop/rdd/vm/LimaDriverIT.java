package io.rancherdesktop.rdd.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.github.dockerjava.api.DockerClient;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lima driver's command lines and rendered template, against {@link StandInLimactl} (Lima cannot run on the dev
 * machines or in CI). The stand-in "forwards" the guest Docker socket to the shared harness engine, so "Running only
 * once the engine answers a ping" is checked against a real engine.
 */
@ExtendWith(RealDockerEngine.class)
class LimaDriverIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private TempInstance instance;
    private StandInLimactl limactl;
    private final Map<String, String> env = new HashMap<>();
    private LimaDriver driver;

    @BeforeEach
    void setUp(DockerdProcess engine) throws Exception {
        assertTrue(engine.host().startsWith("unix://"), "the stand-in forwards to a Unix socket; the harness engine is " + engine.host());
        instance = new TempInstance("limait");
        limactl = new StandInLimactl(instance.home.resolve("standin"));
        env.put("STANDIN_LOG", limactl.log.toString());
        env.put("STANDIN_ENGINE_SOCKET", engine.host().substring("unix://".length()));
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
        instance.close();
    }

    private LimaDriver driver() {
        driver = new LimaDriver(instance.paths, limactl.script, new HostEnvironment(env, true, n -> Optional.empty()));
        return driver;
    }

    private String limaHome() {
        return "LIMA_HOME=" + instance.paths.limaHome() + " ";
    }

    private JsonNode instanceTemplate() throws Exception {
        return yaml.readTree(Files.readString(instance.paths.limaHome().resolve("rd/lima.yaml")));
    }

    @Test
    void startCreatesAndStartsVmRdWithTheRenderedTemplateAndRunsOnceDockerAnswers() throws Exception {
        EngineConfig cfg = EngineConfig.fromEnvironment(EngineKind.MOBY, null, Map.of("RDD_VM_CPUS", "3")).withStartTimeout(WAIT);

        VmStatus s = driver().start(cfg);

        Path applied = instance.paths.dir().resolve("lima/rd.yaml");
        assertEquals(List.of(
                limaHome() + "list --json",
                limaHome() + "create --tty=false --name=rd " + applied,
                limaHome() + "start --tty=false rd"), limactl.calls());
        JsonNode t = instanceTemplate();
        assertEquals(instance.paths.dockerSocket(), t.at("/portForwards/0/hostSocket").asText());
        assertEquals("/var/run/docker.sock", t.at("/portForwards/0/guestSocket").asText());
        assertEquals(3, t.at("/cpus").asInt(), "cpus from RDD_VM_CPUS");
        assertTrue(t.at("/provision/0/script").asText().contains("engine=\"moby\""));
        assertEquals(VmPhase.RUNNING, s.phase());
        assertEquals(instance.paths.dockerEndpoint(), driver.dockerEndpoint().orElseThrow());
        try (DockerClient client = DockerdProcess.clientFor(driver.dockerEndpoint().orElseThrow())) {
            client.pingCmd().exec(); // through the "forwarded" socket
        }

        driver.start(cfg); // idempotent: nothing but a status read
        assertEquals(3, limactl.calls().size());
    }

    @Test
    void switchingToContainerdStopsTheVmRewritesItsTemplateAndStartsIt() throws Exception {
        driver().start(EngineConfig.of(EngineKind.MOBY).withStartTimeout(WAIT));
        int before = limactl.calls().size();

        VmStatus s = driver.start(EngineConfig.of(EngineKind.CONTAINERD).withStartTimeout(WAIT));

        assertEquals(List.of(
                limaHome() + "list --json",
                limaHome() + "stop rd",
                limaHome() + "start --tty=false rd",
                limaHome() + "shell rd sudo nerdctl version"), limactl.calls().subList(before, limactl.calls().size()));
        JsonNode t = instanceTemplate();
        assertTrue(t.at("/containerd/system").asBoolean());
        assertTrue(t.at("/provision/0/script").asText().contains("engine=\"containerd\""));
        assertEquals(VmPhase.RUNNING, s.phase());
        assertTrue(driver.dockerEndpoint().isEmpty(), "containerd has no Docker API");
    }

    @Test
    void stopAndDeleteDriveLimactl() throws Exception {
        driver().start(EngineConfig.of(EngineKind.MOBY).withStartTimeout(WAIT));
        int before = limactl.calls().size();

        assertEquals(VmPhase.STOPPED, driver.stop(Duration.ofSeconds(30)).phase());
        assertEquals(VmPhase.STOPPED, driver.delete(Duration.ofSeconds(30)).phase());

        assertEquals(List.of(
                limaHome() + "list --json",
                limaHome() + "stop rd",
                limaHome() + "list --json",
                limaHome() + "delete --force rd"), limactl.calls().subList(before, limactl.calls().size()));
        assertFalse(Files.exists(instance.paths.limaHome().resolve("rd")));
        assertFalse(Files.exists(Path.of(instance.paths.dockerSocket()), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aFailingLimactlStartBecomesStartFailedWithLimasOwnMessage() throws Exception {
        env.put("STANDIN_FAIL_START", "failed to start the VM: qemu: no accelerator found");

        VmException e = assertThrows(VmException.class, () -> driver().start(EngineConfig.of(EngineKind.MOBY).withStartTimeout(WAIT)));

        assertEquals(VmReason.START_FAILED, e.reason());
        assertTrue(e.getMessage().contains("limactl start --tty=false rd failed"), e.getMessage());
        assertTrue(e.getMessage().contains("qemu: no accelerator found"), e.getMessage());
        assertEquals(VmPhase.FAILED, driver.status().phase());
        assertEquals(e.getMessage(), driver.status().message());
    }

    @Test
    void aStopThatFailsEvenWhenForcedBecomesStopFailed() throws Exception {
        driver().start(EngineConfig.of(EngineKind.MOBY).withStartTimeout(WAIT));
        env.put("STANDIN_FAIL_STOP", "hostagent is not responding");
        driver.close();
        driver(); // a driver that sees the failing stand-in environment
        int before = limactl.calls().size();

        VmException e = assertThrows(VmException.class, () -> driver.stop(Duration.ofSeconds(5)));

        assertEquals(VmReason.STOP_FAILED, e.reason());
        assertTrue(e.getMessage().contains("hostagent is not responding"), e.getMessage());
        assertEquals(List.of(
                limaHome() + "list --json",
                limaHome() + "stop rd",
                limaHome() + "stop --force rd"), limactl.calls().subList(before, limactl.calls().size()));
        assertEquals(VmReason.STOP_FAILED, driver.status().reason());
    }

    @Test
    void theVmStoppingOutsideRddIsReportedAsStopped() throws Exception {
        driver().start(EngineConfig.of(EngineKind.MOBY).withStartTimeout(WAIT));
        StatusRecorder rec = new StatusRecorder();
        driver.addListener(rec);
        long agent = Long.parseLong(Files.readString(instance.paths.limaHome().resolve("rd/ha.pid")).trim());

        ProcessHandle.of(agent).orElseThrow().destroy(); // the host agent goes away, as after `limactl stop rd` by hand

        VmStatus s = rec.await(0, x -> x.phase() == VmPhase.STOPPED, WAIT, "Stopped");
        assertTrue(s.message().contains("stopped outside rdd"), s.message());
    }
}
