package io.rancherdesktop.rdd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.RawApiClient.Reply;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The datastore failing its commits (fault injected with {@link ObjectStore#commitHook}, the disk-error path of a
 * real SQLite transaction) seen through the real HTTP API: every write answers 500 with the storage error in a
 * Status, nothing that was not committed is acknowledged, visible, watched or on disk, reads and readiness carry
 * on, and writes succeed again once the fault is gone.
 */
class StoreFaultIT {
    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();
    private static final String CMS = "/api/v1/namespaces/default/configmaps";
    private static final String FAULT = "injected: disk I/O error (SQLITE_IOERR)";

    @AfterEach
    void clearFault() {
        API.running().runtime().store().commitHook(null);
    }

    private static String cm(String name, String value) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"v\":\"" + value + "\"}}";
    }

    @Test
    void aFailingCommitIsA500StatusAcknowledgesNothingKeepsReadsAndRecoversWhenTheFaultIsGone() throws Exception {
        RawApiClient raw = API.running().raw();
        ObjectStore store = API.running().runtime().store();
        assertEquals(201, raw.post(CMS, cm("before", "1")).status());
        String beforeObject = raw.get(CMS + "/before").body();
        long revision = store.revision();

        // A watch from the current revision must see nothing of what fails.
        HttpRequest watchReq = HttpRequest.newBuilder(URI.create(raw.base() + CMS + "?watch=true&resourceVersion=" + revision))
                .header("Authorization", "Bearer " + API.running().runtime().tls().token()).build();
        HttpResponse<java.io.InputStream> watch = raw.http().send(watchReq, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, watch.statusCode());
        BufferedReader events = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8));

        store.commitHook(batch -> {
            throw new SQLException(FAULT);
        });
        List<Reply> failed = new ArrayList<>();
        failed.add(raw.post(CMS, cm("during", "x")));
        failed.add(raw.patch(CMS + "/before", "application/merge-patch+json", "{\"data\":{\"v\":\"changed\"}}"));
        failed.add(raw.put(CMS + "/before", raw.get(CMS + "/before").body().replace("\"v\":\"1\"", "\"v\":\"put\"")));
        failed.add(raw.delete(CMS + "/before"));
        // Concurrent writers share a commit: all of them fail, none is acknowledged.
        List<CompletableFuture<Reply>> concurrent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String name = "group-" + i;
            concurrent.add(CompletableFuture.supplyAsync(() -> raw.post(CMS, cm(name, "g"))));
        }
        for (CompletableFuture<Reply> f : concurrent) {
            failed.add(f.get(30, TimeUnit.SECONDS));
        }
        for (Reply r : failed) {
            assertEquals(500, r.status(), r.body());
            JsonNode status = r.json();
            assertEquals("Status", status.path("kind").asText());
            assertEquals("InternalError", status.path("reason").asText(), r.body());
            assertEquals(500, status.path("code").asInt());
            assertTrue(status.path("message").asText().contains(FAULT), "the Status names the storage error: " + r.body());
        }
        // Nothing changed, in memory or on disk; reads and readiness carry on.
        assertEquals(revision, store.revision());
        assertEquals(404, raw.get(CMS + "/during").status());
        assertEquals(beforeObject, raw.get(CMS + "/before").body());
        Reply list = raw.get(CMS);
        assertEquals(200, list.status());
        assertEquals(1, list.json().path("items").size(), list.body());
        assertEquals(200, raw.get("/readyz").status());
        assertEquals(List.of("before"), namesOnDisk(store));

        // The fault is gone: writes work again, and the first event a watcher sees is the first write that worked.
        store.commitHook(null);
        Reply after = raw.post(CMS, cm("after", "ok"));
        assertEquals(201, after.status(), after.body());
        assertEquals(200, raw.patch(CMS + "/before", "application/merge-patch+json", "{\"data\":{\"v\":\"2\"}}").status());
        String first = readLine(events, Duration.ofSeconds(10));
        assertTrue(first.contains("\"type\":\"ADDED\"") && first.contains("\"name\":\"after\""), "first watch event: " + first);
        String second = readLine(events, Duration.ofSeconds(10));
        assertTrue(second.contains("\"type\":\"MODIFIED\"") && second.contains("\"name\":\"before\""), "second watch event: " + second);
        assertEquals(List.of("after", "before"), namesOnDisk(store));
        assertEquals(revision + 2, store.revision(), "the failed writes used no revision that a later write skipped over");
        watch.body().close();
    }

    /** The ConfigMap names committed in the SQLite file, read through a separate connection. */
    private static List<String> namesOnDisk(ObjectStore store) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.path());
             PreparedStatement q = c.prepareStatement("SELECT name FROM objects WHERE resource LIKE 'configmaps%' AND namespace = 'default' ORDER BY name");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String readLine(BufferedReader r, Duration timeout) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                String l = r.readLine();
                return l == null ? "<end of stream>" : l;
            } catch (java.io.IOException e) {
                return "<" + e + ">";
            }
        }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
