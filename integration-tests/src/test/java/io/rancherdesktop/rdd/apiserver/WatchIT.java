package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.RawApiClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTP watches over real HTTPS: event order, resume, 410 Expired, bookmarks, timeouts, selectors, initial events. */
class WatchIT {
    @RegisterExtension
    static final ApiServerExtension API = ApiServerExtension.builder().admission(java.util.List.of()).bookmarkInterval(Duration.ofMillis(300)).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CMS = RestSemanticsIT.CMS;
    private static final String END = "<end of stream>";

    private static RawApiClient raw() {
        return API.running().raw();
    }

    /** A streaming watch: lines are read on a virtual thread into a queue. */
    private static final class Watch implements AutoCloseable {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final HttpResponse<Stream<String>> response;

        Watch(String path, Map<String, String> headers) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(raw().base() + path))
                    .header("Authorization", "Bearer " + API.running().runtime().tls().token());
            headers.forEach(b::header);
            response = raw().http().send(b.build(), HttpResponse.BodyHandlers.ofLines());
            Thread.ofVirtual().start(() -> {
                try {
                    Iterator<String> it = response.body().iterator();
                    while (it.hasNext()) {
                        String line = it.next();
                        if (!line.isBlank()) {
                            lines.add(line);
                        }
                    }
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
                lines.add(END);
            });
        }

        int status() {
            return response.statusCode();
        }

