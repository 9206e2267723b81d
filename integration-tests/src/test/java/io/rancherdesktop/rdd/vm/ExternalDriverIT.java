package io.rancherdesktop.rdd.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The external driver attaches to the shared harness engine and never starts or stops it. */
@ExtendWith(RealDockerEngine.class)
class ExternalDriverIT {
    private TempInstance instance;
    private ExternalDriver driver;

    @BeforeEach
    void setUp() {
        instance = new TempInstance("extit");
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
        instance.close();
    }

    private ExternalDriver driver(Map<String, String> env) {
        driver = new ExternalDriver(instance.paths, new HostEnvironment(env, true, n -> java.util.Optional.empty()));
        return driver;
    }

    @Test
    void attachesToAppSpecVmSocketAndDetachingLeavesTheEngineRunning(DockerdProcess engine) throws Exception {
        ExternalDriver d = driver(Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"));

        VmStatus s = d.start(EngineConfig.of(EngineKind.MOBY).withSocket(engine.host()));

        assertEquals(VmPhase.RUNNING, s.phase());
        assertEquals(engine.host(), d.dockerEndpoint().orElseThrow(), "App.spec.vm.socket wins over DOCKER_HOST");
        // <short_dir>/docker.sock is an alias of the external socket, so `rdd svc paths docker_socket` works
        Path alias = Path.of(instance.paths.dockerSocket());
        boolean unixSocket = engine.host().startsWith("unix://");
        assertEquals(unixSocket, Files.isSymbolicLink(alias), "an alias exists exactly for a Unix-socket engine");
        if (unixSocket) {
            try (DockerClient viaAlias = DockerdProcess.clientFor(instance.paths.dockerEndpoint())) {
                viaAlias.pingCmd().exec();
            }
        }

        VmStatus stopped = d.stop(Duration.ofSeconds(5));

        assertEquals(VmPhase.STOPPED, stopped.phase());
        assertTrue(stopped.message().contains("keeps running"), stopped.message());
        assertFalse(Files.exists(alias, java.nio.file.LinkOption.NOFOLLOW_LINKS), "alias removed");
        engine.client().pingCmd().exec(); // never stopped
        assertEquals(VmPhase.STOPPED, d.delete(Duration.ofSeconds(5)).phase());
        engine.client().pingCmd().exec(); // not even by delete
    }

    @Test
    void usesDockerHostWhenNoSocketIsSet(DockerdProcess engine) throws Exception {
        ExternalDriver d = driver(Map.of("DOCKER_HOST", engine.host()));
        d.start(EngineConfig.of(EngineKind.MOBY));
        assertEquals(engine.host(), d.dockerEndpoint().orElseThrow());
    }

    @Test
    void anEndpointThatDoesNotAnswerFailsWithStartFailed() {
        ExternalDriver d = driver(Map.of());
        Path missing = instance.home.resolve("no-engine.sock");

        VmException e = assertThrows(VmException.class, () -> d.start(EngineConfig.of(EngineKind.MOBY)
                .withSocket(missing.toString()).withStartTimeout(Duration.ofSeconds(1))));

        assertEquals(VmReason.START_FAILED, e.reason());
        assertTrue(e.getMessage().contains("no Docker engine answers at unix://" + missing), e.getMessage());
        assertEquals(VmPhase.FAILED, d.status().phase());
    }

    @Test
    void containerdCannotBeAttached(DockerdProcess engine) {
        ExternalDriver d = driver(Map.of("DOCKER_HOST", engine.host()));
        VmException e = assertThrows(VmException.class, () -> d.start(EngineConfig.of(EngineKind.CONTAINERD)));
        assertTrue(e.getMessage().contains("containerEngine.name=containerd"), e.getMessage());
    }
}
