package io.rancherdesktop.rdd.ui.fx;

import io.rancherdesktop.rdd.ui.feed.FeedListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Moves changes from feed threads onto the JavaFX application thread in batches: changes to the same object
 * that arrive between two drains collapse into the last one, and all channels are applied together in one
 * {@code runLater}, at most once per interval (50 ms by default). A burst of 5,000 informer events therefore costs
 * a handful of UI passes instead of 5,000, and an idle GUI schedules nothing at all.
 */
public final class UpdateCoalescer implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);

    private final Executor uiThread;
    private final ScheduledExecutorService timer;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final List<Channel<?>> channels = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private boolean drainScheduled; // guarded by lock
    private long lastDrainNanos;     // guarded by lock
    private boolean closed;          // guarded by lock

    /** @param uiThread runs a drain on the UI thread ({@code Platform::runLater} in the app) */
    public UpdateCoalescer(Executor uiThread, Duration interval) {
        this(uiThread, interval, System::nanoTime);
    }

    UpdateCoalescer(Executor uiThread, Duration interval, LongSupplier nanoClock) {
        this.uiThread = uiThread;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.lastDrainNanos = nanoClock.getAsLong() - intervalNanos;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "rdd-ui-coalescer");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    /**
     * A channel for one kind of object. {@code sink} runs on the UI thread with the coalesced changes of one
     * drain; it is not called for an empty batch.
     */
    public <T> Channel<T> channel(Function<T, String> keyOf, Consumer<Batch<T>> sink) {
        Channel<T> c = new Channel<>(keyOf, sink);
        channels.add(c);
        return c;
    }

    private void requestDrain() {
        synchronized (lock) {
            if (drainScheduled || closed) {
                return;
            }
            drainScheduled = true;
            long wait = lastDrainNanos + intervalNanos - nanoClock.getAsLong();
            if (wait <= 0) {
                uiThread.execute(this::drain);
            } else {
                timer.schedule(() -> uiThread.execute(this::drain), wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Applies everything pending; runs on the UI thread. */
    private void drain() {
        List<Runnable> applies = new ArrayList<>();
        synchronized (lock) {
            drainScheduled = false;
            lastDrainNanos = nanoClock.getAsLong();
            if (closed) {
                return;
            }
            for (Channel<?> c : channels) {
                Runnable apply = c.takeBatch();
                if (apply != null) {
                    applies.add(apply);
                }
            }
        }
        applies.forEach(Runnable::run);
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        timer.shutdownNow();
    }

    /** The coalesced changes of one channel in one drain, in order of their first arrival. */
    public record Batch<T>(List<T> upserted, List<T> deleted) {
        public boolean isEmpty() {
            return upserted.isEmpty() && deleted.isEmpty();
        }
    }

    private record Change<T>(T object, boolean deletion) {
    }

    /** Accepts changes from any thread; see {@link UpdateCoalescer}. */
    public final class Channel<T> implements FeedListener<T> {
        private final Function<T, String> keyOf;
        private final Consumer<Batch<T>> sink;
        private Map<String, Change<T>> pending = new LinkedHashMap<>(); // guarded by lock

        private Channel(Function<T, String> keyOf, Consumer<Batch<T>> sink) {
            this.keyOf = keyOf;
            this.sink = sink;
        }

        @Override
        public void upserted(T object) {
            offer(new Change<>(object, false));
        }

        @Override
        public void deleted(T object) {
            offer(new Change<>(object, true));
        }

        private void offer(Change<T> change) {
            String key = keyOf.apply(change.object());
            synchronized (lock) {
                pending.put(key, change);
            }
            requestDrain();
        }

        /** Called with the lock held; returns the sink call for the pending changes, or null if none. */
        private Runnable takeBatch() {
            if (pending.isEmpty()) {
                return null;
            }
            Map<String, Change<T>> taken = pending;
            pending = new LinkedHashMap<>();
            List<T> up = new ArrayList<>();
            List<T> down = new ArrayList<>();
            for (Change<T> c : taken.values()) {
                (c.deletion() ? down : up).add(c.object());
            }
            Batch<T> batch = new Batch<>(List.copyOf(up), List.copyOf(down));
            return () -> sink.accept(batch);
        }
    }
}
