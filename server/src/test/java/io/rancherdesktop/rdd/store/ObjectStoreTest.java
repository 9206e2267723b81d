package io.rancherdesktop.rdd.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CM = "configmaps";

    @TempDir
    Path dir;
    private ObjectStore store;

    @BeforeEach
    void open() {
        store = ObjectStore.open(dir.resolve("rdd.sqlite3"), new ObjectStore.Options(5, 100), JSON);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static ObjectNode obj(String name, String value) {
        ObjectNode o = JSON.createObjectNode();
        o.put("apiVersion", "v1");
        o.put("kind", "ConfigMap");
        o.putObject("metadata").put("name", name).put("namespace", "default");
        o.putObject("data").put("k", value);
        return o;
    }

    private static ObjectKey key(String name) {
        return new ObjectKey("default", name);
    }

    @Test
    void everyWriteTakesTheNextGlobalRevisionAndStampsIt() {
        StoredObject a = store.create(CM, key("a"), obj("a", "1"));
        StoredObject b = store.create("widgets.test", key("b"), obj("b", "1"));
        StoredObject a2 = store.update(CM, key("a"), a.resourceVersion(), obj("a", "2"));
        StoredObject gone = store.delete(CM, key("a"), 0, null);
        assertEquals(List.of(1L, 2L, 3L, 4L), List.of(a.resourceVersion(), b.resourceVersion(), a2.resourceVersion(), gone.resourceVersion()));
        assertEquals("3", a2.object().path("metadata").path("resourceVersion").asText());
        assertEquals("4", gone.object().path("metadata").path("resourceVersion").asText(), "the DELETED state carries the delete's revision");
        assertEquals(4, store.revision());
    }

    @Test
    void createOfAnExistingKeyAndUpdateOfAStaleRevisionAreRejectedAndChangeNothing() {
        StoredObject a = store.create(CM, key("a"), obj("a", "1"));
        assertThrows(StoreException.AlreadyExists.class, () -> store.create(CM, key("a"), obj("a", "x")));
        store.update(CM, key("a"), a.resourceVersion(), obj("a", "2"));
        long before = store.revision();
        StoreException.Conflict c = assertThrows(StoreException.Conflict.class, () -> store.update(CM, key("a"), a.resourceVersion(), obj("a", "3")));
        assertEquals(2, c.actual());
        assertThrows(StoreException.NotFound.class, () -> store.update(CM, key("nope"), 0, obj("nope", "3")));
        assertEquals(before, store.revision());
        assertEquals("2", store.get(CM, key("a")).orElseThrow().object().path("data").path("k").asText());
    }

    /**
     * A real SQLite "database or disk is full" (its page limit, as a full disk would do): every write fails with it,
     * the second and third too (sqlite-jdbc closes a statement whose step failed; the journal prepares it anew),
     * nothing of them is stored, and writes work again once there is room (docs/reliability.md, "Disk full").
     */
    @Test
    void aRealSqliteFullFailsEachWriteWithItAndWritesRecoverOnceThereIsRoom() throws Exception {
        store.create(CM, key("before"), obj("before", "1"));
        long revision = store.revision();
        store.journalPragma("max_page_count=" + store.journalPragma("page_count"));
        String big = "x".repeat(256 * 1024);
        for (int i = 0; i < 3; i++) {
            String name = "full-" + i;
            StoreException.StorageFailure f = assertThrows(StoreException.StorageFailure.class, () -> store.create(CM, key(name), obj(name, big)));
            assertTrue(f.getMessage().contains("SQLITE_FULL"), f.getMessage());
        }
        assertEquals(revision, store.revision());
        store.journalPragma("max_page_count=1073741823");
        StoredObject after = store.create(CM, key("after"), obj("after", big));
        assertEquals(revision + 1, after.resourceVersion());
        store.close();
        store = ObjectStore.open(dir.resolve("rdd.sqlite3"), new ObjectStore.Options(5, 100), JSON);
        for (int i = 0; i < 3; i++) {
            assertTrue(store.get(CM, key("full-" + i)).isEmpty(), "a failed write is on disk: full-" + i);
        }
        assertTrue(store.get(CM, key("after")).isPresent() && store.get(CM, key("before")).isPresent());
        assertEquals(revision + 1, store.revision());
    }

    @Test
    void objectsAndTheRevisionSurviveAReopen() {
        store.create(CM, key("a"), obj("a", "1"));
        StoredObject b = store.create(CM, key("b"), obj("b", "1"));
        store.delete(CM, key("a"), 0, null);
        store.close();
        store = ObjectStore.open(dir.resolve("rdd.sqlite3"), ObjectStore.Options.DEFAULT, JSON);
        assertEquals(3, store.revision(), "a delete advances the revision too, and that survives");
        assertEquals(List.of("b"), store.list(CM, null, null).items().stream().map(StoredObject::name).toList());
        assertEquals(b.resourceVersion(), store.get(CM, key("b")).orElseThrow().resourceVersion());
        assertEquals(4, store.create(CM, key("c"), obj("c", "1")).resourceVersion());
    }

    @Test
    void listsAreOrderedByNamespaceAndNameAndCanStartAfterAKey() {
        for (String n : List.of("c", "a", "b")) {
            store.create(CM, key(n), obj(n, "1"));
        }
        ObjectNode other = obj("z", "1");
        store.create(CM, new ObjectKey("other", "z"), other);
        assertEquals(List.of("a", "b", "c", "z"), store.list(CM, null, null).items().stream().map(StoredObject::name).toList());
        assertEquals(List.of("a", "b", "c"), store.list(CM, "default", null).items().stream().map(StoredObject::name).toList());
        assertEquals(List.of("c"), store.list(CM, "default", key("b")).items().stream().map(StoredObject::name).toList());
        assertEquals(List.of("default", "other").size(), store.resourcesWithObjectsIn("other").size() + 1);
    }

    @Test
    void aWatchReplaysTheChangesAfterItsRevisionThenFollowsNewOnes() throws InterruptedException {
        StoredObject a = store.create(CM, key("a"), obj("a", "1"));
        store.update(CM, key("a"), a.resourceVersion(), obj("a", "2"));
        store.create("other", key("x"), obj("x", "1"));
        try (StoreWatch w = store.watch(CM, null, a.resourceVersion())) {
            StoreEvent replayed = (StoreEvent) w.poll(Duration.ofSeconds(1));
            assertEquals(StoreEvent.Type.MODIFIED, replayed.type());
            assertEquals(2, replayed.resourceVersion());
            assertNull(w.poll(Duration.ofMillis(10)), "events of other resources are not delivered");
            store.delete(CM, key("a"), 0, null);
            StoreEvent deleted = (StoreEvent) w.poll(Duration.ofSeconds(1));
            assertEquals(StoreEvent.Type.DELETED, deleted.type());
            assertEquals("2", deleted.previous().object().path("data").path("k").asText());
        }
    }

    @Test
    void aResumePointOlderThanTheHistoryWindowIsExpired() {
        for (int i = 0; i < 8; i++) {
            store.create(CM, key("o" + i), obj("o" + i, "1"));
        }
        // History holds 5 events: revisions 4..8; resuming from 3 still works, from 2 does not.
        assertEquals(3, store.oldestResumableRevision());
        store.watch(CM, null, 3).close();
        StoreException.HistoryExpired e = assertThrows(StoreException.HistoryExpired.class, () -> store.watch(CM, null, 2));
        assertEquals(3, e.oldest());
        assertThrows(StoreException.FutureRevision.class, () -> store.watch(CM, null, 99));
    }

    @Test
    void listAndWatchLeaveNoGapBetweenTheListAndTheFirstEvent() throws InterruptedException {
        store.create(CM, key("a"), obj("a", "1"));
        ObjectStore.ListAndWatch lw = store.listAndWatch(CM, "default");
        try (StoreWatch w = lw.watch()) {
            assertEquals(1, lw.snapshot().items().size());
            store.create(CM, key("b"), obj("b", "1"));
            StoreEvent e = (StoreEvent) w.poll(Duration.ofSeconds(1));
            assertEquals(lw.snapshot().revision() + 1, e.resourceVersion());
        }
    }

    @Test
    void aProgressMarkComesAfterEveryQueuedEvent() throws InterruptedException {
        try (StoreWatch w = store.watch(CM, null, store.revision())) {
            store.create(CM, key("a"), obj("a", "1"));
            w.requestProgress();
            assertInstanceOf(StoreEvent.class, w.poll(Duration.ofSeconds(1)));
            WatchItem.Progress p = assertInstanceOf(WatchItem.Progress.class, w.poll(Duration.ofSeconds(1)));
            assertEquals(1, p.resourceVersion());
        }
    }

    @Test
    void aWatcherThatFallsTooFarBehindIsTerminatedInsteadOfBlockingWriters() throws InterruptedException {
        ObjectStore small = ObjectStore.open(dir.resolve("small.sqlite3"), new ObjectStore.Options(100, 3), JSON);
        try (small; StoreWatch w = small.watch(CM, null, 0)) {
            for (int i = 0; i < 5; i++) {
                small.create(CM, key("o" + i), obj("o" + i, "1"));
            }
            assertInstanceOf(WatchItem.Terminated.class, w.poll(Duration.ofSeconds(1)));
            assertNull(w.poll(Duration.ofMillis(10)));
        }
    }

    @Test
    void terminatingWatchesEndsThemAndCompactingMakesOldRevisionsExpire() throws InterruptedException {
        store.create(CM, key("a"), obj("a", "1"));
        StoreWatch w = store.watch(CM, null, 1);
        store.terminateWatches(CM, "test");
        assertInstanceOf(WatchItem.Terminated.class, w.poll(Duration.ofSeconds(1)));
        w.close();
        store.create(CM, key("b"), obj("b", "1"));
        store.compactHistory();
        assertThrows(StoreException.HistoryExpired.class, () -> store.watch(CM, null, 1));
        assertEquals(0, store.watchCount());
    }

    @Test
    void concurrentWritersNeverReuseARevision() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Long> revisions = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 25; i++) {
                    revisions.add(store.create(CM, key("t" + id + "-" + i), obj("x", "1")).resourceVersion());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(100, revisions.stream().distinct().count());
        assertEquals(100, store.revision());
        assertTrue(revisions.stream().allMatch(r -> r >= 1 && r <= 100));
    }
}
