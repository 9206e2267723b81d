package io.rancherdesktop.rdd.controller.engine.events;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import io.rancherdesktop.rdd.controller.engine.docker.EngineErrors;
import io.rancherdesktop.rdd.controller.engine.docker.EngineUnavailableException;
import io.rancherdesktop.rdd.controller.engine.docker.EventsSince;
import io.rancherdesktop.rdd.api.MirrorKind;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker event watcher (docs/design/mirroring-rules.md §3.2, §5, §9, review gap 7).
 *
 * <p>Lifecycle: {@link #subscribe} opens the event stream with type filters container/image/volume and the
 * {@code since} read before the full sync; from then on every event is read off the socket at once (dockerd
 * drops events for a subscriber that lags) and its action is <em>buffered</em>. The caller runs the full sync,
 * then calls {@link #startDelivery()}: buffered and later actions go to the handler on one thread, in event
 * order. Buffering until the sync is done matters: an event handled during the sync could be overtaken by
 * the sync's older inspect of the same object (a destroyed container re-applied after its removal).
 *
 * <p>Death: when the stream errors or closes, or the handler throws an {@link Error}, the watcher stops
 * delivering, closes every Docker client it owns, completes {@link #ended()}, and only then runs
 * {@code onDeath} — so whoever the signal wakes sees {@link #isAlive()} false. {@code onDeath} must be
 * coalescing and must not block (e.g. "enqueue a reconcile of the App"); it runs at most once.
 * A failure of one action (an {@link Exception}) is logged and delivery continues (§5.8).
 *
 * <p>Coalescing: a {@link MirrorAction.ResyncKind} is queued only if none of that kind is waiting yet; a waiting one
 * lists the kind when it runs, after every event that was coalesced into it, so a burst of prunes costs one resync.
 */
public final class DockerWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DockerWatcher.class);
    private static final Duration CONSUMER_JOIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Object STOP = new Object();

    private final DockerEngineClient events;
    private final List<AutoCloseable> owned;
    private final MirrorActionHandler handler;
    private final Runnable onDeath;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private final CompletableFuture<WatcherEnd> ended = new CompletableFuture<>();
    private final AtomicBoolean ending = new AtomicBoolean();
    private final AtomicBoolean delivering = new AtomicBoolean();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    /** Kinds with a {@link MirrorAction.ResyncKind} queued and not started yet. */
    private final Set<MirrorKind> pendingResyncs = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private Closeable stream;
    private Thread consumer;

    private DockerWatcher(DockerEngineClient events, List<AutoCloseable> owned, MirrorActionHandler handler, Runnable onDeath) {
        this.events = events;
        this.owned = owned;
        this.handler = handler;
        this.onDeath = onDeath;
    }

    /**
     * Subscribes and waits until the engine has accepted the subscription.
     *
     * @param events     a client without response timeout ({@code EngineClientSettings.forEventStream()}); the
     *                   watcher owns and closes it
     * @param alsoOwned  further resources (e.g. the client the handler uses) closed when the watcher ends
     * @throws EngineUnavailableException when the subscription fails or is not accepted within {@code timeout};
     *                                    everything owned is closed then
     */
    public static DockerWatcher subscribe(DockerEngineClient events, EventsSince since, MirrorActionHandler handler,
                                          Runnable onDeath, Duration timeout, AutoCloseable... alsoOwned) {
        Objects.requireNonNull(since, "since");
        List<AutoCloseable> owned = new ArrayList<>(List.of(alsoOwned));
        owned.addFirst(events);
        DockerWatcher w = new DockerWatcher(events, List.copyOf(owned), Objects.requireNonNull(handler, "handler"),
                Objects.requireNonNull(onDeath, "onDeath"));
        try {
            events.docker().eventsCmd()
                    .withEventTypeFilter(EventType.CONTAINER, EventType.IMAGE, EventType.VOLUME)
                    .withSince(since.dockerParameter())
                    .exec(w.new StreamCallback());
            w.subscribed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            w.end(new WatcherEnd(WatcherEnd.Reason.STOPPED, e));
            throw new EngineUnavailableException("the Docker event subscription at " + events.endpoint()
                    + " was not accepted within " + timeout, e);
        } catch (ExecutionException e) {
            w.end(new WatcherEnd(WatcherEnd.Reason.STOPPED, e.getCause()));
            throw new EngineUnavailableException("subscribing to Docker events at " + events.endpoint() + " failed: "
                    + EngineErrors.message(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            w.end(new WatcherEnd(WatcherEnd.Reason.STOPPED, e));
            throw new EngineUnavailableException("interrupted subscribing to Docker events", e);
        } catch (RuntimeException e) {
            w.end(new WatcherEnd(WatcherEnd.Reason.STOPPED, e));
            throw new EngineUnavailableException("subscribing to Docker events at " + events.endpoint() + " failed: "
                    + EngineErrors.message(e), e);
        }
        LOG.info("Subscribed to Docker events at {} since {} ({})", events.endpoint(), since.instant(), since.source());
        return w;
    }

    /** Starts handing buffered and future actions to the handler. Idempotent. */
    public void startDelivery() {
        if (!delivering.compareAndSet(false, true)) {
            return;
        }
        synchronized (lock) {
            if (ending.get()) {
                return;
            }
            consumer = Thread.ofPlatform().daemon().name("docker-watcher-" + events.endpoint()).start(this::deliver);
        }
    }

    /**
     * Checks the engine while the watcher lives: every {@code interval}, {@code probe} (a ping with its own timeout,
     * throwing {@link io.rancherdesktop.rdd.controller.engine.docker.EngineUnavailableException} when the engine
     * does not answer); two failures in a row end the watcher as {@link WatcherEnd.Reason#UNRESPONSIVE}, which signals
     * death like a broken stream. A frozen dockerd keeps the event socket open and silent, so without this the
     * session would stay "Connected" for ever. Call once, after {@link #startDelivery()}.
     */
    public void monitorLiveness(Runnable probe, Duration interval) {
        Objects.requireNonNull(probe, "probe");
        if (interval == null || !interval.isPositive()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        Thread.ofVirtual().name("docker-liveness-" + events.endpoint()).start(() -> {
            RuntimeException lastFailure = null;
            int failures = 0;
            while (true) {
                try {
                    ended.get(interval.toMillis(), TimeUnit.MILLISECONDS);
                    return; // the watcher ended
                } catch (TimeoutException due) {
                    // time for the next probe
                } catch (InterruptedException e) {
                    return;
                } catch (ExecutionException e) {
                    return;
                }
                try {
                    probe.run();
                    failures = 0;
                } catch (RuntimeException e) {
                    if (!isAlive()) {
                        return;
                    }
                    lastFailure = e;
                    failures++;
                    LOG.warn("The Docker engine at {} failed a liveness check ({} in a row): {}", events.endpoint(), failures,
                            EngineErrors.message(e));
                    if (failures >= 2) {
                        end(new WatcherEnd(WatcherEnd.Reason.UNRESPONSIVE, lastFailure));
                        return;
                    }
                }
            }
        });
    }

    /** False from the moment the watcher starts ending. */
    public boolean isAlive() {
        return !ending.get();
    }

    /** Completed, after the clients are closed and before {@code onDeath} runs, with why the watcher ended. */
    public CompletableFuture<WatcherEnd> ended() {
        return ended;
    }

    /** Events received from the stream (including ones without an action). */
    public long receivedEvents() {
        return received.get();
    }

    /** Actions handed to the handler (successfully or not). */
    public long handledActions() {
        return handled.get();
    }

    /**
     * Queues an action of the controller's own behind the buffered events, handled on the same thread as they are
     * (e.g. re-creating a mirror whose delete the engine refused). Ignored once the watcher ends: the next session's
     * full sync covers it.
     */
    public void submit(MirrorAction action) {
        java.util.Objects.requireNonNull(action, "action");
        if (!ending.get()) {
            queue.offer(action);
        }
    }

    /** Stops the watcher deliberately: closes its clients; {@code onDeath} does not run. */
    @Override
    public void close() {
        end(new WatcherEnd(WatcherEnd.Reason.STOPPED, null));
    }

    private void deliver() {
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == STOP || ending.get()) {
                return;
            }
            MirrorAction action = (MirrorAction) item;
            if (action instanceof MirrorAction.ResyncKind(MirrorKind kind)) {
                // From now on a new prune needs a new resync: this one may already be listing.
                pendingResyncs.remove(kind);
            }
            try {
                handler.handle(action);
            } catch (Exception e) {
                LOG.warn("Handling Docker event action {} failed; continuing with the next event: {}", action, e.getMessage(), e);
            } catch (Error e) {
                LOG.error("Handling Docker event action {} failed fatally; the watcher ends", action, e);
                handled.incrementAndGet();
                end(new WatcherEnd(WatcherEnd.Reason.HANDLER_PANIC, e));
                return;
            }
            handled.incrementAndGet();
        }
    }

    private void end(WatcherEnd why) {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        if (why.died()) {
            LOG.warn("Docker watcher for {} ended: {}{}", events.endpoint(), why.reason(),
                    why.cause() == null ? "" : " (" + EngineErrors.message(why.cause()) + ")");
        }
        Thread toJoin;
        Closeable toClose;
        synchronized (lock) {
            toJoin = consumer;
            toClose = stream;
        }
        queue.clear();
        queue.offer(STOP);
        closeQuietly(toClose, "event stream");
        for (AutoCloseable c : owned) {
            closeQuietly(c, "Docker client");
        }
        if (toJoin != null && toJoin != Thread.currentThread()) {
            try {
                if (!toJoin.join(CONSUMER_JOIN_TIMEOUT)) {
                    toJoin.interrupt();
                    LOG.warn("The event handler thread of {} did not finish within {}", events.endpoint(), CONSUMER_JOIN_TIMEOUT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        subscribed.completeExceptionally(new IllegalStateException("watcher ended: " + why.reason(), why.cause()));
        ended.complete(why);
        if (why.died()) {
            try {
                onDeath.run();
            } catch (RuntimeException e) {
                LOG.error("The watcher death signal failed", e);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c, String what) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Closing the {} failed: {}", what, e.getMessage());
        }
    }

    /** Runs on docker-java's stream thread: reads fast, buffers, never handles. */
    private final class StreamCallback implements ResultCallback<Event> {
        @Override
        public void onStart(Closeable closeable) {
            boolean closeNow;
            synchronized (lock) {
                stream = closeable;
                closeNow = ending.get();
            }
            if (closeNow) {
                closeQuietly(closeable, "event stream");
                return;
            }
            subscribed.complete(null);
        }

        @Override
        public void onNext(Event event) {
            received.incrementAndGet();
            try {
                DockerEventMapper.map(event).ifPresent(this::enqueue);
            } catch (RuntimeException e) {
                // An unexpected payload costs this event only (§5.8).
                LOG.warn("Ignoring a Docker event that could not be mapped: {}: {}", event, e.getMessage());
            }
        }

        private void enqueue(MirrorAction action) {
            if (action instanceof MirrorAction.ResyncKind(MirrorKind kind) && !pendingResyncs.add(kind)) {
                LOG.debug("A resync of {} is already queued; coalescing {}", kind, action);
                return;
            }
            queue.offer(action);
        }

        @Override
        public void onError(Throwable t) {
            if (subscribed.completeExceptionally(t)) {
                // Never subscribed: subscribe() reports the failure to its caller; there is no death to signal.
                end(new WatcherEnd(WatcherEnd.Reason.STOPPED, t));
                return;
            }
            end(new WatcherEnd(WatcherEnd.Reason.STREAM_ERROR, t));
        }

        @Override
        public void onComplete() {
            end(new WatcherEnd(WatcherEnd.Reason.STREAM_CLOSED, null));
        }

        @Override
        public void close() {
            DockerWatcher.this.close();
        }
    }
}
