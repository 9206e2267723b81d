package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.Json;
import io.rancherdesktop.rdd.wire.KubeApi;
import io.rancherdesktop.rdd.wire.UnixHttpClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One watch request: newline-delimited JSON events ({@code type}, {@code object}) from a chunked response.
 * With a deadline the connection is closed when it passes, which ends a blocking read.
 */
final class WatchStream implements AutoCloseable {
    private final UnixHttpClient.Exchange exchange;
    private final BufferedReader reader;
    private final Thread watchdog;

    private WatchStream(UnixHttpClient.Exchange exchange, Instant deadline) {
        this.exchange = exchange;
        this.reader = new BufferedReader(new InputStreamReader(exchange.body(), StandardCharsets.UTF_8));
        if (deadline == null || deadline.equals(Instant.MAX)) {
            this.watchdog = null;
        } else {
            this.watchdog = Thread.ofPlatform().daemon().name("watch-deadline").start(() -> {
                try {
                    Thread.sleep(Duration.between(Instant.now(), deadline).plusMillis(1));
                    exchange.close();
                } catch (InterruptedException | IOException | ArithmeticException done) {
                    // closed first, or the deadline already passed
                }
            });
        }
    }

    /**
     * @param pathWithQuery the collection path with its query, without {@code watch=true}
     * @param deadline      when to give up (closing the connection), or null
     */
    static WatchStream open(KubeApi api, String pathWithQuery, String resourceVersion, String accept, Instant deadline)
            throws IOException, ApiException {
        StringBuilder p = new StringBuilder(pathWithQuery).append(pathWithQuery.contains("?") ? '&' : '?').append("watch=true&allowWatchBookmarks=true");
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            p.append("&resourceVersion=").append(resourceVersion);
        }
        if (deadline != null && !deadline.equals(Instant.MAX)) {
            long secs = Math.max(1, Duration.between(Instant.now(), deadline).toSeconds() + 1);
            p.append("&timeoutSeconds=").append(Math.min(secs, 1800));
        }
        return new WatchStream(api.watch(p.toString(), accept), deadline);
    }

    /** The next event, or empty when the server (or the deadline) ended the stream. */
    Optional<Map<String, Object>> next() {
        try {
            while (true) {
                String line = reader.readLine();
                if (line == null) {
                    return Optional.empty();
                }
                if (!line.isBlank()) {
                    return Optional.of(Json.parseObject(line));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (watchdog != null) {
            watchdog.interrupt();
        }
        try {
            exchange.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
