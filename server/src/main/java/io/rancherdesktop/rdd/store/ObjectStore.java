package io.rancherdesktop.rdd.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable, versioned object store: SQLite (WAL, {@code synchronous=FULL}) for durability, an in-memory
 * copy of every object for reads, and a bounded in-memory history of committed changes for watch resume.
 *
 * <p>Every write takes the next value of one global revision counter (the Kubernetes {@code resourceVersion}),
 * is committed to SQLite before the call returns (group commit: concurrent writes share a transaction and its
 * fsync, see "group commit" below), and is published to the history and to the matching watches in revision
 * order under the write side of one read-write lock, so watchers see changes in order and never miss one.
 * Reads of single objects take no lock; a list takes the read lock so that its items and its revision are
 * consistent (a watch started at the list's revision sees exactly the later changes).
 *
 * <p>The store knows nothing about Kubernetes semantics beyond keys and revisions: it stores what the API
 * server hands it. A node handed to a write method belongs to the store afterwards.
 */
public final class ObjectStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);
    private static final int SCHEMA_VERSION = 1;
    private static final String SQLITE_TMPDIR = "org.sqlite.tmpdir";

    /**
     * @param historyCapacity    committed changes kept for watch resume (older resume points get 410 Gone)
     * @param watchQueueCapacity undelivered items one watch may accumulate before it is terminated
     */
    public record Options(int historyCapacity, int watchQueueCapacity) {
        public static final Options DEFAULT = new Options(10_000, 10_000);

        public Options {
            if (historyCapacity < 1 || watchQueueCapacity < 1) {
                throw new IllegalArgumentException("capacities must be positive");
            }
        }
    }

    /** A consistent list: the items of one resource in key order, and the revision they reflect. */
    public record Snapshot(long revision, List<StoredObject> items) {
    }

    private final Path path;
    private final Options options;
    private final ObjectMapper mapper;
    private final Connection db;
    private final PreparedStatement upsert;
    private final PreparedStatement remove;
    private final PreparedStatement setRevision;
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    /** Guards the staged writes: {@link #stagedByKey}, {@link #queue}, {@link #stagedRevision}, {@link #leaderActive}. */
    private final ReentrantLock stageLock = new ReentrantLock();
    /** Signalled when a lead ends (see {@link #leaderActive}). */
    private final java.util.concurrent.locks.Condition leaderIdle = stageLock.newCondition();
    /** A writer is leading commits; only the leader touches the database connection (guarded by the stage lock). */
    private boolean leaderActive;
    /** The latest staged (not yet committed) write of each key. */
    private final Map<String, Map<ObjectKey, Staged>> stagedByKey = new java.util.HashMap<>();
    private List<Staged> queue = new ArrayList<>();
    /** The revision of the last staged write (equals {@link #revision} when nothing waits for a commit). */
    private long stagedRevision;
    /** Written by the commit leader only. */
    private volatile long commits;
    private volatile long committedWrites;
    private final Map<String, ConcurrentSkipListMap<ObjectKey, StoredObject>> objects = new ConcurrentHashMap<>();
    private final Map<String, CopyOnWriteArrayList<StoreWatch>> watchesByResource = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<StoreWatch> watchesOfAll = new CopyOnWriteArrayList<>();
    private final StoreEvent[] history;
    private int historyStart;
    private int historySize;
    /** Every change with a revision above this one is in the history. */
    private long historyFloor;
    private volatile long revision;
    private volatile boolean closed;

    private ObjectStore(Path path, Options options, ObjectMapper mapper, Connection db) throws SQLException {
        this.path = path;
        this.options = options;
        this.mapper = mapper;
        this.db = db;
        this.history = new StoreEvent[options.historyCapacity()];
        this.upsert = db.prepareStatement("INSERT INTO objects(resource, namespace, name, rv, data) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT(resource, namespace, name) DO UPDATE SET rv = excluded.rv, data = excluded.data");
        this.remove = db.prepareStatement("DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?");
        this.setRevision = db.prepareStatement("UPDATE meta SET value = ? WHERE key = 'revision'");
    }

    /**
     * Opens (or creates) the store at {@code path}. Points sqlite-jdbc's native-library extraction at the
     * database's directory unless already configured, because a {@code noexec} /tmp breaks it.
     */
    public static ObjectStore open(Path path, Options options, ObjectMapper mapper) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new StoreException.StorageFailure("creating the directory of " + path, e);
        }
        if (System.getProperty(SQLITE_TMPDIR) == null) {
            System.setProperty(SQLITE_TMPDIR, path.toAbsolutePath().getParent().toString());
        }
        Connection db = null;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath());
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                // FULL: the WAL is synced on every commit, so an acknowledged write survives a crash of the
                // process and of the machine. (NORMAL would only survive a crash of the process.)
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA busy_timeout=5000");
                int version;
                try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                    version = rs.next() ? rs.getInt(1) : 0;
                }
                if (version > SCHEMA_VERSION) {
                    throw new StoreException.StorageFailure("the datastore " + path + " was written by a newer rdd (schema "
                            + version + ", this rdd understands " + SCHEMA_VERSION + ")", null);
                }
                st.execute("CREATE TABLE IF NOT EXISTS objects (resource TEXT NOT NULL, namespace TEXT NOT NULL, "
                        + "name TEXT NOT NULL, rv INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (resource, namespace, name)) WITHOUT ROWID");
                st.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
                st.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('revision', 0)");
                st.execute("PRAGMA user_version=" + SCHEMA_VERSION);
            }
            db.setAutoCommit(false);
            ObjectStore store = new ObjectStore(path, options, mapper, db);
            store.load();
            return store;
        } catch (SQLException e) {
            closeQuietly(db);
            throw new StoreException.StorageFailure("opening the datastore " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(db);
            throw e;
        }
    }

    private void load() throws SQLException {
        long maxRv = 0;
        int count = 0;
        try (Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key = 'revision'")) {
                revision = rs.next() ? rs.getLong(1) : 0;
            }
            try (ResultSet rs = st.executeQuery("SELECT resource, namespace, name, rv, data FROM objects")) {
                while (rs.next()) {
                    String resource = rs.getString(1);
                    ObjectKey key = new ObjectKey(rs.getString(2), rs.getString(3));
                    long rv = rs.getLong(4);
                    byte[] json = rs.getBytes(5);
                    ObjectNode obj;
                    try {
                        obj = (ObjectNode) mapper.readTree(json);
                    } catch (IOException | ClassCastException e) {
                        throw new StoreException.StorageFailure("corrupt object " + resource + " " + key + " in " + path, e);
                    }
                    objects.computeIfAbsent(resource, r -> new ConcurrentSkipListMap<>()).put(key, new StoredObject(resource, key, rv, obj, json));
                    maxRv = Math.max(maxRv, rv);
                    count++;
                }
            }
            db.commit();
        }
        // The counter is written in the same transaction as every object, so this only guards a hand-edited file.
        revision = Math.max(revision, maxRv);
        stagedRevision = revision;
        historyFloor = revision;
        log.debug("datastore {} opened: {} objects, revision {}", path, count, revision);
    }

    public Path path() {
        return path;
    }

    /** The revision of the last committed write. */
    public long revision() {
        return revision;
    }

    /** The oldest revision a watch can resume from (older ones get {@link StoreException.HistoryExpired}). */
    public long oldestResumableRevision() {
        rw.readLock().lock();
        try {
            return historyFloor;
        } finally {
            rw.readLock().unlock();
        }
    }

    public Optional<StoredObject> get(String resource, ObjectKey key) {
        var m = objects.get(resource);
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(key));
    }

    /** Number of objects of one resource (all namespaces). */
    public int count(String resource) {
        var m = objects.get(resource);
        return m == null ? 0 : m.size();
    }

    /**
     * The objects of {@code resource} in key order, in {@code namespace} (all when {@code null}), starting after
     * {@code after} (from the start when {@code null}).
     */
    public Snapshot list(String resource, String namespace, ObjectKey after) {
        rw.readLock().lock();
        try {
            return new Snapshot(revision, new ArrayList<>(range(resource, namespace, after)));
        } finally {
            rw.readLock().unlock();
        }
    }

    private Collection<StoredObject> range(String resource, String namespace, ObjectKey after) {
        NavigableMap<ObjectKey, StoredObject> m = objects.get(resource);
        if (m == null) {
            return List.of();
        }
        if (namespace != null) {
            // "\0" sorts before every real name, so [ns/\0, ns\0/\0) is exactly the namespace.
            m = m.subMap(new ObjectKey(namespace, "\0"), true, new ObjectKey(namespace + "\0", "\0"), false);
        }
        if (after != null) {
            m = m.tailMap(after, false);
        }
        return m.values();
    }

    /** Namespaces that hold at least one object of any resource (for namespace deletion). */
    public List<String> resourcesWithObjectsIn(String namespace) {
        List<String> out = new ArrayList<>();
        for (var e : objects.entrySet()) {
            var sub = e.getValue().subMap(new ObjectKey(namespace, "\0"), true, new ObjectKey(namespace + "\0", "\0"), false);
            if (!sub.isEmpty()) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Every resource that has objects. */
    public List<String> resources() {
        return objects.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).sorted().toList();
    }

    // ---------------------------------------------------------------------------------------------- writes

    /** Stores a new object. @throws StoreException.AlreadyExists if the key exists */
    public StoredObject create(String resource, ObjectKey key, ObjectNode object) {
        return write(resource, key, current -> {
            if (current.object() == null) {
                return stage(StoreEvent.Type.ADDED, resource, key, object, null);
            }
            if (current.staged() == null) {
                throw new StoreException.AlreadyExists(resource, key);
            }
            return null;
        });
    }

    /**
     * Replaces an object. {@code expectedRevision} is the revision the caller read (0 = unconditional).
     *
     * @throws StoreException.NotFound if the key does not exist
     * @throws StoreException.Conflict if the object changed since {@code expectedRevision}
     */
    public StoredObject update(String resource, ObjectKey key, long expectedRevision, ObjectNode object) {
        return replace(StoreEvent.Type.MODIFIED, resource, key, expectedRevision, object);
    }

    /**
     * Removes an object. {@code finalState} is what the DELETED event carries (the current object when
     * {@code null}); it gets the revision of the delete.
     */
    public StoredObject delete(String resource, ObjectKey key, long expectedRevision, ObjectNode finalState) {
        return replace(StoreEvent.Type.DELETED, resource, key, expectedRevision, finalState);
    }

    private StoredObject replace(StoreEvent.Type type, String resource, ObjectKey key, long expectedRevision, ObjectNode object) {
        return write(resource, key, current -> {
            StoredObject latest = current.object();
            if (latest != null && (expectedRevision == 0 || expectedRevision == latest.resourceVersion())) {
                return stage(type, resource, key, object != null ? object : latest.object().deepCopy(), latest);
            }
            if (current.staged() != null) {
                return null;
            }
            if (latest == null) {
                throw new StoreException.NotFound(resource, key);
            }
            throw new StoreException.Conflict(resource, key, expectedRevision, latest.resourceVersion());
        });
    }

    /**
     * Judges a write against the latest state of its key, under the stage lock: {@code attempt} stages it, throws the
     * rejection, or returns {@code null} when the rejection is due to a staged write, which is then waited for and
     * the write judged again. Returns once the staged write is durable.
     */
    private StoredObject write(String resource, ObjectKey key, java.util.function.Function<Latest, Staged> attempt) {
        while (true) {
            Staged write;
            Staged blocking;
            stageLock.lock();
            try {
                ensureOpen();
                Latest current = latest(resource, key);
                write = attempt.apply(current);
                blocking = current.staged();
            } finally {
                stageLock.unlock();
            }
            if (write != null) {
                return awaitDurable(write);
            }
            settle(blocking);
        }
    }

    // ------------------------------------------------------------------------------------------ group commit
    //
    // A write is validated against the latest state (committed, or staged by a write still waiting for its commit),
    // takes the next revision and joins the queue of staged writes, all under the stage lock, held for microseconds.
    // If no commit is under way, the writer becomes the leader: it takes the whole queue, writes it in one SQLite
    // transaction with one fsync, publishes it in revision order (in-memory copy, history, watches) under the write
    // side of the read-write lock, and completes each write of the batch, which wakes its writer directly. Writes
    // staged meanwhile wait in the queue; the leader then hands the lead to the first of them (or, with an empty
    // queue, ends the lead), so the next batch holds every write that arrived during the previous commit. Waking
    // writers one by one through a lock instead would make them stage one at a time, and batches would stay small.
    //
    // So concurrent writers share an fsync, readers and watches never see a staged write, and a write returns only
    // once it is durable. A write rejected because of a staged write (a conflict, an existing name, a staged delete)
    // waits for that write's outcome first and looks again: the caller's retry then reads what the rejection was
    // about. If a commit fails, its writes and every write staged after them (validated against them) fail, and the
    // staged state is dropped; nothing of them was acknowledged or published.

    /** A write that has taken a revision and waits for (or went through) its commit. */
    private static final class Staged {
        final StoreEvent event;
        final byte[] json;
        /** Completes when the write is committed and published, or exceptionally with its StorageFailure. */
        final CompletableFuture<Void> outcome = new CompletableFuture<>();
        /** Completes when the lead passes to this write's writer. */
        final CompletableFuture<Void> promoted = new CompletableFuture<>();
        /** Set under the stage lock when staging found no leader: this writer commits the queue itself. */
        boolean leads;

        Staged(StoreEvent event, byte[] json) {
            this.event = event;
            this.json = json;
        }

        long revision() {
            return event.resourceVersion();
        }
    }

    /** The latest version of a key: the object ({@code null}: absent) and the staged write that produced it, if any. */
    private record Latest(StoredObject object, Staged staged) {
    }

    private Latest latest(String resource, ObjectKey key) {
        var m = stagedByKey.get(resource);
        Staged s = m == null ? null : m.get(key);
        if (s != null) {
            return new Latest(s.event.type() == StoreEvent.Type.DELETED ? null : s.event.object(), s);
        }
        return new Latest(get(resource, key).orElse(null), null);
    }

    /** Under the stage lock: assigns the next revision, queues the write, and makes its writer the leader if none is. */
    private Staged stage(StoreEvent.Type type, String resource, ObjectKey key, ObjectNode object, StoredObject previous) {
        long rv = stagedRevision + 1;
        object.withObject("metadata").put("resourceVersion", Long.toString(rv));
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(object);
        } catch (JsonProcessingException e) {
            throw new StoreException.StorageFailure("serialising " + resource + " " + key, e);
        }
        stagedRevision = rv;
        Staged s = new Staged(new StoreEvent(type, new StoredObject(resource, key, rv, object, json), previous), json);
        stagedByKey.computeIfAbsent(resource, r -> new java.util.HashMap<>()).put(key, s);
        queue.add(s);
        if (!leaderActive) {
            leaderActive = true;
            s.leads = true;
        }
        return s;
    }

    /** Waits for the outcome of a write that blocked a rejection; its failure belongs to its own caller. */
    private static void settle(Staged s) {
        try {
            s.outcome.join();
        } catch (CompletionException | CancellationException ignored) {
            // the blocking write failed: look again at what is committed
        }
    }

    /** Returns once {@code s} is committed and published, leading commits when the lead is (or comes) to it. */
    private StoredObject awaitDurable(Staged s) {
        if (s.leads) {
            leadOneCommit();
        }
        while (!s.outcome.isDone()) {
            try {
                CompletableFuture.anyOf(s.outcome, s.promoted).join();
            } catch (CompletionException e) {
                break; // the outcome failed
            }
            if (!s.outcome.isDone()) {
                leadOneCommit(); // promoted: the queue starts with this write
            }
        }
        try {
            s.outcome.join();
        } catch (CompletionException e) {
            throw (StoreException.StorageFailure) e.getCause();
        }
        return s.event.object();
    }

    /** As the leader: commits the queue as one batch, then passes the lead on (or ends it when nothing waits). */
    private void leadOneCommit() {
        List<Staged> batch;
        stageLock.lock();
        try {
            batch = queue;
            queue = new ArrayList<>();
        } finally {
            stageLock.unlock();
        }
        try {
            if (!batch.isEmpty()) {
                commitBatch(batch);
            }
        } finally {
            stageLock.lock();
            try {
                if (queue.isEmpty()) {
                    leaderActive = false;
                    leaderIdle.signalAll();
                } else {
                    queue.getFirst().promoted.complete(null);
                }
            } finally {
                stageLock.unlock();
            }
        }
    }

    /** As the leader: writes the batch in one transaction, publishes it in order and completes its writes. */
    private void commitBatch(List<Staged> batch) {
        try {
            for (Staged s : batch) {
                StoredObject o = s.event.object();
                if (s.event.type() == StoreEvent.Type.DELETED) {
                    remove.setString(1, o.resource());
                    remove.setString(2, o.namespace());
                    remove.setString(3, o.name());
                    remove.executeUpdate();
                } else {
                    upsert.setString(1, o.resource());
                    upsert.setString(2, o.namespace());
                    upsert.setString(3, o.name());
                    upsert.setLong(4, o.resourceVersion());
                    upsert.setBytes(5, s.json);
                    upsert.executeUpdate();
                }
            }
            setRevision.setLong(1, batch.getLast().revision());
            setRevision.executeUpdate();
            CommitHook hook = commitHook;
            if (hook != null) {
                hook.beforeCommit(batch.size());
            }
            db.commit();
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            failStaged(batch, e);
            return;
        }
        commits++;
        committedWrites += batch.size();
        rw.writeLock().lock();
        try {
            for (Staged s : batch) {
                StoredObject o = s.event.object();
                var m = objects.computeIfAbsent(o.resource(), r -> new ConcurrentSkipListMap<>());
                if (s.event.type() == StoreEvent.Type.DELETED) {
                    m.remove(o.key());
                } else {
                    m.put(o.key(), o);
                }
                revision = o.resourceVersion();
                publish(s.event);
            }
        } finally {
            rw.writeLock().unlock();
        }
        stageLock.lock();
        try {
            for (Staged s : batch) {
                var m = stagedByKey.get(s.event.object().resource());
                if (m != null) {
                    m.remove(s.event.object().key(), s); // unless a later write to the key is staged
                }
            }
        } finally {
            stageLock.unlock();
        }
        batch.forEach(s -> s.outcome.complete(null));
    }

    private void failStaged(List<Staged> batch, SQLException cause) {
        StoredObject first = batch.getFirst().event.object();
        var failure = new StoreException.StorageFailure("writing " + batch.size() + " change(s) (the first: " + first.resource() + " "
                + first.key() + ") to " + path + ": " + cause.getMessage(), cause);
        log.error("datastore commit failed: {}", failure.getMessage());
        List<Staged> dependents;
        stageLock.lock();
        try {
            // Later writes were validated against the failed ones: they fail too, and the staged state is dropped.
            dependents = queue;
            queue = new ArrayList<>();
            stagedByKey.clear();
            stagedRevision = revision;
        } finally {
            stageLock.unlock();
        }
        batch.forEach(s -> s.outcome.completeExceptionally(failure));
        var dependent = new StoreException.StorageFailure("an earlier write to " + path + " failed: " + cause.getMessage(), cause);
        dependents.forEach(s -> s.outcome.completeExceptionally(dependent));
    }

    /** Fault injection for tests: runs in the leader after the batch is written, before the transaction commits. */
    @FunctionalInterface
    interface CommitHook {
        void beforeCommit(int batchSize) throws SQLException;
    }

    private volatile CommitHook commitHook;

    void commitHook(CommitHook hook) {
        this.commitHook = hook;
    }

    /** Writes that have a revision but are not yet committed (tests). */
    long stagedCount() {
        stageLock.lock();
        try {
            return stagedRevision - revision;
        } finally {
            stageLock.unlock();
        }
    }

    /** Commits so far and the writes they carried (a mean batch size is their ratio; diagnostics and benchmarks). */
    public long[] commitCounts() {
        return new long[] {commits, committedWrites};
    }

    private void publish(StoreEvent event) {
        if (historySize == history.length) {
            historyFloor = history[historyStart].resourceVersion();
            history[historyStart] = null;
            historyStart = (historyStart + 1) % history.length;
            historySize--;
        }
        history[(historyStart + historySize) % history.length] = event;
        historySize++;
        // Only the watches of this resource are visited: the cost of an event does not grow with the number of
        // objects, nor with watches of other resources.
        var watchers = watchesByResource.get(event.object().resource());
        if (watchers != null) {
            for (StoreWatch w : watchers) {
                if (w.matches(event)) {
                    w.offer(event);
                }
            }
        }
        for (StoreWatch w : watchesOfAll) {
            w.offer(event);
        }
    }

    // ---------------------------------------------------------------------------------------------- watches

    /**
     * Watches {@code resource} ({@code null}: every resource) in {@code namespace} ({@code null}: all) for
     * changes after {@code fromRevision}; changes between {@code fromRevision} and now are replayed first.
     *
     * @throws StoreException.HistoryExpired if changes after {@code fromRevision} have left the history
     * @throws StoreException.FutureRevision if {@code fromRevision} is beyond the current revision
     */
    public StoreWatch watch(String resource, String namespace, long fromRevision) {
        rw.readLock().lock();
        try {
            ensureOpen();
            if (fromRevision > revision) {
                throw new StoreException.FutureRevision(fromRevision, revision);
            }
            if (fromRevision < historyFloor) {
                throw new StoreException.HistoryExpired(fromRevision, historyFloor);
            }
            StoreWatch w = new StoreWatch(this, resource, namespace, options.watchQueueCapacity());
            w.preload(replay(w, fromRevision));
            register(w);
            return w;
        } finally {
            rw.readLock().unlock();
        }
    }

    /**
     * A consistent list of {@code resource} plus a watch of every later change: nothing falls between them.
     */
    public record ListAndWatch(Snapshot snapshot, StoreWatch watch) {
    }

    public ListAndWatch listAndWatch(String resource, String namespace) {
        rw.readLock().lock();
        try {
            ensureOpen();
            Snapshot snap = new Snapshot(revision, new ArrayList<>(range(resource, namespace, null)));
            StoreWatch w = new StoreWatch(this, resource, namespace, options.watchQueueCapacity());
            register(w);
            return new ListAndWatch(snap, w);
        } finally {
            rw.readLock().unlock();
        }
    }

    private List<StoreEvent> replay(StoreWatch w, long fromRevision) {
        // History is in revision order: binary-search the first event after fromRevision.
        int lo = 0;
        int hi = historySize;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (history[(historyStart + mid) % history.length].resourceVersion() <= fromRevision) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<StoreEvent> out = new ArrayList<>();
        for (int i = lo; i < historySize; i++) {
            StoreEvent e = history[(historyStart + i) % history.length];
            if (w.matches(e)) {
                out.add(e);
            }
        }
        return out;
    }

    private void register(StoreWatch w) {
        if (w.resource() == null) {
            watchesOfAll.add(w);
        } else {
            watchesByResource.computeIfAbsent(w.resource(), r -> new CopyOnWriteArrayList<>()).add(w);
        }
    }

    void unregister(StoreWatch w) {
        if (w.resource() == null) {
            watchesOfAll.remove(w);
        } else {
            var l = watchesByResource.get(w.resource());
            if (l != null) {
                l.remove(w);
            }
        }
    }

    void requestProgress(StoreWatch w) {
        rw.readLock().lock();
        try {
            // No write runs while the read lock is held, so every change up to `revision` is already queued.
            w.offer(new WatchItem.Progress(revision));
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Number of open watches (diagnostics and tests). */
    public int watchCount() {
        return watchesOfAll.size() + watchesByResource.values().stream().mapToInt(List::size).sum();
    }

    /** Ends every open watch of {@code resource} (all when {@code null}); clients re-watch from their last revision. */
    public void terminateWatches(String resource, String reason) {
        rw.readLock().lock();
        try {
            for (var e : watchesByResource.entrySet()) {
                if (resource == null || resource.equals(e.getKey())) {
                    e.getValue().forEach(w -> w.terminate(reason));
                }
            }
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Drops the whole change history: every earlier revision becomes too old to resume from (tests, diagnostics). */
    public void compactHistory() {
        rw.writeLock().lock();
        try {
            java.util.Arrays.fill(history, null);
            historyStart = 0;
            historySize = 0;
            historyFloor = revision;
        } finally {
            rw.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException.StorageFailure("the datastore " + path + " is closed", null);
        }
    }

    /** Ends every watch, checkpoints the WAL into the database file and closes it. */
    @Override
    public void close() {
        stageLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true; // no write is staged after this
            // Writes staged before the close are committed by their leader (their callers wait for them); the lead
            // ends once the queue is empty, and then the connection is ours.
            while (leaderActive) {
                leaderIdle.awaitUninterruptibly();
            }
            leaderActive = true;
        } finally {
            stageLock.unlock();
        }
        rw.writeLock().lock();
        try {
            for (var l : watchesByResource.values()) {
                l.forEach(w -> w.offer(new WatchItem.Terminated("the store is closing")));
            }
            watchesOfAll.forEach(w -> w.offer(new WatchItem.Terminated("the store is closing")));
            try (Statement st = db.createStatement()) {
                db.commit();
                db.setAutoCommit(true);
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException e) {
                log.warn("checkpointing the datastore {} failed: {}", path, e.getMessage());
            }
            closeQuietly(db);
        } finally {
            rw.writeLock().unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after a failure: the original error is what matters
            }
        }
    }
}
