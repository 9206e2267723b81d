package io.rancherdesktop.rdd.controller.engine.reconcile;

import io.rancherdesktop.rdd.controller.ConflictRetry;
import io.rancherdesktop.rdd.wire.Backoff;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.rancherdesktop.rdd.api.EventReasons;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ActionOutcome;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.LastAction;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.controller.engine.docker.EngineDeletes;
import io.rancherdesktop.rdd.controller.engine.kube.EngineEventRecorder;
import io.rancherdesktop.rdd.controller.engine.kube.MirrorStatusConversion;
import io.rancherdesktop.rdd.controller.engine.kube.SpecStateOwnership;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.controller.engine.state.StepOutcome;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Container mirrors: the finalizer path (docs/design/mirroring-rules.md §7) and {@code spec.state} as a one-shot
 * request (§6, S4, gaps 8 and 10).
 *
 * <p>Predicates (§1.2): deletion timestamp set, {@code spec.state} changed, or {@code status.status} changed while
 * {@code spec.state ≠ unknown}. So the engine's status writes for a container nobody asked anything of never
 * reconcile it (I7).
 *
 * <p>A request is served one step per reconcile ({@code ContainerStateExecutor}): inspect, decide, at most one
 * Docker call. Once the container is there (or the request failed) the outcome goes into {@code status.lastAction}
 * (status subresource, its own field manager, so the engine's status writes never touch it), then {@code spec.state}
 * goes back to {@code unknown} with an update carrying the resourceVersion it read, owned by no field manager
 * ({@link SpecStateOwnership}). A 409 means somebody wrote in
 * between: the object is read again, and if the user changed {@code spec} meanwhile (its generation moved) the new
 * request is left in place and served next; it is never lost and never overwritten (§6.1).
 */
public final class ContainerMirrorReconciler extends MirrorReconciler<Container> {
    public static final String NAME = "container";
    /** The field manager of {@code status.lastAction}; distinct from the mirror writer's {@code engine-controller}. */
    public static final String STATE_FIELD_MANAGER = "engine-state-controller";
    private static final Logger LOG = LoggerFactory.getLogger(ContainerMirrorReconciler.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final int maxTransientFailures;
    private final Backoff waitBackoff;
    private final Duration afterCall;
    private final Map<String, Progress> requests = new ConcurrentHashMap<>();
    /**
     * uid → the generation of the last request served (or failed) here. The informer's cache may still show a
     * consumed request after its reset (this reconciler writes through the client, not the cache): a reconcile of
     * such a stale view must not serve it again (a second Docker call, a second {@code restarted}, a second Event,
     * a {@code lastAction} gone backwards). It only retries the reset, which reads the object fresh.
     */
    private final Map<String, Long> served = new ConcurrentHashMap<>();
    private final PatchContext stateApply = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager(STATE_FIELD_MANAGER).withForce(true).build();

    /**
     * One request being served: its generation, when it was first seen, the mirror's {@code status.status} then (the
     * "from" of its {@code StateChanged} Event), how it has fared.
     */
    private record Progress(long generation, Instant observedAt, RunStatus from, int transientFailures, int waits) {
        Progress failedOnce() {
            return new Progress(generation, observedAt, from, transientFailures + 1, waits);
        }

        Progress waitedOnce() {
            return new Progress(generation, observedAt, from, transientFailures, waits + 1);
        }
    }

    /**
     * @param maxTransientFailures attempts of a Docker call that failed transiently (5xx, no answer) before the
     *                             request is recorded as Failed (§6.4)
     * @param waitBackoff          requeue delays while the container settles
     * @param afterCall            safety requeue after a Docker call (the status change normally triggers sooner)
     */
    public ContainerMirrorReconciler(KubernetesClient client, EngineSessions sessions, EngineEventRecorder events,
                                     Backoff deleteBackoff, Backoff waitBackoff, int maxTransientFailures,
                                     Duration afterCall, Clock clock) {
        super(NAME, sessions, events, deleteBackoff);
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.waitBackoff = Objects.requireNonNull(waitBackoff, "waitBackoff");
        this.afterCall = Objects.requireNonNull(afterCall, "afterCall");
        if (maxTransientFailures < 1) {
            throw new IllegalArgumentException("maxTransientFailures must be at least 1");
        }
        this.maxTransientFailures = maxTransientFailures;
    }

    public static boolean admitsAdd(Container c) {
        return terminating(c) || requested(c) != RequestedState.UNKNOWN;
    }

    public static boolean admitsUpdate(Container now, Container before) {
        if (terminating(now) || requested(now) != requested(before)) {
            return true;
        }
        return requested(now) != RequestedState.UNKNOWN && runStatus(now) != runStatus(before);
    }

    @Override
    protected MirrorKind kind() {
        return MirrorKind.CONTAINER;
    }

    @Override
    protected EngineDeletes.Outcome deleteInEngine(Container mirror, ActiveSession session) {
        return session.deletes().container(mirror.getMetadata().getName());
    }

    @Override
    protected void forget(String uid) {
        super.forget(uid);
        requests.remove(uid);
        served.remove(uid);
    }

    @Override
    protected UpdateControl<Container> reconcileLive(Container c, ActiveSession session) {
        String uid = c.getMetadata().getUid();
        RequestedState desired = requested(c);
        if (desired == RequestedState.UNKNOWN) {
            requests.remove(uid);
            return UpdateControl.noUpdate();
        }
        long generation = c.getMetadata().getGeneration() == null ? 0 : c.getMetadata().getGeneration();
        Long servedGeneration = served.get(uid);
        if (servedGeneration != null && generation <= servedGeneration) {
            requests.remove(uid);
            if (generation == servedGeneration) {
                // Served, but the reset may have failed (e.g. conflicts to the last attempt): retry only that.
                resetRequest(c.getMetadata().getNamespace(), c.getMetadata().getName(), generation);
            }
            return UpdateControl.noUpdate();
        }
        Instant now = clock.instant();
        Progress progress = requests.compute(uid, (k, old) ->
                old != null && old.generation() == generation ? old : new Progress(generation, now, runStatus(c), 0, 0));
        String name = c.getMetadata().getName();
        StepOutcome outcome = session.states().step(name, desired, Duration.between(progress.observedAt(), now));
        return switch (outcome) {
            case StepOutcome.Idle idle -> UpdateControl.noUpdate();
            case StepOutcome.Gone gone -> {
                requests.remove(uid);
                yield UpdateControl.noUpdate(); // the destroy event removes the mirror
            }
            case StepOutcome.Reached reached -> {
                finish(c, desired, progress, ActionOutcome.SUCCEEDED, null, reached.state());
                yield UpdateControl.noUpdate();
            }
            case StepOutcome.Called called -> UpdateControl.<Container>noUpdate().rescheduleAfter(afterCall);
            case StepOutcome.Waiting waiting -> {
                Progress p = requests.merge(uid, progress, (a, b) -> a.waitedOnce());
                yield UpdateControl.<Container>noUpdate().rescheduleAfter(waitBackoff.after(p.waits()));
            }
            case StepOutcome.Failed failed -> {
                if (failed.transientFailure() && progress.transientFailures() + 1 < maxTransientFailures) {
                    Progress p = requests.merge(uid, progress, (a, b) -> a.failedOnce());
                    Duration retry = backoff.after(p.transientFailures());
                    LOG.warn("Container {}: {} failed ({}); retry {} of {} in {}", name, desired.value(),
                            failed.error(), p.transientFailures() + 1, maxTransientFailures, retry);
                    yield UpdateControl.<Container>noUpdate().rescheduleAfter(retry);
                }
                events.warning(c, EventReasons.STATE_CHANGE_FAILED,
                        "spec.state=" + desired.value() + " failed: " + failed.error());
                finish(c, desired, progress, ActionOutcome.FAILED, failed.error(), null);
                yield UpdateControl.noUpdate();
            }
        };
    }

    /**
     * §6.1: record {@code lastAction}, then (a served request) the Normal Event {@code StateChanged} naming its
     * generation and the status before and after, then return {@code spec.state} to {@code unknown} unless the user
     * changed it. The Event comes before the reset, so once a request is consumed its Event is there.
     *
     * @param servedAs Docker's status once served; null for a failed request
     */
    private void finish(Container c, RequestedState desired, Progress progress, ActionOutcome result, String error,
                        ContainerRunState servedAs) {
        String namespace = c.getMetadata().getNamespace();
        String name = c.getMetadata().getName();
        LastAction action = new LastAction();
        action.setAction(desired);
        action.setState(result);
        action.setError(error);
        action.setObservedGeneration(progress.generation());
        action.setObservedAt(MirrorStatusConversion.time(progress.observedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        action.setCompletedAt(MirrorStatusConversion.time(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        Container config = new Container();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(namespace);
        config.setMetadata(meta);
        config.setSpec(null);
        ContainerStatus status = new ContainerStatus();
        status.setLastAction(action);
        config.setStatus(status);
        try {
            client.resources(Container.class).inNamespace(namespace).withName(name).subresource("status").patch(stateApply, config);
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                requests.remove(c.getMetadata().getUid());
                return;
            }
            throw e;
        }
        LOG.info("Container {}: spec.state={} {}{}", name, desired.value(), result.value(), error == null ? "" : ": " + error);
        served.merge(c.getMetadata().getUid(), progress.generation(), Math::max);
        if (servedAs != null) {
            events.normal(c, EventReasons.STATE_CHANGED, "spec.state=" + desired.value() + " (generation "
                    + progress.generation() + ") served: " + progress.from().value() + " → " + servedAs.wireValue());
        }
        resetRequest(namespace, name, progress.generation());
        requests.remove(c.getMetadata().getUid());
    }

    private void resetRequest(String namespace, String name, long servedGeneration) {
        var handle = client.resources(Container.class).inNamespace(namespace).withName(name);
        ConflictRetry.run(() -> "Container " + name + ": resetting spec.state", ConflictRetry.AT_ONCE, attempt -> {
            Container fresh = handle.get();
            if (fresh == null || fresh.getMetadata().getGeneration() == null
                    || fresh.getMetadata().getGeneration() != servedGeneration) {
                return null; // gone, or the user asked for something else meanwhile: that request is served next
            }
            if (requested(fresh) == RequestedState.UNKNOWN) {
                return null;
            }
            fresh.getSpec().setState(io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState.UNKNOWN);
            // The request is consumed: nobody keeps a claim on spec.state, so the next server-side apply of a state
            // does not conflict. This server takes the managed fields as sent; one that records the reset as this
            // writer's claim anyway (kube) gets the claim dropped by release().
            fresh.getMetadata().setManagedFields(SpecStateOwnership.withoutState(fresh.getMetadata().getManagedFields()));
            try {
                // Carries the read resourceVersion: 409 if anybody wrote since.
                SpecStateOwnership.release(client, client.resource(fresh).update());
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                    throw e; // a Conflict is retried with a fresh read
                }
            }
            return null;
        });
    }

    static RequestedState requested(Container c) {
        return c == null || c.getSpec() == null || c.getSpec().getState() == null ? RequestedState.UNKNOWN : c.getSpec().getState();
    }

    private static RunStatus runStatus(Container c) {
        return c.getStatus() == null || c.getStatus().getStatus() == null ? RunStatus.UNKNOWN : c.getStatus().getStatus();
    }
}
