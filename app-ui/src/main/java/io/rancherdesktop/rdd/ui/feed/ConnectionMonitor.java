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
    /** A killed service (refused connections) shows within 1 s; a frozen one after two 1 s probe timeouts. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);

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

    /** Probes now, not at the next tick (a watch just broke: the service may be gone). Any thread. */
    public void checkSoon() {
        if (!closed && last.connected()) {
            try {
                timer.execute(this::probeNowOnly);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    private void probeNowOnly() {
        if (closed || !last.connected()) {
            return;
        }
        ConnectionState now = probeOnce();
        if (!now.connected() && !now.detail().startsWith(TIMEOUT)) {
            report(now);
        }
    }

    private void report(ConnectionState now) {
        if (now.connected() == last.connected()) {
            return;
        }
        last = now;
        if (now.connected()) {
            log.info("the rdd service answers again");
        } else {
            log.warn("lost the connection to the rdd service: {}", now.detail());
        }
        uiThread.execute(() -> {
            if (!closed) {
                listener.accept(now);
            }
        });
    }

    private void check() {
        if (closed) {
            return;
        }
        ConnectionState now = probeOnce();
        if (!now.connected() && now.detail().startsWith(TIMEOUT) && last.connected()) {
            // A slow answer on a busy machine is not a lost service: a second timeout in a row is. A refused
            // connection (a killed service) counts at once.
            now = probeOnce();
        }
        report(now);
        if (!closed) {
            timer.schedule(this::check, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static final String TIMEOUT = "no answer within";

    private ConnectionState probeOnce() {
        try {
            probe.probe().join();
            return ConnectionState.CONNECTED;
        } catch (CompletionException | IllegalStateException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof java.util.concurrent.TimeoutException
                    || (cause.getMessage() != null && cause.getMessage().contains("timed out"))) {
                return ConnectionState.lost(TIMEOUT + " the probe's timeout");
            }
            return ConnectionState.lost(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (RuntimeException e) {
            return ConnectionState.lost(e.toString());
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
