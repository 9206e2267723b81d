package io.rancherdesktop.rdd.controller.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerMount;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageHistoryEntry;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.controller.engine.naming.ImageMirrorName;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import io.rancherdesktop.rdd.testing.RealDockerEngine;

/**
 * {@code status.usedBy}/{@code status.inUse} of Images and Volumes and the inspect details of Containers
 * (docs/api.md §3.2–3.4), against a real dockerd, through the engine controller.
 */
@ExtendWith(RealDockerEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsedByIT {
    private static final Duration T = EngineControllerHarness.TIMEOUT;
    private static final String R = "usedby";

    private TestApiServer api;
    private EngineControllerHarness harness;
    private EngineFixtures fx;
    private DockerdProcess engine;

    @BeforeAll
    void start(DockerdProcess engine) {
        this.engine = engine;
        fx = new EngineFixtures(engine);
        api = TestApiServer.start();
        harness = EngineControllerHarness.start(api, R, engine::host);
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
    }

    @AfterAll
    void stop() {
        try {
            if (harness != null) {
                harness.close();
            }
            if (api != null) {
                api.close();
            }
        } finally {
            fx.close();
        }
    }

    private Image image(String name) {
        return harness.client().resources(Image.class).inNamespace(R).withName(name).get();
    }

    private Volume volume(String name) {
        return harness.client().resources(Volume.class).inNamespace(R).withName(name).get();
    }

    private Container container(String id) {
        return harness.client().resources(Container.class).inNamespace(R).withName(id).get();
    }

    private List<String> imageUsers(String name) {
        Image i = image(name);
        return i == null || i.getStatus() == null ? null : i.getStatus().getUsedBy();
    }

    private List<String> volumeUsers(String name) {
        Volume v = volume(name);
        return v == null || v.getStatus() == null ? null : v.getStatus().getUsedBy();
    }

    private String createUser(String imageRef, String name, String volume) {
        String id = engine.client().createContainerCmd(imageRef).withName(name).withCmd("true")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none").withBinds(Bind.parse(volume + ":/data")))
                .exec().getId();
        fx.removeContainerLater(id);
        return id;
    }

    private void awaitUsers(String what, List<String> expected, java.util.function.Supplier<List<String>> actual) {
        Await.until(what + " usedBy " + expected, T, () -> expected.equals(actual.get()));
    }

    @Test
    void imageAndVolumeUsedByFollowContainerCreateRenameAndRemoveByDockerName() {
        String tag = "usedby/img:one";
        String imageId = fx.importImage(tag, "used by " + System.nanoTime());
        String img = ImageMirrorName.of(imageId, tag);
        String vol = VolumeMirrorName.of(fx.volume("usedby_vol"));
        awaitUsers("unused image", List.of(), () -> imageUsers(img));
        awaitUsers("unused volume", List.of(), () -> volumeUsers(vol));
        assertEquals(Boolean.FALSE, image(img).getStatus().getInUse());

        String a = createUser(tag, "usedby_a", "usedby_vol");
        String b = createUser(tag, "usedby_b", "usedby_vol");
        awaitUsers("image", List.of("usedby_a", "usedby_b"), () -> imageUsers(img));
        awaitUsers("volume", List.of("usedby_a", "usedby_b"), () -> volumeUsers(vol));
        assertEquals(Boolean.TRUE, image(img).getStatus().getInUse());
        assertEquals(Boolean.TRUE, volume(vol).getStatus().getInUse());
        assertTrue(harness.client().resources(Image.class).inNamespace(R).withField("status.inUse", "true").list()
                .getItems().stream().anyMatch(i -> i.getMetadata().getName().equals(img)), "status.inUse is selectable");
        assertTrue(harness.client().resources(Volume.class).inNamespace(R).withField("status.inUse", "true").list()
                .getItems().stream().anyMatch(v -> v.getMetadata().getName().equals(vol)));

        engine.client().renameContainerCmd(a).withName("usedby_renamed").exec();
        awaitUsers("image after rename", List.of("usedby_b", "usedby_renamed"), () -> imageUsers(img));
        awaitUsers("volume after rename", List.of("usedby_b", "usedby_renamed"), () -> volumeUsers(vol));

        engine.client().removeContainerCmd(b).exec();
        awaitUsers("image after one remove", List.of("usedby_renamed"), () -> imageUsers(img));
        awaitUsers("volume after one remove", List.of("usedby_renamed"), () -> volumeUsers(vol));

        engine.client().removeContainerCmd(a).exec();
        awaitUsers("image after both removed", List.of(), () -> imageUsers(img));
        awaitUsers("volume after both removed", List.of(), () -> volumeUsers(vol));
        assertEquals(Boolean.FALSE, image(img).getStatus().getInUse());
        assertEquals(Boolean.FALSE, volume(vol).getStatus().getInUse());
        assertTrue(harness.client().resources(Volume.class).inNamespace(R).withField("status.inUse", "false").list()
                .getItems().stream().anyMatch(v -> v.getMetadata().getName().equals(vol)));
    }

    @Test
    void anImagesMirrorCarriesItsHistoryNewestFirst() {
        String base = "usedby/history:one";
        fx.importImage(base, "history " + System.nanoTime());
        String c = engine.client().createContainerCmd(base).withCmd("true")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        fx.removeContainerLater(c);
        String committed = engine.client().commitCmd(c).withRepository("usedby/history").withTag("two").exec();
        fx.removeLater("usedby/history:two");
        String name = ImageMirrorName.of(committed, "usedby/history:two");
        Await.until("history of " + name, T, () -> {
            Image i = image(name);
            return i != null && i.getStatus() != null && i.getStatus().getHistory() != null && i.getStatus().getHistory().size() == 2;
        });
        List<ImageHistoryEntry> history = image(name).getStatus().getHistory();
        String shown = history.stream().map(h -> h.getCreatedBy() + "|" + h.getComment() + "|" + h.getSize()).toList().toString();
        assertEquals("true", history.get(0).getCreatedBy(), "newest step first (the committed container's command): " + shown);
        assertEquals("Imported from -", history.get(1).getComment(), shown);
        assertTrue(history.get(1).getSize() > 0, "the imported layer has a size");
        assertNotNull(history.get(0).getCreatedAt());
    }

    @Test
    void aNewTagOfAnInUseImageIsMirroredWithItsUsersAlready() {
        String tag = "usedby/late:one";
        String imageId = fx.importImage(tag, "late tag " + System.nanoTime());
        createUser(tag, "usedby_late_user", fx.volume("usedby_late_vol"));
        awaitUsers("first tag", List.of("usedby_late_user"), () -> imageUsers(ImageMirrorName.of(imageId, tag)));
        engine.client().tagImageCmd(imageId, "usedby/late", "two").exec();
        fx.removeLater("usedby/late:two");
        awaitUsers("second tag", List.of("usedby_late_user"), () -> imageUsers(ImageMirrorName.of(imageId, "usedby/late:two")));
    }

    @Test
    void aContainersMirrorCarriesEnvMountsNetworksRestartPolicyHealthAndPortBindings() throws Exception {
        String vol = fx.volume("usedby_inspect_vol");
        Path bind = Files.createTempDirectory("rdd-usedby-bind");
        HealthCheck probe = new HealthCheck().withTest(List.of("CMD-SHELL", "echo probe-ok"))
                .withInterval(TimeUnit.MILLISECONDS.toNanos(500)).withTimeout(TimeUnit.SECONDS.toNanos(5)).withRetries(1);
        String id = engine.client().createContainerCmd(DockerdProcess.TEST_IMAGE).withName("usedby_inspect")
                .withCmd("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done")
                .withEnv("GREETING=hello world", "EMPTY=")
                .withHealthcheck(probe)
                .withExposedPorts(ExposedPort.tcp(80))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")
                        .withBinds(Bind.parse(vol + ":/data"), Bind.parse(bind + ":/src:ro"))
                        .withRestartPolicy(RestartPolicy.onFailureRestart(3))
                        .withPortBindings(new Ports(ExposedPort.tcp(80), Ports.Binding.bindIpAndPort("127.0.0.1", 18080))))
                .exec().getId();
        fx.removeContainerLater(id);

        ContainerStatus created = Await.value("container mirror", T,
                () -> container(id) == null ? null : container(id).getStatus());
        assertTrue(created.getEnv().containsAll(List.of("GREETING=hello world", "EMPTY=")), created.getEnv().toString());
        ContainerMount data = created.getMounts().stream().filter(m -> "/data".equals(m.getDestination())).findFirst().orElseThrow();
        assertEquals("volume", data.getType());
        assertEquals(VolumeMirrorName.of(vol), data.getVolume());
        assertEquals(vol, data.getVolumeName());
        assertEquals(Boolean.TRUE, data.getRw());
        ContainerMount src = created.getMounts().stream().filter(m -> "/src".equals(m.getDestination())).findFirst().orElseThrow();
        assertEquals("bind", src.getType());
        assertEquals(bind.toString(), src.getSource());
        assertEquals(Boolean.FALSE, src.getRw());
        assertEquals("on-failure", created.getRestartPolicy().getName());
        assertEquals(3, created.getRestartPolicy().getMaximumRetryCount());
        assertEquals(0, created.getRestartCount());
        assertEquals(List.of("80/tcp"), created.getPortBindings().stream().map(p -> p.getName()).toList());
        assertEquals("127.0.0.1", created.getPortBindings().getFirst().getBindings().getFirst().getHostIP());
        assertEquals("18080", created.getPortBindings().getFirst().getBindings().getFirst().getHostPort());

        engine.client().startContainerCmd(id).exec();
        ContainerStatus healthy = Await.value("healthy", T, () -> {
            ContainerStatus s = container(id).getStatus();
            return s.getStatus() == RunStatus.RUNNING && s.getHealth() != null && "healthy".equals(s.getHealth().getStatus())
                    ? s : null;
        });
        assertEquals(0, healthy.getHealth().getFailingStreak());
        assertTrue(Objects.requireNonNullElse(healthy.getHealth().getLastOutput(), "").contains("probe-ok"),
                "last probe output: " + healthy.getHealth().getLastOutput());
        assertEquals(List.of("none"), healthy.getNetworks().stream().map(n -> n.getName()).toList());
        awaitUsers("volume of the inspected container", List.of("usedby_inspect"), () -> volumeUsers(VolumeMirrorName.of(vol)));

        assertNotNull(harness.client().resources(Container.class).inNamespace(R).withField("status.name", "usedby_inspect")
                .list().getItems().stream().filter(c -> c.getMetadata().getName().equals(id)).findFirst().orElse(null),
                "status.name is selectable");
        engine.client().stopContainerCmd(id).withTimeout(5).exec();
    }
}
