package io.rancherdesktop.rdd.controller.engine.request;

import com.github.dockerjava.api.exception.DockerException;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestProgress;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestStatus;
import io.rancherdesktop.rdd.controller.ConflictRetry;
import io.rancherdesktop.rdd.controller.TriggerEventSource;
import io.rancherdesktop.rdd.controller.engine.docker.EngineCallException;
import io.rancherdesktop.rdd.controller.engine.docker.EngineErrors;
import io.rancherdesktop.rdd.controller.engine.reconcile.ActiveSession;
import io.rancherdesktop.rdd.controller.engine.reconcile.EngineSessions;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared part of every request controller (docs/api.md §3.5): one reconcile serves one request to the end,
 * synchronously, and records the outcome in its status; the kinds only say how to find what an earlier attempt
 * made ({@link #adopt}) and how to make it ({@link #create}).
 *
 * <ol>
 *   <li>A finished request (Complete or Failed True) is only waiting for its TTL ({@code spec.ttlSecondsAfterFinished}
 *   after {@code status.completionTime}), then deleted.</li>
 *   <li>No connected engine: {@code Complete=False/EngineNotReady}; the request is remembered and served when the
 *   engine controller publishes a session ({@link EngineSessions#onPublish}).</li>
 *   <li>The claim: {@code startTime}, {@code observedGeneration} and {@code Complete=False/InProgress} are written
 *   before any engine call (a 409 is retried with a fresh read).</li>
 *   <li>Exactly once: {@link #adopt} first looks in the engine for an object labelled with the request's uid
 *   ({@link RequestLabels}); found, it is the outcome. Not found after an earlier attempt had claimed the request
 *   ({@code startTime} was already set), the outcome cannot be known: {@code Failed/OutcomeUnknown}, never a second
 *   create. Otherwise {@link #create}.</li>
 *   <li>An engine call that gets no answer while the session died ends {@code Failed/EngineStopped}.</li>
 * </ol>
 *
 * The request's {@code status.*Ref} names the mirror the engine controller writes from Docker's event; this
 * controller never creates mirrors (its identity, {@code system:rdd:request-controller}, may not).
 */
public abstract class RequestReconciler<R extends CustomResource<? extends RequestSpec, S>, S extends RequestStatus>
        implements Reconciler<R> {
    /** {@code spec.ttlSecondsAfterFinished} when the spec has none (the schema defaults it too). */
    public static final long DEFAULT_TTL_SECONDS = 3600;
    /** At most this often a progress write (about 3 a second). */
    static final Duration PROGRESS_INTERVAL = Duration.ofMillis(333);
    private static final Logger LOG = LoggerFactory.getLogger(RequestReconciler.class);

    protected final KubernetesClient client;
    protected final EngineSessions sessions;
    protected final Clock clock;
    private final Class<R> type;
    private final TriggerEventSource<R> triggers;
    /** Requests that waited for the engine, served when it connects. */
    private final Set<ResourceID> waiting = ConcurrentHashMap.newKeySet();

    protected RequestReconciler(Class<R> type, String name, KubernetesClient client, EngineSessions sessions, Clock clock) {
        this.type = Objects.requireNonNull(type, "type");
        this.client = Objects.requireNonNull(client, "client");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.triggers = new TriggerEventSource<>(name + "-engine-triggers");
        sessions.onPublish(this::engineConnected);
    }

    /** A fresh, empty status of the kind. */
    protected abstract S newStatus();

    /** Whether serving needs the engine (every kind but ImageScanRequest). */
    protected boolean needsEngine() {
        return true;
    }

    /**
     * Serving without the engine (kinds whose {@link #needsEngine} is false).
     */
    protected RequestOutcome<S> serveWithoutEngine(R request) {
        throw new UnsupportedOperationException();
    }

    /** What an earlier attempt made, found by the request-uid label; empty when the engine has none. */
    protected abstract Optional<RequestOutcome<S>> adopt(R request, Serving serving);

    /** Makes the object (labelled with the request's uid). Throw {@link RequestFailure} for a failure with a reason. */
    protected abstract RequestOutcome<S> create(R request, Serving serving);

    /**
     * Whether serving twice has the effect of serving once (a pull, a push): a resumed request is then served
     * again instead of ending OutcomeUnknown.
     */
    protected boolean idempotent() {
        return false;
    }

    /** The condition reason of an engine refusal of this kind (EngineError unless the kind knows better). */
    protected String refusalReason(int httpStatus, String message) {
        return ConditionReasons.Request.ENGINE_ERROR;
    }

    @Override
    public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
        return List.of(triggers);
    }

    private void engineConnected() {
        List<ResourceID> ids = List.copyOf(waiting);
        ids.forEach(id -> {
            waiting.remove(id);
            triggers.trigger(id);
        });
    }

    @Override
    public UpdateControl<R> reconcile(R cached, Context<R> context) {
        if (context.isPrimaryResourceDeleted() || cached.getMetadata().getDeletionTimestamp() != null) {
            waiting.remove(ResourceID.fromResource(cached));
            return UpdateControl.noUpdate();
        }
        // The informer's copy may predate this controller's own last status write (an event of the claim arriving
        // after the request finished): serving is decided on a fresh read, never on the cache.
        R request = client.resources(type).inNamespace(cached.getMetadata().getNamespace()).withName(cached.getMetadata().getName()).get();
        if (request == null || !Objects.equals(request.getMetadata().getUid(), cached.getMetadata().getUid())
                || request.getMetadata().getDeletionTimestamp() != null) {
            waiting.remove(ResourceID.fromResource(cached));
            return UpdateControl.noUpdate();
        }
        S status = request.getStatus();
        if (finished(status)) {
            return expire(request);
        }
        String name = request.getMetadata().getName();
        String namespace = request.getMetadata().getNamespace();
        long generation = request.getMetadata().getGeneration() == null ? 0 : request.getMetadata().getGeneration();
        if (!needsEngine()) {
            claim(request, generation);
            return finish(request, serveWithoutEngine(request));
        }
        Optional<ActiveSession> live = sessions.live();
        if (live.isEmpty()) {
            ResourceID id = ResourceID.fromResource(request);
            waiting.add(id);
            writeStatus(request, s -> Conditions.setIn(s, Conditions.condition(ConditionTypes.COMPLETE, Conditions.FALSE,
                    ConditionReasons.Request.ENGINE_NOT_READY, "waiting for the container engine to connect", generation),
                    clock.instant()));
            if (sessions.live().isPresent() && waiting.remove(id)) {
                triggers.trigger(id); // connected meanwhile: the publish may have run before the add
            }
            return UpdateControl.noUpdate();
        }
        ActiveSession session = live.get();
        if (!session.serves(namespace)) {
            claim(request, generation);
            return finish(request, RequestOutcome.failed(ConditionReasons.Request.WRONG_NAMESPACE, "requests are served in "
                    + "namespace " + session.namespace() + ", the one the engine is mirrored into; this one is in " + namespace));
        }
        boolean resumed = status != null && status.getStartTime() != null;
        claim(request, generation);
        String uid = request.getMetadata().getUid();
        Serving serving = new Serving(session.session().engine(), namespace, uid, resumed, progressWriter(request));
        RequestOutcome<S> outcome;
        try {
            Optional<RequestOutcome<S>> adopted = adopt(request, serving);
            if (adopted.isPresent()) {
                outcome = adopted.get();
                if (!resumed) {
                    LOG.info("{} {}/{}: found what it asked for in the engine (labelled with its uid); adopted", request.getKind(), namespace, name);
                }
            } else if (resumed && !idempotent()) {
                outcome = RequestOutcome.failed(ConditionReasons.Request.OUTCOME_UNKNOWN, "an earlier attempt to serve this request "
                        + "started at " + status.getStartTime() + " and the engine has nothing labelled "
                        + RequestLabels.filter(uid) + "; it is not served a second time");
            } else {
                outcome = create(request, serving);
            }
        } catch (RequestFailure f) {
            outcome = RequestOutcome.failed(f.reason(), f.getMessage());
        } catch (RuntimeException e) {
            outcome = classify(e, session);
        }
        return finish(request, outcome);
    }

    /** An engine failure as an outcome: Docker's refusal with its text, or EngineStopped when nobody answered. */
    protected RequestOutcome<S> classify(RuntimeException e, ActiveSession session) {
        int status = switch (e) {
            case DockerException de -> de.getHttpStatus();
            case EngineCallException ce -> ce.httpStatus();
            default -> 0;
        };
        String message = EngineErrors.message(e);
        if (status == 0 && (!session.isAlive() || isConnectionFailure(e))) {
            return RequestOutcome.failed(ConditionReasons.Request.ENGINE_STOPPED,
                    "the container engine went away while the request was served: " + message);
        }
        if (status == 0) {
            LOG.warn("serving a request failed", e);
        }
        return RequestOutcome.failed(refusalReason(status, message), message);
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /** Writes startTime (first time only), observedGeneration and Complete=False/InProgress. */
    private void claim(R request, long generation) {
        Instant now = clock.instant();
        writeStatus(request, s -> {
            boolean changed = false;
            if (s.getStartTime() == null) {
                s.setStartTime(time(now));
                changed = true;
            }
            if (!Objects.equals(s.getObservedGeneration(), generation)) {
                s.setObservedGeneration(generation);
                changed = true;
            }
            changed |= Conditions.setIn(s, Conditions.condition(ConditionTypes.COMPLETE, Conditions.FALSE,
                    ConditionReasons.Request.IN_PROGRESS, "", generation), now);
            return changed;
        });
    }

    private UpdateControl<R> finish(R request, RequestOutcome<S> outcome) {
        long generation = request.getStatus() != null && request.getStatus().getObservedGeneration() != null
                ? request.getStatus().getObservedGeneration()
                : request.getMetadata().getGeneration() == null ? 0 : request.getMetadata().getGeneration();
        Instant now = clock.instant();
        writeStatus(request, s -> {
            if (s.getObservedGeneration() == null) {
                s.setObservedGeneration(generation); // otherwise the claim's generation stays
            }
            long gen = s.getObservedGeneration();
            s.setCompletionTime(time(now));
            switch (outcome) {
                case RequestOutcome.Done<S> done -> {
                    done.refs().accept(s);
                    Conditions.setIn(s, Conditions.condition(ConditionTypes.COMPLETE, Conditions.TRUE, done.reason(),
                            done.message(), gen), now);
                    s.setConditions(Conditions.remove(s.getConditions(), ConditionTypes.FAILED).conditions());
                }
                case RequestOutcome.Failed<S> failed -> {
                    Conditions.setIn(s, Conditions.condition(ConditionTypes.FAILED, Conditions.TRUE, failed.reason(),
                            Conditions.truncateMessage(failed.message()), gen), now);
                    Conditions.setIn(s, Conditions.condition(ConditionTypes.COMPLETE, Conditions.FALSE,
                            ConditionReasons.Request.FAILED, Conditions.truncateMessage(failed.message()), gen), now);
                }
            }
            return true;
        });
        switch (outcome) {
            case RequestOutcome.Done<S> done -> LOG.info("{} {}/{}: {}", request.getKind(), request.getMetadata().getNamespace(),
                    request.getMetadata().getName(), done.reason());
            case RequestOutcome.Failed<S> failed -> LOG.info("{} {}/{}: Failed/{}: {}", request.getKind(),
                    request.getMetadata().getNamespace(), request.getMetadata().getName(), failed.reason(), failed.message());
        }
        return UpdateControl.<R>noUpdate().rescheduleAfter(ttl(request));
    }

    /** Deletes a finished request once its TTL passed; until then reconciles again when it does. */
    private UpdateControl<R> expire(R request) {
        Instant completed = parse(request.getStatus().getCompletionTime()).orElse(clock.instant());
        Instant due = completed.plus(ttl(request));
        Duration left = Duration.between(clock.instant(), due);
        if (left.isPositive()) {
            return UpdateControl.<R>noUpdate().rescheduleAfter(left);
        }
        try {
            client.resources(type).inNamespace(request.getMetadata().getNamespace()).withName(request.getMetadata().getName())
                    .delete();
            LOG.info("{} {}/{}: deleted {} after it finished (spec.ttlSecondsAfterFinished)", request.getKind(),
                    request.getMetadata().getNamespace(), request.getMetadata().getName(), ttl(request));
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
        return UpdateControl.noUpdate();
    }

    private static Duration ttl(CustomResource<? extends RequestSpec, ?> request) {
        Long seconds = request.getSpec() == null ? null : request.getSpec().getTtlSecondsAfterFinished();
        return Duration.ofSeconds(seconds == null || seconds < 0 ? DEFAULT_TTL_SECONDS : seconds);
    }

    /** Whether a request ended (Complete or Failed True). */
    public static boolean finished(RequestStatus status) {
        return status != null && (Conditions.isTrue(status.getConditions(), ConditionTypes.COMPLETE)
                || Conditions.isTrue(status.getConditions(), ConditionTypes.FAILED));
    }

    /** Progress reports of one serving, written at most every {@link #PROGRESS_INTERVAL}; the last one is always kept. */
    private Serving.ProgressSink progressWriter(R request) {
        Instant[] last = {null};
        return (progress, force) -> {
            Instant now = clock.instant();
            if (!force && last[0] != null && Duration.between(last[0], now).compareTo(PROGRESS_INTERVAL) < 0) {
                return;
            }
            last[0] = now;
            try {
                writeStatus(request, s -> {
                    if (Objects.equals(ProgressView.of(s.getProgress()), ProgressView.of(progress))) {
                        return false;
                    }
                    s.setProgress(progress);
                    return true;
                });
            } catch (KubernetesClientException e) {
                LOG.debug("progress write of {} failed: {}", request.getMetadata().getName(), e.getMessage());
            }
        };
    }

    /**
     * Read-modify-write of the request's status through the status subresource, a 409 retried with a fresh read
     * ({@link ConflictRetry}); skipped when {@code mutate} changes nothing or the request is gone.
     */
    protected void writeStatus(R request, Predicate<S> mutate) {
        var handle = client.resources(type).inNamespace(request.getMetadata().getNamespace()).withName(request.getMetadata().getName());
        ConflictRetry.run(() -> "status of " + request.getKind() + " " + request.getMetadata().getName(), ConflictRetry.AT_ONCE, n -> {
            R fresh = handle.get();
            if (fresh == null || !Objects.equals(fresh.getMetadata().getUid(), request.getMetadata().getUid())) {
                return null;
            }
            S status = fresh.getStatus() == null ? newStatus() : fresh.getStatus();
            if (!mutate.test(status)) {
                return null;
            }
            fresh.setStatus(status);
            try {
                R written = client.resource(fresh).updateStatus();
                request.setStatus(written.getStatus());
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                    throw e;
                }
            }
            return null;
        });
    }

    static String time(Instant instant) {
        return Conditions.timestamp(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static Optional<Instant> parse(String time) {
        try {
            return time == null ? Optional.empty() : Optional.of(OffsetDateTime.parse(time).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Compares progress by value (the model classes have no equals). */
    private record ProgressView(String phase, Integer layersDone, Integer layersTotal, Long bytesDone, Long bytesTotal,
                                List<String> layers) {
        static ProgressView of(RequestProgress p) {
            return p == null ? null : new ProgressView(p.getPhase(), p.getLayersDone(), p.getLayersTotal(), p.getBytesDone(),
                    p.getBytesTotal(), p.getLayers() == null ? null : p.getLayers().stream()
                    .map(l -> l.getId() + "|" + l.getAction() + "|" + l.getCurrent() + "|" + l.getTotal()).toList());
        }
    }

}
