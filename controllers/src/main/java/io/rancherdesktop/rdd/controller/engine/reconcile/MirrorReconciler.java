package io.rancherdesktop.rdd.controller.engine.reconcile;

import io.rancherdesktop.rdd.wire.Backoff;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.rancherdesktop.rdd.api.EventReasons;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.controller.TriggerEventSource;
import io.rancherdesktop.rdd.controller.engine.docker.EngineDeletes;
import io.rancherdesktop.rdd.controller.engine.events.MirrorAction;
import io.rancherdesktop.rdd.controller.engine.kube.EngineEventRecorder;
import io.rancherdesktop.rdd.api.MirrorKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-object part of the engine controller for one mirrored kind (docs/design/mirroring-rules.md §1.2–1.4, §7):
 * one reconcile per object, triggered by informer events that passed the kind's predicates, never a sweep (I7).
 *
 * <p>Work runs only while a watcher is connected; otherwise the object is parked (no requeue), and the supervisor
 * enqueues every mirror once when a watcher connects (§1.3), so a delete requested while disconnected is served
 * then (§7.6). A mirror being deleted has its engine object removed first; only success or NotFound lets the
 * finalizer go (§7.2, I3). A failure keeps the finalizer, records a Warning Event {@code EngineDeleteFailed} and
 * retries with backoff, on its own (§1.4); except an image or volume the engine refuses as in use (409), whose delete
 * is dropped and whose mirror is put back at once, with a Warning Event {@code EngineDeleteRefused}
 * (docs/engine-mirroring.md, "Finalizer lifecycle").
 */
public abstract class MirrorReconciler<T extends HasMetadata> implements Reconciler<T> {
    private static final int HTTP_CONFLICT = 409;
    private static final Logger LOG = LoggerFactory.getLogger(MirrorReconciler.class);

    protected final EngineSessions sessions;
    protected final EngineEventRecorder events;
    protected final Backoff backoff;
    private final TriggerEventSource<T> triggers;
    private final Map<String, Integer> deleteFailures = new ConcurrentHashMap<>();

    protected MirrorReconciler(String name, EngineSessions sessions, EngineEventRecorder events, Backoff backoff) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.events = Objects.requireNonNull(events, "events");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.triggers = new TriggerEventSource<>(name + "-engine-triggers");
    }

    /** The kind, for {@code MirrorWriter.remove}. */
    protected abstract MirrorKind kind();

    /** §7.1: the engine delete behind this mirror; §7.3: {@code Gone} without a call when there is nothing to delete. */
    protected abstract EngineDeletes.Outcome deleteInEngine(T mirror, ActiveSession session);

    /**
     * Whether an engine 409 (in use) drops the delete and puts the mirror back (images, volumes) instead of keeping
     * the finalizer and retrying (containers: their delete is forced, a 409 is a transient state of the engine).
     */
    protected boolean putsBackOnRefusal() {
        return false;
    }

    /** The action that writes the mirror again from the engine, after a refused delete released it. */
    protected java.util.Optional<MirrorAction> recreate(T mirror) {
        return java.util.Optional.empty();
    }

    /** Work on a live (not terminating) mirror; nothing for images and volumes. */
    protected UpdateControl<T> reconcileLive(T mirror, ActiveSession session) {
        return UpdateControl.noUpdate();
    }

    /** Forgets per-object progress (the object is gone or has nothing pending). */
    protected void forget(String uid) {
        deleteFailures.remove(uid);
    }

    @Override
    public List<EventSource<?, T>> prepareEventSources(EventSourceContext<T> context) {
        return List.of(triggers);
    }

    /** Queues a reconcile of one mirror (coalescing; a no-op before the operator runs). */
    public void enqueue(String namespace, String name) {
        triggers.trigger(new ResourceID(name, namespace));
    }

    @Override
    public UpdateControl<T> reconcile(T mirror, Context<T> context) {
        String uid = mirror.getMetadata().getUid();
        if (context.isPrimaryResourceDeleted()) {
            forget(uid);
            return UpdateControl.noUpdate();
        }
        ActiveSession session = sessions.live().filter(s -> s.serves(mirror.getMetadata().getNamespace())).orElse(null);
        if (session == null) {
            return UpdateControl.noUpdate(); // parked until a watcher connects (§1.3)
        }
        if (mirror.getMetadata().getDeletionTimestamp() != null) {
            return finalizeMirror(mirror, session);
        }
        return reconcileLive(mirror, session);
    }

    private UpdateControl<T> finalizeMirror(T mirror, ActiveSession session) {
        String uid = mirror.getMetadata().getUid();
        String name = mirror.getMetadata().getName();
        if (!hasMirrorFinalizer(mirror)) {
            forget(uid);
            return UpdateControl.noUpdate();
        }
        switch (deleteInEngine(mirror, session)) {
            case EngineDeletes.Outcome.Gone gone -> {
                // §7.4: strip the finalizer with conflict retries; the delete then completes.
                session.writer().remove(kind(), name);
                forget(uid);
                LOG.info("{} {}/{}: engine object {}; mirror released", kind(), mirror.getMetadata().getNamespace(), name,
                        gone.existed() ? "deleted" : "already gone");
                return UpdateControl.noUpdate();
            }
            case EngineDeletes.Outcome.Failed(int status, String message) when status == HTTP_CONFLICT && putsBackOnRefusal() -> {
                // In use after all (a container created after admission let the delete through): the delete is
                // dropped, never kept pending, and the mirror is put back at once with a new uid.
                LOG.warn("{} {}/{}: the engine refused the delete (in use): {}; the mirror is put back",
                        kind(), mirror.getMetadata().getNamespace(), name, message);
                events.warning(mirror, EventReasons.ENGINE_DELETE_REFUSED, "Docker refused the delete, the " + kind().name().toLowerCase(java.util.Locale.ROOT)
                        + " is in use: " + message + "; the delete is dropped");
                session.writer().remove(kind(), name);
                forget(uid);
                recreate(mirror).ifPresent(action -> session.session().watcher().submit(action));
                return UpdateControl.noUpdate();
            }
            case EngineDeletes.Outcome.Failed(int status, String message) -> {
                int attempt = deleteFailures.merge(uid, 1, Integer::sum);
                Duration retry = backoff.after(attempt);
                LOG.warn("{} {}/{}: the engine refused the delete (HTTP {}): {}; keeping the finalizer, retry in {}",
                        kind(), mirror.getMetadata().getNamespace(), name, status, message, retry);
                events.warning(mirror, EventReasons.ENGINE_DELETE_FAILED, message);
                return UpdateControl.<T>noUpdate().rescheduleAfter(retry);
            }
        }
    }

    protected static boolean hasMirrorFinalizer(HasMetadata o) {
        return o.getMetadata().getFinalizers() != null && o.getMetadata().getFinalizers().contains(Finalizers.MIRROR);
    }

    protected static boolean terminating(HasMetadata o) {
        return o != null && o.getMetadata().getDeletionTimestamp() != null;
    }
}
