package io.rancherdesktop.rdd.controller.engine.events;

import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import io.rancherdesktop.rdd.controller.engine.docker.EngineErrors;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerUsage;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerUsageIndex;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageHistoryStep;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageMirror;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.controller.engine.mirror.MirrorStatusMapper;
import io.rancherdesktop.rdd.controller.engine.mirror.MirrorWriter;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import io.rancherdesktop.rdd.controller.engine.sync.FullSync;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out {@link MirrorAction}s (docs/design/mirroring-rules.md §5): re-inspects the engine object and writes or
 * removes mirrors through the {@link MirrorWriter}. Removals never call Docker (§7.5). Each action costs O(1)
 * engine and API calls, except {@link MirrorAction.ResyncKind}, which lists one kind in the engine (never the API)
 * because the engine told us only that some of it went.
 */
public final class MirrorActionApplier implements MirrorActionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MirrorActionApplier.class);

    private final DockerEngineClient engine;
    private final MirrorWriter writer;
    private final FullSync resync;
    private final ContainerUsageIndex usage;

    /** With a resync of the default inspect parallelism (and a usage index of its own, empty at first). */
    public MirrorActionApplier(DockerEngineClient engine, MirrorWriter writer) {
        this(engine, writer, new FullSync(engine, writer, FullSync.DEFAULT_PARALLELISM));
    }

    /**
     * @param resync the full sync whose one-kind run serves {@link MirrorAction.ResyncKind}; its usage index (which
     *               its {@code run()} filled) is the one this applier keeps current
     */
    public MirrorActionApplier(DockerEngineClient engine, MirrorWriter writer, FullSync resync) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.resync = Objects.requireNonNull(resync, "resync");
        this.usage = resync.usage();
    }

    @Override
    public void handle(MirrorAction action) {
        switch (action) {
            case MirrorAction.ApplyContainer(String id) -> applyContainer(id);
            case MirrorAction.RemoveContainer(String id) -> removeContainer(id);
            case MirrorAction.ReconcileImage(String ref) -> reconcileImage(ref, true);
            case MirrorAction.RemoveImagesById(String id) -> removeImagesById(id);
            case MirrorAction.ApplyVolume(String name) -> applyVolume(name);
            case MirrorAction.RemoveVolume(String name) -> writer.remove(MirrorKind.VOLUME, VolumeMirrorName.of(name));
            case MirrorAction.ResyncKind(MirrorKind kind) -> resync.runKind(kind);
        }
    }

    private void applyContainer(String id) {
        ContainerMirror mirror;
        try {
            mirror = MirrorStatusMapper.container(engine.docker().inspectContainerCmd(id).exec());
        } catch (RuntimeException e) {
            if (!EngineErrors.isNotFound(e)) {
                throw e;
            }
            // Gone already; its destroy event removes the mirror.
            LOG.debug("Container {} vanished before it could be inspected", id);
            return;
        }
        writer.applyContainer(mirror);
        writeUsage(usage.put(ContainerUsage.of(mirror)));
    }

    private void removeContainer(String id) {
        writer.remove(MirrorKind.CONTAINER, id);
        writeUsage(usage.remove(id));
    }

    /** Rewrites {@code usedBy} of exactly the images and volumes a container event changed the users of. */
    private void writeUsage(ContainerUsageIndex.Change change) {
        change.images().forEach((imageId, users) -> {
            for (String name : new TreeSet<>(writer.listImageNamesWithId(imageId))) {
                writer.applyUsage(MirrorKind.IMAGE, name, users);
            }
        });
        change.volumes().forEach((volume, users) -> writer.applyUsage(MirrorKind.VOLUME, VolumeMirrorName.of(volume), users));
    }

    /**
     * 5.3: one mirror per current tag (or the dangling one), then remove the image's other mirrors. A tag that
     * moved here from another image leaves that image with a stale mirror and Docker sends no event for it, so
     * the previous owners of each tag are reconciled too (one level deep).
     */
    private void reconcileImage(String ref, boolean followMovedTags) {
        List<ImageMirror> fresh;
        try {
            fresh = MirrorStatusMapper.images(engine.docker().inspectImageCmd(ref).exec());
            List<String> users = usage.usersOfImage(fresh.getFirst().status().id());
            List<ImageHistoryStep> history = MirrorStatusMapper.history(engine, fresh.getFirst().status().id());
            fresh = fresh.stream().map(m -> m.withUsedBy(users).withHistory(history)).toList();
        } catch (RuntimeException e) {
            if (!EngineErrors.isNotFound(e)) {
                throw e;
            }
            removeImagesById(ref);
            return;
        }
        String id = fresh.getFirst().status().id();
        Set<String> freshNames = new HashSet<>();
        for (ImageMirror m : fresh) {
            writer.applyImage(m);
            freshNames.add(m.name());
        }
        for (String stale : new TreeSet<>(writer.listImageNamesWithId(id))) {
            if (!freshNames.contains(stale)) {
                writer.remove(MirrorKind.IMAGE, stale);
            }
        }
        if (followMovedTags) {
            Set<String> previousOwners = new TreeSet<>();
            for (ImageMirror m : fresh) {
                Optional.ofNullable(m.status().repoTag()).ifPresent(tag -> previousOwners.addAll(writer.listImageIdsWithTag(tag)));
            }
            previousOwners.remove(id);
            previousOwners.forEach(previous -> reconcileImage(previous, false));
        }
    }

    private void removeImagesById(String id) {
        for (String name : new TreeSet<>(writer.listImageNamesWithId(id))) {
            writer.remove(MirrorKind.IMAGE, name);
        }
    }

    private void applyVolume(String name) {
        engine.inspectVolume(name).ifPresentOrElse(
                v -> writer.applyVolume(MirrorStatusMapper.volume(v).withUsedBy(usage.usersOfVolume(name))),
                () -> LOG.debug("Volume {} vanished before it could be inspected", name));
    }
}
