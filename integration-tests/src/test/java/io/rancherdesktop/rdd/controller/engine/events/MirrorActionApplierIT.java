package io.rancherdesktop.rdd.controller.engine.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import io.rancherdesktop.rdd.controller.engine.docker.EngineClientSettings;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageMirrorStatus;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.controller.engine.mirror.VolumeMirror;
import io.rancherdesktop.rdd.controller.engine.naming.ImageMirrorName;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures;
import io.rancherdesktop.rdd.controller.engine.testing.RecordingMirrorWriter;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The docs/design/mirroring-rules.md §5 actions carried out against a real dockerd, writing into a recording writer. */
@ExtendWith(RealDockerEngine.class)
class MirrorActionApplierIT {
    private final DockerClient docker;
    private final EngineFixtures fixtures;
    private final DockerEngineClient client;
    private final RecordingMirrorWriter writer = new RecordingMirrorWriter();
    private final MirrorActionApplier applier;

    MirrorActionApplierIT(DockerdProcess engine) {
        this.docker = engine.client();
        this.fixtures = new EngineFixtures(engine);
        this.client = DockerEngineClient.open(engine.host(), EngineClientSettings.forCalls());
        this.applier = new MirrorActionApplier(client, writer);
    }

    @AfterEach
    void tearDown() {
        client.close();
        fixtures.close();
    }

    private Set<String> imageMirrorsOf(String id) {
        return writer.images().stream().filter(i -> i.status().id().equals(id))
                .map(i -> i.status().repoTag() == null ? "<dangling>" : i.status().repoTag()).collect(Collectors.toSet());
    }

    @Test
    void containerIsAppliedFromAFreshInspectAndRemovedByIdWithoutCallingDocker() {
        String id = fixtures.container("rdd-apply-" + UUID.randomUUID());
        applier.handle(new MirrorAction.ApplyContainer(id));
        var m = (ContainerMirror) writer.get(MirrorKind.CONTAINER, id);
        assertEquals(ContainerRunState.CREATED, m.status().status());

        docker.startContainerCmd(id).exec();
        applier.handle(new MirrorAction.ApplyContainer(id));
        assertEquals(ContainerRunState.RUNNING, ((ContainerMirror) writer.get(MirrorKind.CONTAINER, id)).status().status());

        applier.handle(new MirrorAction.RemoveContainer(id));
        assertNull(writer.get(MirrorKind.CONTAINER, id));
        assertEquals("running", docker.inspectContainerCmd(id).exec().getState().getStatus(), "§7.5: Docker untouched");
    }

    @Test
    void applyOfAVanishedContainerOrVolumeIsANoOp() {
        applier.handle(new MirrorAction.ApplyContainer("f".repeat(64)));
        applier.handle(new MirrorAction.ApplyVolume("rdd-never-existed-" + UUID.randomUUID()));
        assertEquals(List.of(), writer.calls("apply"));
    }

    @Test
    void untagRemovesOnlyThatTagsMirrorBecauseTheImageIsReinspected() {
        String id = fixtures.importImage("rdd-it/untag:one", "untag " + UUID.randomUUID());
        docker.tagImageCmd(id, "rdd-it/untag", "Tag_UPPER_1").exec();
        fixtures.removeLater("rdd-it/untag:Tag_UPPER_1");
        applier.handle(new MirrorAction.ReconcileImage(id));
        assertEquals(Set.of("rdd-it/untag:one", "rdd-it/untag:Tag_UPPER_1"), imageMirrorsOf(id));
        assertTrue(writer.all(MirrorKind.IMAGE).containsKey(ImageMirrorName.of(id, "rdd-it/untag:Tag_UPPER_1")));

        docker.removeImageCmd("rdd-it/untag:one").exec();
        applier.handle(new MirrorAction.ReconcileImage(id));
        assertEquals(Set.of("rdd-it/untag:Tag_UPPER_1"), imageMirrorsOf(id));
    }

    @Test
    void taggingADanglingImageReplacesItsDanglingMirror() {
        String id = fixtures.importImage(null, "dangling " + UUID.randomUUID());
        applier.handle(new MirrorAction.ReconcileImage(id));
        assertEquals(Set.of("<dangling>"), imageMirrorsOf(id));
        assertTrue(writer.all(MirrorKind.IMAGE).containsKey(ImageMirrorName.dangling(id)));

        docker.tagImageCmd(id, "rdd-it/was-dangling", "v1").exec();
        fixtures.removeLater("rdd-it/was-dangling:v1");
        applier.handle(new MirrorAction.ReconcileImage(id));
        assertEquals(Set.of("rdd-it/was-dangling:v1"), imageMirrorsOf(id));
    }

    @Test
    void aTagMovedToAnotherImageLeavesNoStaleMirrorOnTheOldImageAlthoughDockerSendsNoEventForIt() {
        String tag = "rdd-it/moved:" + UUID.randomUUID().toString().substring(0, 8);
        String a = fixtures.importImage(tag, "a " + UUID.randomUUID());
        String b = fixtures.importImage(null, "b " + UUID.randomUUID());
        applier.handle(new MirrorAction.ReconcileImage(a));
        applier.handle(new MirrorAction.ReconcileImage(b));
        assertEquals(Set.of(tag), imageMirrorsOf(a));

        docker.tagImageCmd(b, tag.substring(0, tag.indexOf(':')), tag.substring(tag.indexOf(':') + 1)).exec();
        // Docker emits only "tag" for b; a silently becomes dangling.
        applier.handle(new MirrorAction.ReconcileImage(b));

        assertEquals(Set.of(tag), imageMirrorsOf(b));
        assertEquals(Set.of("<dangling>"), imageMirrorsOf(a));
    }

    @Test
    void deleteRemovesEveryMirrorOfTheImageAndReconcileOfAGoneImageDoesTheSame() {
        String id = fixtures.importImage("rdd-it/del:1", "del " + UUID.randomUUID());
        docker.tagImageCmd(id, "rdd-it/del", "2").exec();
        applier.handle(new MirrorAction.ReconcileImage(id));
        assertEquals(2, imageMirrorsOf(id).size());

        docker.removeImageCmd(id).withForce(true).exec();
        applier.handle(new MirrorAction.ReconcileImage(id));
        assertEquals(Set.of(), imageMirrorsOf(id));

        // The delete event path: every mirror with that status.id goes, without asking Docker.
        writer.seed(ImageMirror.of(new ImageMirrorStatus("moby", id, null, null, null, "amd64", "linux", 1, null)));
        writer.seed(ImageMirror.of(new ImageMirrorStatus("moby", id, "rdd-it/del:1", null, null, "amd64", "linux", 1, null)));
        applier.handle(new MirrorAction.RemoveImagesById(id));
        assertEquals(Set.of(), imageMirrorsOf(id));
    }

    @Test
    void c1VolumeIsAppliedUnderItsHashedNameAndRemovedByDockerName() {
        String name = "My_Vol_Ume_" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.volume(name);
        applier.handle(new MirrorAction.ApplyVolume(name));
        var m = (VolumeMirror) writer.get(MirrorKind.VOLUME, VolumeMirrorName.of(name));
        assertEquals(name, m.status().name());
        applier.handle(new MirrorAction.RemoveVolume(name));
        assertNull(writer.get(MirrorKind.VOLUME, VolumeMirrorName.of(name)));
    }
}