        /** The next event, or null when none arrives within the deadline. */
        JsonNode next(Duration within) throws InterruptedException, IOException {
            String line = lines.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                return null;
            }
            return line.equals(END) ? JSON.createObjectNode().put("type", END) : JSON.readTree(line);
        }

        JsonNode next() throws InterruptedException, IOException {
            JsonNode e = next(Duration.ofSeconds(10));
            assertNotNull(e, "no watch event within 10 s");
            return e;
        }

        /** The next event that is not a BOOKMARK. */
        JsonNode nextChange() throws InterruptedException, IOException {
            while (true) {
                JsonNode e = next();
                if (!e.path("type").asText().equals("BOOKMARK")) {
                    return e;
                }
            }
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    private static String cm(String name, String labels) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labels + "},\"data\":{\"v\":\"1\"}}";
    }

    private static String createNamespace(String name) {
        raw().post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
        return "/api/v1/namespaces/" + name + "/configmaps";
    }

    @Test
    void aWatchFromTheListRevisionSeesEveryLaterChangeInOrder() throws Exception {
        String base = createNamespace("w-order");
        raw().post(base, cm("a", "{}"));
        String rv = raw().get(base).json().path("metadata").path("resourceVersion").asText();
        try (Watch w = new Watch(base + "?watch=true&resourceVersion=" + rv, Map.of())) {
            assertEquals(200, w.status());
            raw().post(base, cm("b", "{}"));
            raw().patch(base + "/a", RestSemanticsIT.MERGE, "{\"data\":{\"v\":\"2\"}}");
            raw().delete(base + "/b");
            long last = Long.parseLong(rv);
            for (String expected : new String[] {"ADDED b", "MODIFIED a", "DELETED b"}) {
                JsonNode e = w.nextChange();
                assertEquals(expected, e.path("type").asText() + " " + e.path("object").path("metadata").path("name").asText());
                long erv = e.path("object").path("metadata").path("resourceVersion").asLong();
                assertTrue(erv > last, "resourceVersions increase");
                last = erv;
            }
        }
    }

    @Test
    void aWatchResumesFromAnOlderRevisionWithinTheHistory() throws Exception {
        String base = createNamespace("w-resume");
        String rv = raw().post(base, cm("a", "{}")).json().path("metadata").path("resourceVersion").asText();
        raw().post(base, cm("b", "{}"));
        raw().patch(base + "/a", RestSemanticsIT.MERGE, "{\"data\":{\"v\":\"9\"}}");
        try (Watch w = new Watch(base + "?watch=true&resourceVersion=" + rv, Map.of())) {
            assertEquals("ADDED", w.nextChange().path("type").asText());
            JsonNode mod = w.nextChange();
            assertEquals("MODIFIED", mod.path("type").asText());
            assertEquals("9", mod.path("object").path("data").path("v").asText());
        }
    }

    @Test
    void aRevisionOlderThanTheHistoryGetsA410ExpiredErrorEvent() throws Exception {
        String base = createNamespace("w-expired");
        String rv = raw().post(base, cm("a", "{}")).json().path("metadata").path("resourceVersion").asText();
        raw().post(base, cm("b", "{}"));
        API.running().runtime().store().compactHistory();
        try (Watch w = new Watch(base + "?watch=true&resourceVersion=" + rv, Map.of())) {
            assertEquals(200, w.status());
            JsonNode e = w.next();
            assertEquals("ERROR", e.path("type").asText());
            assertEquals(410, e.path("object").path("code").asInt());
            assertEquals("Expired", e.path("object").path("reason").asText());
            assertEquals(END, w.next().path("type").asText(), "the stream ends after the error");
        }
    }

    @Test
    void withoutAResourceVersionTheWatchStartsWithTheCurrentState() throws Exception {
        String base = createNamespace("w-initial");
        raw().post(base, cm("a", "{}"));
        raw().post(base, cm("b", "{}"));
        try (Watch w = new Watch(base + "?watch=true", Map.of())) {
            assertEquals("ADDED a", w.nextChange().path("type").asText() + " a");
            assertEquals("ADDED", w.nextChange().path("type").asText());
            raw().post(base, cm("c", "{}"));
            assertEquals("c", w.nextChange().path("object").path("metadata").path("name").asText());
        }
    }

    @Test
    void sendInitialEventsEndsTheInitialStateWithAMarkedBookmark() throws Exception {
        String base = createNamespace("w-sie");
        raw().post(base, cm("a", "{}"));
        try (Watch w = new Watch(base + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true", Map.of())) {
            assertEquals("ADDED", w.next().path("type").asText());
            JsonNode bm = w.next();
            assertEquals("BOOKMARK", bm.path("type").asText());
            assertEquals("true", bm.path("object").path("metadata").path("annotations").path("k8s.io/initial-events-end").asText());
        }
        assertEquals(422, raw().get(base + "?watch=true&sendInitialEvents=true").status());
    }

    @Test
    void bookmarksArriveWhenAllowedAndCarryTheCurrentRevision() throws Exception {
        String base = createNamespace("w-bookmark");
        String rv = raw().get(base).json().path("metadata").path("resourceVersion").asText();
        try (Watch w = new Watch(base + "?watch=true&allowWatchBookmarks=true&resourceVersion=" + rv, Map.of())) {
            JsonNode bm = w.next();
            assertEquals("BOOKMARK", bm.path("type").asText());
            assertEquals("ConfigMap", bm.path("object").path("kind").asText());
            assertTrue(bm.path("object").path("metadata").path("resourceVersion").asLong() >= Long.parseLong(rv));
        }
        try (Watch w = new Watch(base + "?watch=true&resourceVersion=" + rv, Map.of())) {
            assertNull(w.next(Duration.ofSeconds(1)), "no bookmarks unless allowed");
        }
    }

    @Test
    void timeoutSecondsEndsTheWatch() throws Exception {
        String base = createNamespace("w-timeout");
        try (Watch w = new Watch(base + "?watch=true&timeoutSeconds=1&resourceVersion=" + API.running().runtime().store().revision(), Map.of())) {
            assertEquals(END, w.next(Duration.ofSeconds(10)).path("type").asText());
        }
    }

    @Test
    void anObjectThatLeavesOrEntersTheSelectionIsDeletedOrAddedForTheWatcher() throws Exception {
        String base = createNamespace("w-select");
        raw().post(base, cm("a", "{\"team\":\"x\"}"));
        String rv = raw().get(base).json().path("metadata").path("resourceVersion").asText();
        try (Watch w = new Watch(base + "?watch=true&labelSelector=team%3Dx&resourceVersion=" + rv, Map.of())) {
            raw().post(base, cm("other", "{\"team\":\"y\"}"));
            raw().patch(base + "/a", RestSemanticsIT.MERGE, "{\"metadata\":{\"labels\":{\"team\":\"y\"}}}");
            JsonNode left = w.nextChange();
            assertEquals("DELETED a", left.path("type").asText() + " " + left.path("object").path("metadata").path("name").asText());
            raw().patch(base + "/other", RestSemanticsIT.MERGE, "{\"metadata\":{\"labels\":{\"team\":\"x\"}}}");
            JsonNode entered = w.nextChange();
            assertEquals("ADDED other", entered.path("type").asText() + " " + entered.path("object").path("metadata").path("name").asText());
        }
    }

    @Test
    void aWatchOnANamedPathSeesOnlyThatObject() throws Exception {
        String base = createNamespace("w-named");
        raw().post(base, cm("mine", "{}"));
        raw().post(base, cm("theirs", "{}"));
        try (Watch w = new Watch(base + "/mine?watch=true", Map.of())) {
            assertEquals("mine", w.nextChange().path("object").path("metadata").path("name").asText());
            raw().patch(base + "/theirs", RestSemanticsIT.MERGE, "{\"data\":{\"v\":\"2\"}}");
            raw().patch(base + "/mine", RestSemanticsIT.MERGE, "{\"data\":{\"v\":\"2\"}}");
            JsonNode e = w.nextChange();
            assertEquals("MODIFIED mine", e.path("type").asText() + " " + e.path("object").path("metadata").path("name").asText());
        }
    }

    @Test
    void aTableWatchSendsOneRowTablesAsKubectlGetWatchExpects() throws Exception {
        String base = createNamespace("w-table");
        String rv = raw().get(base).json().path("metadata").path("resourceVersion").asText();
        try (Watch w = new Watch(base + "?watch=true&resourceVersion=" + rv, Map.of("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io"))) {
            raw().post(base, cm("t", "{}"));
            JsonNode e = w.nextChange();
            assertEquals("Table", e.path("object").path("kind").asText());
            assertEquals("t", e.path("object").path("rows").get(0).path("cells").get(0).asText());
        }
    }

    /** fabric8 tries a WebSocket first; a 200 answer makes it fall back to an HTTP watch at once (a 503 would cost ~19 s). */
    @Test
    void aWebSocketUpgradeForAWatchIsRefusedWithA200() {
        String wsBase = raw().base().replaceFirst("^https", "wss");
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () -> raw().http().newWebSocketBuilder()
                .header("Authorization", "Bearer " + API.running().runtime().tls().token())
                .buildAsync(URI.create(wsBase + CMS + "?watch=true"), new WebSocket.Listener() { })
                .join());
        WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(200, h.getResponse().statusCode());
    }
}
