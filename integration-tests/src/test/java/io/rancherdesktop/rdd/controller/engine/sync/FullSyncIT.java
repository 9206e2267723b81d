package io.rancherdesktop.rdd.controller.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import io.rancherdesktop.rdd.controller.engine.docker.EngineClientSettings;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerConditions;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirrorStatus;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageMirrorStatus;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.controller.engine.mirror.VolumeMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.VolumeMirrorStatus;
import io.rancherdesktop.rdd.controller.engine.naming.DerivedMirrorName;
import io.rancherdesktop.rdd.controller.engine.naming.ImageMirrorName;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures;
import io.rancherdesktop.rdd.controller.engine.testing.RecordingMirrorWriter;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The full sync against a real dockerd with ≥ 20 objects per kind, including the names that broke upstream
 * (review C1, gap 1: {@code My_Vol_Ume}, an uppercase tag). The API side is a recording writer until the
 * fabric8 writer lands.
 */
@ExtendWith(RealDockerEngine.class)
class FullSyncIT {
    private static final int PER_KIND = 20;

    private final DockerClient docker;
    private final EngineFixtures fixtures;
    private final DockerEngineClient client;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    FullSyncIT(DockerdProcess engine) {
        this.docker = engine.client();
        this.fixtures = new EngineFixtures(engine);
        this.client = DockerEngineClient.open(engine.host(), EngineClientSettings.forCalls());
    }

    @AfterEach
    void tearDown() {
        client.close();
        fixtures.close();
    }

    @Test
    void c1Gap1SyncsTwentyOfEachKindIncludingHostileNamesAndPrunesOnlyStaleMirrors() {
        List<String> containers = new ArrayList<>();
        for (int i = 0; i < PER_KIND; i++) {
            containers.add(fixtures.container((i == 0 ? "Upper_Case_Box_" : "rdd-sync-") + run + "-" + i));
        }
        docker.startContainerCmd(containers.getFirst()).exec();
        String upperTag = fixtures.tagTestImage("example/app", "Tag_UPPER_1");
        List<String> tags = new ArrayList<>(List.of(upperTag));
        for (int i = 1; i < PER_KIND - 2; i++) {
            tags.add(fixtures.tagTestImage("rdd-it/sync-" + run, "v" + i));
        }
        String importedTagged = fixtures.importImage("rdd-it/imported-" + run + ":Mixed_Case", "tagged " + run);
        String dangling = fixtures.importImage(null, "dangling " + run);
        List<String> volumes = new ArrayList<>(List.of(fixtures.volume("My_Vol_Ume")));
        for (int i = 1; i < PER_KIND; i++) {
            volumes.add(fixtures.volume("rdd_Sync_" + run + "_" + i));
        }
        String testImageId = docker.inspectImageCmd(DockerdProcess.TEST_IMAGE).exec().getId();

        RecordingMirrorWriter writer = new RecordingMirrorWriter();
        String staleContainer = "e".repeat(64);
        writer.seed(new ContainerMirror(staleContainer, new ContainerMirrorStatus("gone", "moby", "sh", null, "sha256:x", null, null,
                ContainerRunState.EXITED, 0, 0, null, Instant.EPOCH, null, null, ContainerConditions.derive(ContainerRunState.EXITED))));
        writer.seed(ImageMirror.of(new ImageMirrorStatus("moby", "sha256:" + "0".repeat(64), "gone:1", null, null, null, null, 0, null)));
        writer.seed(VolumeMirror.of(new VolumeMirrorStatus("gone_volume", "moby", null, "local", "/x", null, "local", null)));

        FullSyncResult r = new FullSync(client, writer, FullSync.DEFAULT_PARALLELISM).run();

        assertEquals(Set.of("moby"), writer.namespaces());
        for (MirrorKind k : MirrorKind.values()) {
            assertEquals(0, r.stats(k).failed(), k + " failures: " + r.stats(k));
            assertEquals(1, r.stats(k).pruned(), k + " stale mirrors pruned: " + r.stats(k));
        }
        assertNull(writer.get(MirrorKind.CONTAINER, staleContainer));
        assertNull(writer.get(MirrorKind.VOLUME, VolumeMirrorName.of("gone_volume")));

        for (String id : containers) {
            var m = (ContainerMirror) writer.get(MirrorKind.CONTAINER, id);
            assertNotNull(m, id);
            assertEquals("moby", m.status().namespace());
            assertTrue(m.status().name().endsWith(run + "-" + containers.indexOf(id)), m.status().name());
        }
        var first = (ContainerMirror) writer.get(MirrorKind.CONTAINER, containers.getFirst());
        assertEquals(ContainerRunState.RUNNING, first.status().status());
        assertEquals("Upper_Case_Box_" + run + "-0", first.status().name());

        var upper = (ImageMirror) writer.get(MirrorKind.IMAGE, ImageMirrorName.of(testImageId, upperTag));
        assertNotNull(upper, "gap 1: the uppercase tag is mirrored");
        assertEquals(upperTag, upper.status().repoTag());
        for (String tag : tags) {
            assertNotNull(writer.get(MirrorKind.IMAGE, ImageMirrorName.of(testImageId, tag)), tag);
        }
        assertNotNull(writer.get(MirrorKind.IMAGE, ImageMirrorName.of(importedTagged, "rdd-it/imported-" + run + ":Mixed_Case")));
        var danglingMirror = (ImageMirror) writer.get(MirrorKind.IMAGE, ImageMirrorName.dangling(dangling));
        assertNotNull(danglingMirror);
        assertNull(danglingMirror.status().repoTag());

        var myVolUme = (VolumeMirror) writer.get(MirrorKind.VOLUME, VolumeMirrorName.of("My_Vol_Ume"));
        assertNotNull(myVolUme, "C1: My_Vol_Ume is mirrored by the full sync");
        assertEquals("My_Vol_Ume", myVolUme.status().name());
        assertNotNull(myVolUme.status().createdAt());
        for (String v : volumes) {
            assertTrue(r.activeNames(MirrorKind.VOLUME).contains(VolumeMirrorName.of(v)), v);
        }

        for (MirrorKind k : List.of(MirrorKind.IMAGE, MirrorKind.VOLUME)) {
            for (String name : writer.names(k)) {
                assertTrue(DerivedMirrorName.matches(name), k + " " + name);
            }
        }
        assertTrue(r.activeNames(MirrorKind.CONTAINER).containsAll(containers));
        assertTrue(r.stats(MirrorKind.CONTAINER).listed() >= PER_KIND);
        assertTrue(r.stats(MirrorKind.IMAGE).applied() >= PER_KIND);
        assertTrue(r.stats(MirrorKind.VOLUME).listed() >= PER_KIND);
    }

