package io.rancherdesktop.rdd.controller.engine.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNamespace;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerConditions;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirrorPort;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirrorStatus;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState;
import io.rancherdesktop.rdd.controller.engine.mirror.HostBinding;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageMirrorStatus;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.controller.engine.mirror.VolumeMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.VolumeMirrorStatus;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fabric8 mirror writer against a real API server (docs/design/mirroring-rules.md §4.3–4.6, §7.4): spec written
 * once (S7), finalizer re-asserted but never on a terminating mirror (S2, I2), unchanged status costs nothing
 * (§4.6), lookups never list (I7), removal retries conflicts and hides nothing but NotFound (I8).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FabricMirrorWriterIT {
    private static final Duration T = Duration.ofSeconds(30);
    private static final String NS = "writer";
    private static final String KEEP = "example.com/keep";

    private TestApiServer api;
    private KubernetesClient user;
    private ApiCallCounter calls;
    private KubernetesClient engineClient;
    private InformerMirrorViews views;
    private FabricMirrorWriter writer;
    private final List<String> removedContainers = new ArrayList<>();

    @BeforeAll
    void start() {
        api = TestApiServer.start();
        user = api.client();
        user.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        calls = new ApiCallCounter();
        engineClient = calls.newClient(api.config());
        views = InformerMirrorViews.start(engineClient, NS);
        writer = new FabricMirrorWriter(engineClient, NS, views.views(), Clock.systemUTC(), removedContainers::add);
    }

    @AfterAll
    void stop() {
        if (views != null) {
            views.close();
        }
        if (engineClient != null) {
            engineClient.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private static ContainerMirror container(String id, ContainerRunState state, long exitCode) {
        return new ContainerMirror(id, new ContainerMirrorStatus("web_" + id.substring(0, 4), "moby", "sh", List.of("-c", "sleep 1"),
                "sha256:" + "ab".repeat(32), Map.of("b", "2", "a", "1"),
                List.of(new ContainerMirrorPort("80/tcp", List.of(new HostBinding("0.0.0.0", "8080")))),
                state, 0, exitCode, null, Instant.parse("2026-01-01T00:00:00.123456789Z"), null, null,
                ContainerConditions.derive(state)));
    }

    private static String id(char c) {
        return String.valueOf(c).repeat(64);
    }

    private Container get(String name) {
        return user.resources(Container.class).inNamespace(NS).withName(name).get();
    }

    @Test
    void s7SpecIsWrittenOnceAtCreationAndAUsersSpecStateSurvivesLaterStatusWrites() {
        String id = id('a');
        writer.applyContainer(container(id, ContainerRunState.RUNNING, 0));
        Container c = get(id);
        assertEquals(RequestedState.UNKNOWN, c.getSpec().getState());
        assertEquals(List.of(Finalizers.MIRROR), c.getMetadata().getFinalizers());
        assertEquals(RunStatus.RUNNING, c.getStatus().getStatus());
        assertEquals("2026-01-01T00:00:00.123456789Z", c.getStatus().getCreatedAt());

        user.resources(Container.class).inNamespace(NS).withName(id)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"state\":\"created\"}}");
        writer.applyContainer(container(id, ContainerRunState.EXITED, 3));
        Container after = get(id);
        assertEquals(RequestedState.CREATED, after.getSpec().getState(), "the engine's status write left the request alone");
        assertEquals(RunStatus.EXITED, after.getStatus().getStatus());
        assertEquals(3, after.getStatus().getExitCode());
    }

    @Test
    void unchangedStatusCostsNoRequestAndKeepsTheResourceVersion() {
        String id = id('b');
        writer.applyContainer(container(id, ContainerRunState.RUNNING, 0));
        String rv = get(id).getMetadata().getResourceVersion();
        long before = calls.requests();
        for (int i = 0; i < 5; i++) {
            writer.applyContainer(container(id, ContainerRunState.RUNNING, 0));
        }
        assertEquals(before, calls.requests(), "a re-sync of an unchanged object sends nothing (§4.6)");
        assertEquals(rv, get(id).getMetadata().getResourceVersion());

        // A condition keeps its lastTransitionTime while its status is unchanged, and moves when it flips.
        String runningSince = get(id).getStatus().getConditions().getFirst().getLastTransitionTime();
        writer.applyContainer(container(id, ContainerRunState.EXITED, 0));
        writer.applyContainer(container(id, ContainerRunState.RUNNING, 0));
        var conditions = get(id).getStatus().getConditions();
        assertEquals("Running", conditions.getFirst().getType());
        assertEquals("True", conditions.getFirst().getStatus());
        assertNotNull(runningSince);
    }

    @Test
    void s2TheFinalizerIsReassertedOnALiveMirrorKeepingOthersButNeverAddedToATerminatingOne() {
        String id = id('c');
        writer.applyContainer(container(id, ContainerRunState.RUNNING, 0));
        user.resources(Container.class).inNamespace(NS).withName(id).edit(c -> {
            c.getMetadata().setFinalizers(List.of(KEEP));
            return c;
        });
        Await.until("cache sees the stripped finalizer", T,
                () -> !views.views().containers().current(NS, id).orElseThrow().getMetadata().getFinalizers().contains(Finalizers.MIRROR));
        writer.applyContainer(container(id, ContainerRunState.RUNNING, 0));
        assertEquals(Set.of(KEEP, Finalizers.MIRROR), Set.copyOf(get(id).getMetadata().getFinalizers()));

        // Terminating (held by KEEP), without our finalizer: the apply writes status only.
        user.resources(Container.class).inNamespace(NS).withName(id).edit(c -> {
            c.getMetadata().setFinalizers(List.of(KEEP));
            return c;
        });
        user.resources(Container.class).inNamespace(NS).withName(id).delete();
        Await.until("cache sees the deletion", T,
                () -> views.views().containers().current(NS, id).orElseThrow().getMetadata().getDeletionTimestamp() != null);
        writer.applyContainer(container(id, ContainerRunState.EXITED, 1));
        Container terminating = get(id);
        assertEquals(List.of(KEEP), terminating.getMetadata().getFinalizers());
        assertEquals(RunStatus.EXITED, terminating.getStatus().getStatus());
        user.resources(Container.class).inNamespace(NS).withName(id).edit(c -> {
            c.getMetadata().setFinalizers(List.of());
            return c;
        });
    }

    @Test
    void i2TheMobyNamespaceIsAppliedWithoutAFinalizerAndOnlyWhenAbsent() {
        writer.applyContainerNamespace("moby");
        ContainerNamespace moby = user.resources(ContainerNamespace.class).inNamespace(NS).withName("moby").get();
        assertTrue(moby.getMetadata().getFinalizers() == null || moby.getMetadata().getFinalizers().isEmpty());
        Await.until("cache has moby", T, () -> views.views().namespaces().cache().get(NS, "moby").isPresent());
        long before = calls.requests();
        writer.applyContainerNamespace("moby");
        assertEquals(before, calls.requests());
    }

    @Test
    void i7ImageLookupsReadTheCacheAndOwnRecentWritesNeverTheApi() {
        String imageId = "sha256:" + "cd".repeat(32);
        ImageMirror a = ImageMirror.of(new ImageMirrorStatus("moby", imageId, "example/app:Tag_UPPER_1", List.of(), null, "amd64", "linux", 5, Map.of()));
        ImageMirror b = ImageMirror.of(new ImageMirrorStatus("moby", imageId, "example/app:other", List.of(), null, "amd64", "linux", 5, Map.of()));
        long listsBefore = calls.lists();
        writer.applyImage(a);
        writer.applyImage(b);
        // Immediately, before the informer may have delivered them: the writer's own writes are visible.
        assertEquals(Set.of(a.name(), b.name()), writer.listImageNamesWithId(imageId));
        assertEquals(Set.of(imageId), writer.listImageIdsWithTag("example/app:Tag_UPPER_1"));
        writer.remove(MirrorKind.IMAGE, b.name());
        assertEquals(Set.of(a.name()), writer.listImageNamesWithId(imageId));
        assertEquals(Set.of(), writer.listImageIdsWithTag("example/app:other"));
        assertEquals(listsBefore, calls.lists(), "no list call");
        assertTrue(a.name().matches("^img-[0-9a-f]{64}$"));
        assertNull(user.resources(Image.class).inNamespace(NS).withName(b.name()).get());
    }

    @Test
    void volumesKeepTheirDockerNameInStatusAndAreRemovedEngineSideWithoutDocker() {
        VolumeMirror v = VolumeMirror.of(new VolumeMirrorStatus("My_Vol_Ume", "moby", null, "local", "/var/lib/x", Map.of(), "local", Map.of()));
        writer.applyVolume(v);
        Volume stored = user.resources(Volume.class).inNamespace(NS).withName(v.name()).get();
        assertEquals("My_Vol_Ume", stored.getStatus().getName());
        assertEquals(List.of(Finalizers.MIRROR), stored.getMetadata().getFinalizers());
        writer.remove(MirrorKind.VOLUME, v.name());
        assertNull(user.resources(Volume.class).inNamespace(NS).withName(v.name()).get());
        writer.remove(MirrorKind.VOLUME, v.name()); // NotFound is success
    }

    @Test
    void i8RemovalRetriesAConflictingFinalizerUpdate() {
        String id = id('d');
        writer.applyContainer(container(id, ContainerRunState.EXITED, 0));
        AtomicBoolean bumped = new AtomicBoolean();
        // Before the first finalizer update reaches the server, another writer changes the object: that PUT conflicts.
        Interceptor bumpFirstUpdate = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                if ("PUT".equals(request.method()) && request.uri().getPath().endsWith("/containers/" + id)
                        && bumped.compareAndSet(false, true)) {
                    user.resources(Container.class).inNamespace(NS).withName(id)
                            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"bump\":\"1\"}}}");
                }
            }
        };
        ApiCallCounter counter = new ApiCallCounter();
        try (KubernetesClient faulty = counter.newClient(api.config(), bumpFirstUpdate)) {
            MirrorRemoval.Outcome outcome = new MirrorRemoval(faulty).remove(Container.class, NS, id);
            assertTrue(outcome.existed());
        }
        assertTrue(bumped.get());
        assertNull(get(id), "removed despite the conflict");
    }

    @Test
    void i8RemovalReportsEveryErrorButNotFound() {
        String id = id('e');
        writer.applyContainer(container(id, ContainerRunState.EXITED, 0));
        // A DELETE the server refuses (here: 405, sent to the status subresource) must surface, not pass as "gone".
        Interceptor refuseDelete = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                if ("DELETE".equals(request.method())) {
                    builder.uri(java.net.URI.create(request.uri().toString().replace("/containers/" + id, "/containers/" + id + "/status")));
                }
            }
        };
        try (KubernetesClient faulty = new ApiCallCounter().newClient(api.config(), refuseDelete)) {
            KubernetesClientException e = assertThrows(KubernetesClientException.class,
                    () -> new MirrorRemoval(faulty).remove(Container.class, NS, id));
            assertEquals(405, e.getCode());
        }
        assertNotNull(get(id), "still there: the failure was not mistaken for success");
        assertFalse(new MirrorRemoval(user).remove(Container.class, NS, id('f')).existed(), "NotFound is success");
    }
}
