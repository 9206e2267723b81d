package io.rancherdesktop.rdd.ui.feed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches the connection to the rdd service (docs/gui.md, "Honest state"): a {@link ConnectionProbe} every
 * {@code interval}, each bounded by its own timeout. The first failed probe reports the connection lost, the first
 * answered one after that reports it back; only changes are reported, on {@code uiThread}. A watch stream alone
 * cannot tell: a frozen service keeps its sockets open, and the informers' reconnects back off for seconds.
 */
public final class ConnectionMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectionMonitor.class);
    /** With a 1 s probe timeout a lost service shows within 2 s (docs/gui.md). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(750);

    private final ConnectionProbe probe;
    private final Duration interval;
    private final Executor uiThread;
    private final Consumer<ConnectionState> listener;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("rdd-ui-connection").factory());
    private volatile ConnectionState last = ConnectionState.CONNECTED;
    private volatile boolean closed;

    public ConnectionMonitor(ConnectionProbe probe, Duration interval, Executor uiThread, Consumer<ConnectionState> listener) {
        this.probe = probe;
        this.interval = interval;
        this.uiThread = uiThread;
        this.listener = listener;
    }

    public void start() {
        timer.execute(this::check);
    }

    private void check() {
        if (closed) {
            return;
        }
        ConnectionState now;
        try {
            probe.probe().join();
            now = ConnectionState.CONNECTED;
        } catch (CompletionException | IllegalStateException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            now = ConnectionState.lost(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (RuntimeException e) {
            now = ConnectionState.lost(e.toString());
        }
        if (now.connected() != last.connected()) {
            last = now;
            if (now.connected()) {
                log.info("the rdd service answers again");
            } else {
                log.warn("lost the connection to the rdd service: {}", now.detail());
            }
            ConnectionState report = now;
            uiThread.execute(() -> {
                if (!closed) {
                    listener.accept(report);
                }
            });
        }
        if (!closed) {
            timer.schedule(this::check, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public ConnectionState last() {
        return last;
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }
}
