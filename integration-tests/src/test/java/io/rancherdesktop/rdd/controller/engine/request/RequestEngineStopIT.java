package io.rancherdesktop.rdd.controller.engine.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePullRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePullRequestSpec;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A request in flight when the engine stops ends {@code Failed/EngineStopped} (docs/api.md §3.5): a pull from a
 * "registry" that accepts connections and never answers keeps dockerd's pull call open; killing a private dockerd
 * then ends the call without an answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestEngineStopIT {
    private static final Duration T = EngineControllerHarness.TIMEOUT;
    private static final String R = "enginestop";

    private DockerdProcess engine;
    private TestApiServer api;
    private EngineControllerHarness harness;
    private ServerSocket blackHole;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws IOException {
        blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!blackHole.isClosed()) {
                try {
                    held.add(blackHole.accept()); // never answered
                } catch (IOException closed) {
                    return;
                }
            }
        });
        engine = DockerdProcess.startPrivateInstance(Path.of("target", "test-logs"));
        api = TestApiServer.start();
        harness = EngineControllerHarness.start(api, R, engine::host);
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (harness != null) {
                harness.close();
            }
            if (api != null) {
                api.close();
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
            blackHole.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aPullInFlightWhenTheEngineIsKilledEndsFailedEngineStopped() {
        ImagePullRequest r = new ImagePullRequest();
        ObjectMeta meta = new ObjectMeta();
        meta.setName("hanging-pull");
        meta.setNamespace(R);
        r.setMetadata(meta);
        ImagePullRequestSpec spec = new ImagePullRequestSpec();
        spec.setRepoTag("127.0.0.1:" + blackHole.getLocalPort() + "/rdd/hangs:1");
        r.setSpec(spec);
        harness.client().resource(r).create();
        Await.until("the pull is in flight", T, () -> {
            ImagePullRequest x = harness.client().resources(ImagePullRequest.class).inNamespace(R).withName("hanging-pull").get();
            return x != null && x.getStatus() != null && Conditions.find(x.getStatus().getConditions(), ConditionTypes.COMPLETE)
                    .map(c -> ConditionReasons.Request.IN_PROGRESS.equals(c.getReason())).orElse(false) && !held.isEmpty();
        });
        engine.kill();
        ImagePullRequest done = Await.value("the request ends", T, () -> {
            ImagePullRequest x = harness.client().resources(ImagePullRequest.class).inNamespace(R).withName("hanging-pull").get();
            return x != null && RequestReconciler.finished(x.getStatus()) ? x : null;
        });
        Condition failed = Conditions.find(done.getStatus().getConditions(), ConditionTypes.FAILED).orElseThrow();
        assertEquals(Conditions.TRUE, failed.getStatus());
        assertEquals(ConditionReasons.Request.ENGINE_STOPPED, failed.getReason(), failed.getMessage());
    }
}
