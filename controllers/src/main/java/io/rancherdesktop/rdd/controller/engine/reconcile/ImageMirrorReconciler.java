package io.rancherdesktop.rdd.controller.engine.reconcile;

import io.rancherdesktop.rdd.wire.Backoff;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageStatus;
import io.rancherdesktop.rdd.controller.engine.docker.EngineDeletes;
import io.rancherdesktop.rdd.controller.engine.kube.EngineEventRecorder;
import io.rancherdesktop.rdd.api.MirrorKind;

/**
 * Image mirrors: the finalizer path only (docs/design/mirroring-rules.md §7). Predicate: deletion timestamp set. The
 * engine delete removes {@code status.repoTag} if set, else {@code status.id}, without force, so an image a
 * container uses is refused and stays Terminating until that container is gone (the container's destroy event
 * re-triggers it).
 */
public final class ImageMirrorReconciler extends MirrorReconciler<Image> {
    public static final String NAME = "image";

    public ImageMirrorReconciler(EngineSessions sessions, EngineEventRecorder events, Backoff backoff) {
        super(NAME, sessions, events, backoff);
    }

    /** Informer predicate for added objects. */
    public static boolean admitsAdd(Image image) {
        return terminating(image);
    }

    /** Informer predicate for updates (I7: a status-only update never reconciles). */
    public static boolean admitsUpdate(Image now, Image before) {
        return terminating(now);
    }

    @Override
    protected MirrorKind kind() {
        return MirrorKind.IMAGE;
    }

    @Override
    protected EngineDeletes.Outcome deleteInEngine(Image mirror, ActiveSession session) {
        ImageStatus s = mirror.getStatus();
        String tag = s == null ? null : s.getRepoTag();
        String id = s == null ? null : s.getId();
        if (tag != null && !tag.isEmpty()) {
            return session.deletes().image(tag);
        }
        if (id != null && !id.isEmpty()) {
            return session.deletes().image(id);
        }
        return new EngineDeletes.Outcome.Gone(false); // §7.3: nothing in the engine to delete
    }
}
