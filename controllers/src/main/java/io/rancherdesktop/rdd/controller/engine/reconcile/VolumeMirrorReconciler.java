package io.rancherdesktop.rdd.controller.engine.reconcile;

import io.rancherdesktop.rdd.wire.Backoff;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.controller.engine.docker.EngineDeletes;
import io.rancherdesktop.rdd.controller.engine.kube.EngineEventRecorder;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.controller.engine.events.MirrorAction;
import java.util.Optional;

/**
 * Volume mirrors: the finalizer path only (docs/design/mirroring-rules.md §7). Predicate: deletion timestamp set. The
 * engine delete removes {@code status.name} with force; a volume a container uses is still refused (admission refuses
 * it first; if the engine does, after a container was created in between, the delete is dropped and the mirror put
 * back at once).
 */
public final class VolumeMirrorReconciler extends MirrorReconciler<Volume> {
    public static final String NAME = "volume";

    public VolumeMirrorReconciler(EngineSessions sessions, EngineEventRecorder events, Backoff backoff) {
        super(NAME, sessions, events, backoff);
    }

    public static boolean admitsAdd(Volume volume) {
        return terminating(volume);
    }

    public static boolean admitsUpdate(Volume now, Volume before) {
        return terminating(now);
    }

    @Override
    protected MirrorKind kind() {
        return MirrorKind.VOLUME;
    }

    @Override
    protected EngineDeletes.Outcome deleteInEngine(Volume mirror, ActiveSession session) {
        String name = mirror.getStatus() == null ? null : mirror.getStatus().getName();
        if (name == null || name.isEmpty()) {
            return new EngineDeletes.Outcome.Gone(false); // §7.3
        }
        return session.deletes().volume(name);
    }

    @Override
    protected boolean putsBackOnRefusal() {
        return true;
    }

    @Override
    protected Optional<MirrorAction> recreate(Volume mirror) {
        String name = mirror.getStatus() == null ? null : mirror.getStatus().getName();
        return name == null || name.isEmpty() ? Optional.empty() : Optional.of(new MirrorAction.ApplyVolume(name));
    }
}
