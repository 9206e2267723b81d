package io.rancherdesktop.rdd.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The durable, versioned object store: SQLite (WAL, {@code synchronous=FULL}) for durability ({@link SqliteJournal}),
 * an in-memory copy of every object for reads ({@link ObjectIndex}), and a bounded in-memory history of committed
 * changes for watch resume ({@link WatchHistory}).
 *
 * <p>Every write takes the next value of one global revision counter (the Kubernetes {@code resourceVersion}),
 * is committed to SQLite before the call returns (group commit: concurrent writes share a transaction and its
 * fsync, see {@link GroupCommitter}), and is published to the history and to the matching watches in revision
 * order under the write side of one read-write lock, so watchers see changes in order and never miss one.
 * Reads of single objects take no lock; a list takes the read lock so that its items and its revision are
 * consistent (a watch started at the list's revision sees exactly the later changes).
 *
 * <p>The store knows nothing about Kubernetes semantics beyond keys and revisions: it stores what the API
 * server hands it. A node handed to a write method belongs to the store afterwards.
 */
public final class ObjectStore implements AutoCloseable {
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

    /**
     * A consistent list of {@code resource} plus a watch of every later change: nothing falls between them.
     */
    public record ListAndWatch(Snapshot snapshot, StoreWatch watch) {
    }

    private final Options options;
    private final SqliteJournal journal;
    private final ObjectIndex index;
    /** Guarded by {@link #rw}: appended under the write side, read under the read side. */
    private final WatchHistory history;
    private final OpenWatches watches = new OpenWatches();
    private final GroupCommitter committer;
    /** Write side: publishing a committed batch. Read side: a read that must be consistent with the revision. */
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();

    private ObjectStore(Options options, ObjectMapper mapper, SqliteJournal journal, SqliteJournal.Contents contents) {
        this.options = options;
        this.journal = journal;
        this.index = new ObjectIndex(contents);
        this.history = new WatchHistory(options.historyCapacity(), index.revision());
        this.committer = new GroupCommitter(journal, index, this::publish, mapper);
    }

    /** Opens (or creates) the store at {@code path} and loads what it holds (see {@link SqliteJournal#open}). */
    public static ObjectStore open(Path path, Options options, ObjectMapper mapper) {
        SqliteJournal journal = SqliteJournal.open(path, mapper);
        return new ObjectStore(options, mapper, journal, journal.load());
    }

    public Path path() {
        return journal.path();
    }

    /** The revision of the last committed write. */
    public long revision() {
        return index.revision();
    }

    /** The oldest revision a watch can resume from (older ones get {@link StoreException.HistoryExpired}). */
    public long oldestResumableRevision() {
        rw.readLock().lock();
        try {
            return history.floor();
        } finally {
            rw.readLock().unlock();
        }
    }

    public Optional<StoredObject> get(String resource, ObjectKey key) {
        return index.get(resource, key);
    }

    /** Number of objects of one resource (all namespaces). */
    public int count(String resource) {
        return index.count(resource);
    }

    /**
     * The objects of {@code resource} in key order, in {@code namespace} (all when {@code null}), starting after
     * {@code after} (from the start when {@code null}).
     */
    public Snapshot list(String resource, String namespace, ObjectKey after) {
        rw.readLock().lock();
        try {
            return new Snapshot(index.revision(), new ArrayList<>(index.range(resource, namespace, after)));
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Resources that have at least one object in {@code namespace} (for namespace deletion). */
    public List<String> resourcesWithObjectsIn(String namespace) {
        return index.resourcesWithObjectsIn(namespace);
    }

    /** Every resource that has objects. */
    public List<String> resources() {
        return index.resources();
    }

    // ---------------------------------------------------------------------------------------------- writes

    /** Stores a new object. @throws StoreException.AlreadyExists if the key exists */
    public StoredObject create(String resource, ObjectKey key, ObjectNode object) {
        return committer.write(resource, key, current -> {
            if (current.object() == null) {
                return new GroupCommitter.Change(StoreEvent.Type.ADDED, object, null);
            }
            if (!current.staged()) {
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
        return committer.write(resource, key, current -> {
            StoredObject latest = current.object();
            if (latest != null && (expectedRevision == 0 || expectedRevision == latest.resourceVersion())) {
                return new GroupCommitter.Change(type, object != null ? object : latest.object().deepCopy(), latest);
            }
            if (current.staged()) {
                return null;
            }
            if (latest == null) {
                throw new StoreException.NotFound(resource, key);
            }
            throw new StoreException.Conflict(resource, key, expectedRevision, latest.resourceVersion());
        });
    }

    /** Called by the commit leader with each durable batch: the index, the history and the watches see it in order. */
    private void publish(List<StoreEvent> batch) {
        rw.writeLock().lock();
        try {
            for (StoreEvent event : batch) {
                index.apply(event);
                history.append(event);
                watches.deliver(event);
            }
        } finally {
            rw.writeLock().unlock();
        }
    }

    /** Tests: a {@code PRAGMA} on the journal's connection (e.g. {@code max_page_count}, a real SQLITE_FULL); not while writing. */
    long journalPragma(String pragma) throws java.sql.SQLException {
        return journal.pragma(pragma);
    }

    void commitHook(SqliteJournal.CommitHook hook) {
        journal.commitHook(hook);
    }

    /** Writes that have a revision but are not yet committed (tests). */
    long stagedCount() {
        return committer.stagedCount();
    }

    /** Commits so far and the writes they carried (a mean batch size is their ratio; diagnostics and benchmarks). */
    public long[] commitCounts() {
        return committer.commitCounts();
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
            committer.ensureOpen();
            long revision = index.revision();
            if (fromRevision > revision) {
                throw new StoreException.FutureRevision(fromRevision, revision);
            }
            StoreWatch w = new StoreWatch(this, resource, namespace, options.watchQueueCapacity());
            w.preload(history.since(fromRevision, w::matches));
            watches.add(w);
            return w;
        } finally {
            rw.readLock().unlock();
        }
    }

    public ListAndWatch listAndWatch(String resource, String namespace) {
        rw.readLock().lock();
        try {
            committer.ensureOpen();
            Snapshot snap = new Snapshot(index.revision(), new ArrayList<>(index.range(resource, namespace, null)));
            StoreWatch w = new StoreWatch(this, resource, namespace, options.watchQueueCapacity());
            watches.add(w);
            return new ListAndWatch(snap, w);
        } finally {
            rw.readLock().unlock();
        }
    }

    void unregister(StoreWatch w) {
        watches.remove(w);
    }

    void requestProgress(StoreWatch w) {
        rw.readLock().lock();
        try {
            // No write runs while the read lock is held, so every change up to `revision` is already queued.
            w.offer(new WatchItem.Progress(index.revision()));
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Number of open watches (diagnostics and tests). */
    public int watchCount() {
        return watches.count();
    }

    /** Ends every open watch of {@code resource} (all when {@code null}); clients re-watch from their last revision. */
    public void terminateWatches(String resource, String reason) {
        rw.readLock().lock();
        try {
            watches.terminate(resource, reason);
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Drops the whole change history: every earlier revision becomes too old to resume from (tests, diagnostics). */
    public void compactHistory() {
        rw.writeLock().lock();
        try {
            history.clear(index.revision());
        } finally {
            rw.writeLock().unlock();
        }
    }

    /** Ends every watch, checkpoints the WAL into the database file and closes it. */
    @Override
    public void close() {
        if (!committer.close()) {
            return;
        }
        rw.writeLock().lock();
        try {
            watches.terminateAll("the store is closing");
            journal.close();
        } finally {
            rw.writeLock().unlock();
        }
    }
}
