package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.Backoff;
import io.rancherdesktop.rdd.wire.Json;
import io.rancherdesktop.rdd.wire.UnixHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Waits until App {@code app} has {@code Settled=True} with {@code observedGeneration} at least the generation the
 * write returned (docs/design/upstream-cli.md §5.5). A watch that closes (server timeout, proxy, compaction) is resumed from the last
 * resourceVersion, or re-listed when that is too old (410 Gone) [S3]; each current condition that changes is logged
 * at info as {@code <Type>=<Status>: <message> (<reason>)}. A terminal failure ({@code Settled=False} with a reason of
 * {@link #TERMINAL_REASONS} at the target generation) ends the wait at once with exit 5.
 */
final class AppStateWait {

    /** Upper bound of one watch request; the loop resumes after it. */
    static final Duration MAX_WATCH = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(AppStateWait.class);

    private final AppClient app;
    private final long target;
    private final Instant deadline;
    private final long maxWatchSeconds;
    private TerminalProgress progress = TerminalProgress.none();
    private final Map<String, String> logged = new HashMap<>();
    private String lastSettled = "Settled has not been reported yet";

    /**
     * @param target  the generation the write returned
     * @param timeout zero waits forever
     */
    AppStateWait(AppClient app, long target, Duration timeout) {
        this(app, target, timeout, MAX_WATCH);
    }

    /** @param maxWatch how long one watch request may last before it is resumed (tests make it short) */
    AppStateWait(AppClient app, long target, Duration timeout, Duration maxWatch) {
        this.app = app;
        this.target = target;
        this.deadline = timeout.isZero() ? Instant.MAX : Instant.now().plus(timeout);
        this.maxWatchSeconds = Math.max(1, maxWatch.toSeconds());
    }

    void await() {
        progress = TerminalProgress.start(PROGRESS);
        try {
            run();
        } finally {
            progress.close();
        }
    }

    private static final String PROGRESS = "waiting for the App to settle";

    /**
     * {@code Settled} reasons that end the wait at once (exit 5): the machine failed to apply the awaited spec and does
     * not retry until the spec changes (docs/api.md §1.2, docs/app-controller.md).
     */
    static final java.util.Set<String> TERMINAL_REASONS = java.util.Set.of("StartFailed", "StopFailed");

    private void run() {
        String resourceVersion = null;
        while (true) {
            if (resourceVersion == null) {
                Map<String, Object> current = app.get().orElseThrow(AppStateWait::deleted);
                if (settled(current)) {
                    return;
                }
                resourceVersion = AppClient.metadataString(current, "resourceVersion");
            }
            expireIfDue();
            try {
                switch (watch(resourceVersion)) {
                    case WatchEnd.Settled s -> {
                        return;
                    }
                    case WatchEnd.Resume r -> {
                        // A watch that ends without a single event (a server shutting down, a proxy closing idle
                        // connections) must not turn into a tight reconnect loop: back off until events flow again.
                        if (Objects.equals(r.resourceVersion(), resourceVersion)) {
                            backOff();
                        } else {
                            failures = 0;
                        }
                        resourceVersion = r.resourceVersion();
                    }
                    case WatchEnd.Relist r -> resourceVersion = null;
                }
            } catch (IOException e) {
                expireIfDue();
                log.debug("the App watch broke ({}); resuming", e.toString());
                backOff();
            } catch (ApiException e) {
                if (e.code() == 410) {
                    resourceVersion = null; // too old to resume: re-list
                } else {
                    throw AppClient.failed("watch", e);
                }
            }
        }
    }

    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2));
    /** Watches in a row that broke or ended without an event; zero once events flow again. */
    private int failures;

    /** Waits before the next watch request, doubling from 50 ms to 2 s, never past the deadline. */
    private void backOff() {
        Duration delay = BACKOFF.after(++failures);
        Duration wait = deadline.equals(Instant.MAX) ? delay : min(delay, Duration.between(Instant.now(), deadline));
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.GENERIC, "interrupted while waiting for the App");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** How one watch request ended. */
    private sealed interface WatchEnd {
        record Settled() implements WatchEnd {
        }

        /** The watch closed; resume from the last version seen. */
        record Resume(String resourceVersion) implements WatchEnd {
        }

        /** The version is too old to resume from (410 Gone): list again. */
        record Relist() implements WatchEnd {
        }
    }

    /** One watch request from {@code resourceVersion}. */
    private WatchEnd watch(String resourceVersion) throws IOException, ApiException {
        long seconds = Math.max(1, Math.min(maxWatchSeconds, secondsLeft()));
        String path = AppClient.APPS_PATH + "?watch=true&allowWatchBookmarks=true&fieldSelector=metadata.name%3Dapp"
                + "&resourceVersion=" + resourceVersion + "&timeoutSeconds=" + seconds;
        UnixHttpClient.Exchange ex = app.api().watch(path, "application/json");
        // A blocking read ends when the exchange is closed: that is how the deadline interrupts it. Without a
        // deadline (--timeout=0) the server's timeoutSeconds bounds each watch instead.
        Thread watchdog = deadline.equals(Instant.MAX) ? Thread.ofVirtual().unstarted(() -> { }) : Thread.ofVirtual().name("app-wait-deadline").start(() -> {
            try {
                Duration left = Duration.between(Instant.now(), deadline);
                if (!left.isNegative()) {
                    Thread.sleep(left);
                }
                ex.close();
            } catch (InterruptedException | IOException done) {
                // the watch ended first
            }
        });
        try (BufferedReader in = new BufferedReader(new InputStreamReader(ex.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> event = Json.parseObject(line);
                String type = String.valueOf(event.get("type"));
                if (!(event.get("object") instanceof Map<?, ?> raw)) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> obj = (Map<String, Object>) raw;
                switch (type) {
                    case "ERROR" -> {
                        if (obj.get("code") instanceof Number n && n.intValue() == 410) {
                            return new WatchEnd.Relist();
                        }
                        throw new IOException("watch error: " + obj.get("message"));
                    }
                    case "DELETED" -> throw deleted();
                    case "BOOKMARK" -> resourceVersion = AppClient.metadataString(obj, "resourceVersion");
                    default -> {
                        resourceVersion = AppClient.metadataString(obj, "resourceVersion");
                        if (settled(obj)) {
                            return new WatchEnd.Settled();
                        }
                    }
                }
            }
            return new WatchEnd.Resume(resourceVersion);
        } catch (IllegalArgumentException badJson) {
            throw new IOException("unreadable watch event: " + badJson.getMessage(), badJson);
        } finally {
            watchdog.interrupt();
            ex.close();
        }
    }

    /** Logs changed current conditions and says whether Settled is True for the target generation. */
    private boolean settled(Map<String, Object> app) {
        boolean settled = false;
        for (Map<?, ?> c : AppClient.conditions(app)) {
            long observed = c.get("observedGeneration") instanceof Number n ? n.longValue() : -1;
            String type = String.valueOf(c.get("type"));
            if (observed < target) {
                continue;
            }
            String line = type + "=" + c.get("status") + ": " + Objects.toString(c.get("message"), "")
                    + " (" + Objects.toString(c.get("reason"), "") + ")";
            if (!line.equals(logged.put(type, line))) {
                // The spinner shares stderr with the log: take it down for the line, then put it back.
                progress.close();
                log.info("{}", line);
                progress = TerminalProgress.start(PROGRESS);
            }
            if ("Settled".equals(type)) {
                lastSettled = line;
                settled = "True".equals(c.get("status"));
                if ("False".equals(c.get("status")) && TERMINAL_REASONS.contains(String.valueOf(c.get("reason")))) {
                    throw new CliException(ExitCodes.FAILED, "the App failed to reach its desired state: "
                            + Objects.toString(c.get("message"), "") + " (" + c.get("reason") + ")");
                }
            }
        }
        return settled;
    }

    private long secondsLeft() {
        if (deadline.equals(Instant.MAX)) {
            return maxWatchSeconds;
        }
        return Math.max(0, (Duration.between(Instant.now(), deadline).toMillis() + 999) / 1000);
    }

    private void expireIfDue() {
        if (!Instant.now().isBefore(deadline)) {
            throw new CliException(ExitCodes.DEADLINE, "timed out waiting for App state (" + lastSettled + "): "
                    + ServiceControl.DEADLINE_EXCEEDED);
        }
    }

    private static CliException deleted() {
        return new CliException(ExitCodes.GENERIC, "App \"app\" was deleted while waiting for it to settle");
    }
}
