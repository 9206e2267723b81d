package io.rancherdesktop.rdd.controller.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A dockerd frozen with SIGSTOP while mirroring keeps its sockets open and answers nothing: the event stream
 * neither errors nor closes. The session's liveness ping must notice, so ContainerEngineReady leaves Connected
 * within a bounded time with a message naming the timeout, instead of claiming "Connected" for ever; after
 * SIGCONT the supervisor reconnects and mirroring resumes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineFreezeIT {
    private static final String R = "freeze";
    /** Liveness: two failed pings, each after a 5 s interval and bounded by 5 s; then the connect ping (5 s). */
    private static final Duration DETECTION_BOUND = Duration.ofSeconds(45);
    private DockerdProcess engine;

    @BeforeAll
    void startPrivateEngine() {
        engine = DockerdProcess.startPrivateInstance(Path.of("target", "test-logs"));
    }

    @AfterAll
    void stopPrivateEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aFrozenEngineTurnsContainerEngineReadyToConnectFailedNamingTheTimeoutAndThawingReconnects() {
        try (TestApiServer api = TestApiServer.start();
             EngineControllerHarness harness = EngineControllerHarness.start(api, R, engine::host)) {
            harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
            String before = engine.createContainer("before_freeze");
            Await.until("the mirror of before_freeze", EngineControllerHarness.TIMEOUT,
                    () -> harness.client().resources(Container.class).inNamespace(R).withName(before).get() != null);

            Instant frozenAt = Instant.now();
            engine.signal("STOP");
            try {
                Condition c = harness.awaitEngineReady(Conditions.FALSE, ConditionReasons.ContainerEngineReady.CONNECT_FAILED);
                Duration took = Duration.between(frozenAt, Instant.now());
                assertTrue(took.compareTo(DETECTION_BOUND) < 0, "a frozen engine was noticed only after " + took);
                assertTrue(c.getMessage().contains("within"), "the message names the timeout: " + c.getMessage());
            } finally {
                engine.signal("CONT");
            }
            harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
            String after = engine.createContainer("after_thaw");
            Await.until("the mirror of after_thaw", EngineControllerHarness.TIMEOUT,
                    () -> harness.client().resources(Container.class).inNamespace(R).withName(after).get() != null);
        }
    }
}
