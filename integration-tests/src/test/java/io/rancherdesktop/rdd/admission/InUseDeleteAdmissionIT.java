package io.rancherdesktop.rdd.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeStatus;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The in-use delete rule of docs/api.md ("Deleting an image or a volume") against the real API server, with mirrors
 * seeded as the engine controller writes them (no engine: what admission decides from is the stored status). The
 * end-to-end behaviour with dockerd is in {@code EngineMirroringIT} and BATS engine-docker.bats.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InUseDeleteAdmissionIT {
    private static final String NS = "inuse";

    private TestApiServer api;
    private KubernetesClient owner;
    private KubernetesClient engine;

    @BeforeAll
    void start() {
        api = TestApiServer.start();
        owner = api.client();
        engine = api.newEngineClient();
        owner.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        container("c-toolbox", "toolbox", RunStatus.EXITED);
        container("c-web", "web", RunStatus.RUNNING);
    }

    @AfterAll
    void stop() {
        engine.close();
        api.close();
    }

    private static ObjectMeta meta(String name, boolean finalizer) {
        ObjectMeta m = new ObjectMeta();
        m.setName(name);
        m.setNamespace(NS);
        if (finalizer) {
            m.setFinalizers(List.of(Finalizers.MIRROR));
        }
        return m;
    }

    private void container(String name, String dockerName, RunStatus state) {
        Container c = new Container();
        c.setMetadata(meta(name, false));
        c.setSpec(new ContainerSpec(RequestedState.UNKNOWN));
        c.setStatus(null);
        Container created = engine.resource(c).create();
        ContainerStatus st = new ContainerStatus();
        st.setName(dockerName);
        st.setStatus(state);
        created.setStatus(st);
        engine.resource(created).updateStatus();
    }

    private Image image(String name, String id, String tag, boolean finalizer, String... users) {
        Image i = new Image();
        i.setMetadata(meta(name, finalizer));
        i.setStatus(null);
        Image created = engine.resource(i).create();
        ImageStatus st = new ImageStatus();
        st.setId(id);
        st.setRepoTag(tag);
        st.setUsedBy(List.of(users));
        st.setInUse(users.length > 0);
        created.setStatus(st);
        return engine.resource(created).updateStatus();
    }

    private Volume volume(String name, String engineName, String... users) {
        Volume v = new Volume();
        v.setMetadata(meta(name, false));
        v.setStatus(null);
        Volume created = engine.resource(v).create();
        VolumeStatus st = new VolumeStatus();
        st.setName(engineName);
        st.setUsedBy(List.of(users));
        st.setInUse(users.length > 0);
        created.setStatus(st);
        return engine.resource(created).updateStatus();
    }

    private Image getImage(String name) {
        return owner.resources(Image.class).inNamespace(NS).withName(name).get();
    }

    private static KubernetesClientException conflict(Runnable delete) {
        KubernetesClientException e = assertThrows(KubernetesClientException.class, delete::run);
        assertEquals(409, e.getCode(), e.getMessage());
        assertEquals("Conflict", e.getStatus().getReason());
        return e;
    }

    @Test
    void aVolumeInUseIsRefusedNamingEachUserWithItsStateOneCausePerUserEvenWhenForced() {
        volume("vol-data", "data", "toolbox", "web");
        for (long grace : new long[] {30, 0}) {
            KubernetesClientException e = conflict(() -> owner.resources(Volume.class).inNamespace(NS).withName("vol-data").withGracePeriod(grace).delete());
            assertTrue(e.getStatus().getMessage().endsWith("volume data is used by container toolbox (exited), container web (running)"),
                    e.getStatus().getMessage());
            assertEquals(List.of("volume data is used by container toolbox (exited)", "volume data is used by container web (running)"),
                    e.getStatus().getDetails().getCauses().stream().map(c -> c.getMessage()).toList());
            assertEquals("InUse", e.getStatus().getDetails().getCauses().getFirst().getReason());
        }
        assertNotNull(owner.resources(Volume.class).inNamespace(NS).withName("vol-data").get());
    }

    @Test
    void oneOfTwoTagsGoesWhileTheLastTagAndADanglingImageAreRefusedAndAUserWithoutMirrorIsNamedWithoutState() {
        image("img-a", "sha256:aaa", "shop/tools:2.0", false, "toolbox");
        image("img-b", "sha256:aaa", "shop/tools:latest", false, "toolbox");
        owner.resources(Image.class).inNamespace(NS).withName("img-b").delete();
        assertNull(getImage("img-b"), "untagging one of two tags is allowed while in use");
        KubernetesClientException last = conflict(() -> owner.resources(Image.class).inNamespace(NS).withName("img-a").delete());
        assertTrue(last.getStatus().getMessage().endsWith("image shop/tools:2.0 is used by container toolbox (exited)"), last.getStatus().getMessage());
        assertNull(getImage("img-a").getMetadata().getDeletionTimestamp());

        image("img-dangling", "sha256:ddd", null, false, "ghost");
        KubernetesClientException dangling = conflict(() -> owner.resources(Image.class).inNamespace(NS).withName("img-dangling").delete());
        assertTrue(dangling.getStatus().getMessage().endsWith("image sha256:ddd is used by container ghost"), dangling.getStatus().getMessage());
    }

    @Test
    void forceIsGracePeriodZeroAllowedForStoppedUsersOnlyAndRecordedOnTheTerminatingObject() {
        image("img-stopped", "sha256:sss", "force/stopped:1", true, "toolbox");
        image("img-running", "sha256:rrr", "force/running:1", true, "toolbox", "web");
        KubernetesClientException e = conflict(() -> owner.resources(Image.class).inNamespace(NS).withName("img-running").withGracePeriod(0).delete());
        assertTrue(e.getStatus().getMessage().contains("image force/running:1 is used by container web (running)"), e.getStatus().getMessage());
        assertEquals(1, e.getStatus().getDetails().getCauses().size(), "only the running user blocks a forced delete");

        owner.resources(Image.class).inNamespace(NS).withName("img-stopped").withGracePeriod(0).delete();
        Image terminating = getImage("img-stopped");
        assertNotNull(terminating.getMetadata().getDeletionTimestamp(), "held by the mirror finalizer");
        assertEquals("true", terminating.getMetadata().getAnnotations().get(Finalizers.FORCE_DELETE_ANNOTATION));
        engine.resources(Image.class).inNamespace(NS).withName("img-stopped").edit(i -> {
            i.getMetadata().setFinalizers(List.of());
            return i;
        });
    }

    @Test
    void theGracePeriodQueryParameterIsForceToo() throws Exception {
        image("img-query", "sha256:qqq", "force/query:1", true, "toolbox");
        var kube = new io.rancherdesktop.rdd.wire.KubeApi(new io.rancherdesktop.rdd.wire.UnixHttpClient(api.paths().apiSocket(), "rdd-test"));
        kube.delete("/apis/containers.rancherdesktop.io/v1alpha1/namespaces/" + NS + "/images/img-query?gracePeriodSeconds=0", java.util.Map.of());
        assertEquals("true", getImage("img-query").getMetadata().getAnnotations().get(Finalizers.FORCE_DELETE_ANNOTATION));
        io.rancherdesktop.rdd.wire.ApiException bad = assertThrows(io.rancherdesktop.rdd.wire.ApiException.class, () -> kube.delete(
                "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/" + NS + "/images/img-query?gracePeriodSeconds=soon", java.util.Map.of()));
        assertEquals(400, bad.code());
        engine.resources(Image.class).inNamespace(NS).withName("img-query").edit(i -> {
            i.getMetadata().setFinalizers(List.of());
            return i;
        });
    }

    @Test
    void aDeleteCollectionDeletesEveryObjectNotInUseAndAnswersTheFirstRefusal() {
        volume("vol-c-free", "c_free");
        volume("vol-c-used", "c_used", "toolbox");
        volume("vol-c-free2", "c_free2");
        KubernetesClientException e = conflict(() -> owner.resources(Volume.class).inNamespace(NS).delete());
        assertTrue(e.getStatus().getMessage().contains("volume c_used is used by container toolbox (exited)"), e.getStatus().getMessage());
        assertNull(owner.resources(Volume.class).inNamespace(NS).withName("vol-c-free").get());
        assertNull(owner.resources(Volume.class).inNamespace(NS).withName("vol-c-free2").get());
        assertNotNull(owner.resources(Volume.class).inNamespace(NS).withName("vol-c-used").get());
    }

    @Test
    void theEngineControllersOwnDeletesAreNotChecked() {
        volume("vol-engine", "engine_side", "toolbox");
        engine.resources(Volume.class).inNamespace(NS).withName("vol-engine").delete();
        assertNull(owner.resources(Volume.class).inNamespace(NS).withName("vol-engine").get());
    }
}
