package io.rancherdesktop.rdd.controller.engine.reconcile;

import io.rancherdesktop.rdd.wire.Backoff;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageStatus;
import io.rancherdesktop.rdd.controller.engine.docker.EngineDeletes;
import io.rancherdesktop.rdd.controller.engine.kube.EngineEventRecorder;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.controller.engine.events.MirrorAction;
import java.util.Optional;

/**
 * Image mirrors: the finalizer path only (docs/design/mirroring-rules.md §7). Predicate: deletion timestamp set. The
 * engine delete removes {@code status.repoTag} if set, else {@code status.id}, without force unless the delete asked
 * for it ({@link Finalizers#FORCE_DELETE_ANNOTATION}). Admission already refused deletes of images in use; if the
 * engine still refuses (a container created in between), the delete is dropped and the mirror put back at once.
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
        boolean force = forced(mirror);
        if (tag != null && !tag.isEmpty()) {
            return session.deletes().image(tag, force);
        }
        if (id != null && !id.isEmpty()) {
            return session.deletes().image(id, force);
        }
        return new EngineDeletes.Outcome.Gone(false); // §7.3: nothing in the engine to delete
    }

    /** The delete asked for {@code gracePeriodSeconds=0}: {@code docker rmi -f} (docs/api.md §4). */
    static boolean forced(Image mirror) {
        var annotations = mirror.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(Finalizers.FORCE_DELETE_ANNOTATION));
    }

    @Override
    protected boolean putsBackOnRefusal() {
        return true;
    }

    @Override
    protected Optional<MirrorAction> recreate(Image mirror) {
        ImageStatus s = mirror.getStatus();
        String id = s == null ? null : s.getId();
        String tag = s == null ? null : s.getRepoTag();
        String ref = id != null && !id.isEmpty() ? id : tag;
        return ref == null || ref.isEmpty() ? Optional.empty() : Optional.of(new MirrorAction.ReconcileImage(ref));
    }
}
