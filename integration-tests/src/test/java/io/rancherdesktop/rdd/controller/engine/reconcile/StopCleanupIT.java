package io.rancherdesktop.rdd.controller.engine.reconcile;

import io.rancherdesktop.rdd.wire.Backoff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.javaoperatorsdk.operator.Operator;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNamespace;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.instance.ControllerSelection;
import io.rancherdesktop.rdd.controller.engine.EngineController;
import io.rancherdesktop.rdd.controller.engine.EngineControllerSettings;
import io.rancherdesktop.rdd.controller.engine.kube.ApiCallCounter;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The stop cleanup under injected faults (docs/design/mirroring-rules.md §8, review I5, testing gap 6): a conflict on the
 * first finalizer update is retried; a kind whose list fails does not stop the other kinds; the error is returned
 * and the next reconcile retries with no watcher in memory; {@code ContainerEngineReady} becomes Stopped only after
 * everything is gone.
 */
class StopCleanupIT {
    private static final String R = "cleanup";
    private static final Duration T = Duration.ofSeconds(60);

    private static <T extends CustomResource<?, ?>> void create(KubernetesClient c, T obj, String name, boolean finalizer) {
        ObjectMeta m = new ObjectMeta();
        m.setName(name);
        m.setNamespace(R);
        if (finalizer) {
            m.setFinalizers(List.of(Finalizers.MIRROR));
        }
        obj.setMetadata(m);
        obj.setStatus(null);
        c.resource(obj).create();
    }

    private static int count(KubernetesClient c, Class<? extends HasMetadata> kind) {
        return c.resources(kind).inNamespace(R).list().getItems().size();
    }

    @Test
    void gap6I5ConflictRetriedOtherKindsCleanedErrorRetriedAndStoppedOnlyAfterSuccess() throws Exception {
        try (TestApiServer api = TestApiServer.start(); KubernetesClient seeder = api.newEngineClient()) {
            KubernetesClient user = api.client();
            user.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(R).endMetadata().build()).create();
            for (int i = 0; i < 3; i++) { // mirrors are seeded as the engine controller, their only creator
                Container c = new Container();
                c.setSpec(new ContainerSpec(RequestedState.UNKNOWN));
                create(seeder, c, "c" + i, true);
                create(seeder, new Image(), "img-" + i, true);
                create(seeder, new Volume(), "vol-" + i, true);
            }
            create(seeder, new ContainerNamespace(), "moby", false);

            AtomicBoolean bumped = new AtomicBoolean();
            AtomicInteger volumeListFailures = new AtomicInteger();
            CountDownLatch secondAttemptMayGo = new CountDownLatch(1);
            CountDownLatch secondAttemptStarted = new CountDownLatch(1);
            Interceptor faults = new Interceptor() {
                @Override
                public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                    String path = request.uri().getPath();
                    if ("PUT".equals(request.method()) && path.endsWith("/namespaces/" + R + "/containers/c0")
                            && bumped.compareAndSet(false, true)) {
                        // Somebody else writes c0 just before the engine's first finalizer update of it: a 409.
                        user.resources(Container.class).inNamespace(R).withName("c0")
                                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"bumped\":\"yes\"}}}");
                    }
                    if ("GET".equals(request.method()) && path.endsWith("/namespaces/" + R + "/volumes")
                            && volumeListFailures.get() < 2) {
                        int n = volumeListFailures.incrementAndGet();
                        if (n == 2) {
                            secondAttemptStarted.countDown();
                            try {
                                secondAttemptMayGo.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        builder.uri(java.net.URI.create(request.uri().toString().replace("/volumes", "/nosuchkind")));
                    }
                }
            };
            ApiCallCounter counter = new ApiCallCounter();
            KubernetesClient engineClient = counter.newClient(api.config(), faults);
            App app = new App();
            ObjectMeta meta = new ObjectMeta();
            meta.setName(App.NAME);
            app.setMetadata(meta);
            AppSpec spec = new AppSpec();
            spec.setRunning(false);
            spec.setNamespace(R);
            app.setSpec(spec);
            user.resource(app).create();
            EngineControllerHarness.setRunningCondition(user, false);

            EngineControllerSettings settings = EngineControllerSettings.defaults();
            settings = new EngineControllerSettings(settings.supervisor(), settings.deleteBackoff(), settings.waitBackoff(),
                    settings.maxTransientFailures(), settings.afterCall(), new Backoff(Duration.ofMillis(100), Duration.ofMillis(500)));
            KubernetesClient operatorClient = api.newClient();
            Operator operator = new Operator(o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false));
            Supplier<String> noEngine = () -> "unix:///nonexistent/docker.sock";
            EngineController controller = EngineController.register(operator, counter, engineClient, noEngine,
                    ControllerSelection.parse("*"), settings, Clock.systemUTC());
            try {
                operator.start();
                assertTrue(secondAttemptStarted.await(30, TimeUnit.SECONDS), "the failed cleanup was retried");
                // Between the attempts: every other kind is clean, the conflict was retried, volumes remain, and the
                // condition does not claim Stopped.
                assertEquals(0, count(user, Container.class), "containers removed despite the conflict");
                assertEquals(0, count(user, Image.class));
                assertEquals(0, count(user, ContainerNamespace.class));
                assertEquals(3, count(user, Volume.class));
                assertTrue(bumped.get());
                App now = user.resources(App.class).withName(App.NAME).get();
                assertTrue(Conditions.find(now.getStatus().getConditions(), ConditionTypes.CONTAINER_ENGINE_READY)
                        .map(c -> !ConditionReasons.ContainerEngineReady.STOPPED.equals(c.getReason())).orElse(true));
                assertTrue(controller.sessions().live().isEmpty(), "no watcher in memory: the retry is level-triggered");
                secondAttemptMayGo.countDown();

                Await.until("ContainerEngineReady Stopped", T, () -> {
                    App a = user.resources(App.class).withName(App.NAME).get();
                    return Conditions.find(a.getStatus().getConditions(), ConditionTypes.CONTAINER_ENGINE_READY)
                            .filter(c -> Conditions.FALSE.equals(c.getStatus())
                                    && ConditionReasons.ContainerEngineReady.STOPPED.equals(c.getReason())).isPresent();
                });
                assertEquals(0, count(user, Volume.class), "volumes removed once their list worked");
                assertEquals(2, volumeListFailures.get());
            } finally {
                secondAttemptMayGo.countDown();
                operator.stop();
                controller.close();
                operatorClient.close();
            }
        }
    }
}