    @Test
    void aResyncOfUnchangedObjectsProducesEqualRecordsAndPrunesNothing() {
        for (int i = 0; i < 5; i++) {
            fixtures.container("rdd-resync-" + run + "-" + i);
            fixtures.volume("rdd_resync_" + run + "_" + i);
        }
        fixtures.tagTestImage("rdd-it/resync-" + run, "Same_Tag");
        RecordingMirrorWriter writer = new RecordingMirrorWriter();
        FullSyncResult first = new FullSync(client, writer, 4).run();
        FullSyncResult second = new FullSync(client, writer, 4).run();

        assertEquals(first.containers(), second.containers());
        assertEquals(first.images(), second.images());
        assertEquals(first.volumes(), second.volumes());
        assertEquals(first.activeNames(), second.activeNames());
        for (MirrorKind k : MirrorKind.values()) {
            assertEquals(0, second.stats(k).pruned(), k.name());
        }
    }

    @Test
    void theSyncWritesUsedByOfImagesAndVolumesFromTheInspectedContainersInOneBatch() {
        String tag = "rdd-it/used-" + run + ":one";
        String imageId = fixtures.importImage(tag, "used " + run);
        String volume = fixtures.volume("rdd_used_" + run);
        List<String> ids = new ArrayList<>();
        for (String name : List.of("used_b_" + run, "used_a_" + run)) {
            String id = docker.createContainerCmd(tag).withName(name).withCmd("true")
                    .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode("none")
                            .withBinds(com.github.dockerjava.api.model.Bind.parse(volume + ":/data"))).exec().getId();
            fixtures.removeContainerLater(id);
            ids.add(id);
        }
        String unused = fixtures.volume("rdd_unused_" + run);
        // A container whose own mirror could not be written still uses the image and the volume.
        RecordingMirrorWriter writer = new RecordingMirrorWriter().failApplyOf(ids.getFirst()::equals);

        new FullSync(client, writer, FullSync.DEFAULT_PARALLELISM).run();

        List<String> users = List.of("used_a_" + run, "used_b_" + run);
        assertEquals(users, ((ImageMirror) writer.get(MirrorKind.IMAGE, ImageMirrorName.of(imageId, tag))).status().usedBy());
        assertEquals(users, ((VolumeMirror) writer.get(MirrorKind.VOLUME, VolumeMirrorName.of(volume))).status().usedBy());
        assertEquals(List.of(), ((VolumeMirror) writer.get(MirrorKind.VOLUME, VolumeMirrorName.of(unused))).status().usedBy());
        assertEquals(List.of(), writer.calls("applyUsage"), "the sync renders users with each mirror, no per-container writes");
    }
}
