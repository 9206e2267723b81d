package io.rancherdesktop.rdd.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: stages concurrent writes and commits them in shared transactions of the {@link SqliteJournal}.
 *
 * <p>A write is validated against the latest state (committed, or staged by a write still waiting for its commit),
 * takes the next revision and joins the queue of staged writes, all under the stage lock, held for microseconds.
 * If no commit is under way, the writer becomes the leader: it takes the whole queue, writes it in one SQLite
 * transaction with one fsync, publishes it in revision order (in-memory copy, history, watches) under the write
 * side of the read-write lock, and completes each write of the batch, which wakes its writer directly. Writes
 * staged meanwhile wait in the queue; the leader then hands the lead to the first of them (or, with an empty
 * queue, ends the lead), so the next batch holds every write that arrived during the previous commit. Waking
 * writers one by one through a lock instead would make them stage one at a time, and batches would stay small.
 *
 * <p>So concurrent writers share an fsync, readers and watches never see a staged write, and a write returns only
 * once it is durable. A write rejected because of a staged write (a conflict, an existing name, a staged delete)
 * waits for that write's outcome first and looks again: the caller's retry then reads what the rejection was
 * about. If a commit fails, its writes and every write staged after them (validated against them) fail, and the
 * staged state is dropped; nothing of them was acknowledged or published.
 */
final class GroupCommitter {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    /** Makes a durable batch visible (in-memory copy, history, watches); called by the leader, in revision order. */
    @FunctionalInterface
    interface Publisher {
        void publish(List<StoreEvent> batch);
    }

    /** The latest version of a key: the object ({@code null}: absent), and whether a staged write produced it. */
    record Latest(StoredObject object, boolean staged) {
    }

    /** A write to stage: the change, the new state ({@code metadata.resourceVersion} is set on staging), and the version it replaces. */
    record Change(StoreEvent.Type type, ObjectNode object, StoredObject previous) {
    }

    private final SqliteJournal journal;
    private final ObjectIndex committed;
    private final Publisher publisher;
    private final ObjectMapper mapper;
    /** Guards the staged writes: {@link #stagedByKey}, {@link #queue}, {@link #stagedRevision}, {@link #leaderActive}. */
    private final ReentrantLock stageLock = new ReentrantLock();
    /** Signalled when a lead ends (see {@link #leaderActive}). */
    private final Condition leaderIdle = stageLock.newCondition();
    /** A writer is leading commits; only the leader touches the database connection (guarded by the stage lock). */
    private boolean leaderActive;
    /** The latest staged (not yet committed) write of each key. */
    private final Map<String, Map<ObjectKey, Staged>> stagedByKey = new HashMap<>();
    private List<Staged> queue = new ArrayList<>();
    /** The revision of the last staged write (equals the committed revision when nothing waits for a commit). */
    private long stagedRevision;
    /** Written by the commit leader only. */
    private volatile long commits;
    private volatile long committedWrites;
    private volatile boolean closed;

    /**
     * @param committed the committed state writes are validated against when no staged write of their key waits
     * @param publisher publishes each durable batch
     */
    GroupCommitter(SqliteJournal journal, ObjectIndex committed, Publisher publisher, ObjectMapper mapper) {
        this.journal = journal;
        this.committed = committed;
        this.publisher = publisher;
        this.mapper = mapper;
        this.stagedRevision = committed.revision();
    }

    /** A write that has taken a revision and waits for (or went through) its commit. */
    private static final class Staged {
        final StoreEvent event;
        /** Completes when the write is committed and published, or exceptionally with its StorageFailure. */
        final CompletableFuture<Void> outcome = new CompletableFuture<>();
        /** Completes when the lead passes to this write's writer. */
        final CompletableFuture<Void> promoted = new CompletableFuture<>();
        /** Set under the stage lock when staging found no leader: this writer commits the queue itself. */
        boolean leads;

        Staged(StoreEvent event) {
            this.event = event;
        }
    }

    /**
     * Judges a write against the latest state of its key, under the stage lock: {@code attempt} returns the change to
     * stage, throws the rejection, or returns {@code null} when the rejection is due to a staged write, which is then
     * waited for and the write judged again. Returns once the staged write is durable.
     */
    StoredObject write(String resource, ObjectKey key, Function<Latest, Change> attempt) {
        while (true) {
            Staged write = null;
            Staged blocking;
            stageLock.lock();
            try {
                ensureOpen();
                blocking = stagedWrite(resource, key);
                Latest current = blocking != null
                        ? new Latest(blocking.event.type() == StoreEvent.Type.DELETED ? null : blocking.event.object(), true)
                        : new Latest(committed.get(resource, key).orElse(null), false);
                Change change = attempt.apply(current);
                if (change != null) {
                    write = stage(resource, key, change);
                }
            } finally {
                stageLock.unlock();
            }
            if (write != null) {
                return awaitDurable(write);
            }
            settle(blocking);
        }
    }

    private Staged stagedWrite(String resource, ObjectKey key) {
        var m = stagedByKey.get(resource);
        return m == null ? null : m.get(key);
    }

    /** Under the stage lock: assigns the next revision, queues the write, and makes its writer the leader if none is. */
    private Staged stage(String resource, ObjectKey key, Change change) {
        long rv = stagedRevision + 1;
        ObjectNode object = change.object();
        object.withObject("metadata").put("resourceVersion", Long.toString(rv));
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(object);
        } catch (JsonProcessingException e) {
            throw new StoreException.StorageFailure("serialising " + resource + " " + key, e);
        }
        stagedRevision = rv;
        Staged s = new Staged(new StoreEvent(change.type(), new StoredObject(resource, key, rv, object, json), change.previous()));
        stagedByKey.computeIfAbsent(resource, r -> new HashMap<>()).put(key, s);
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
        List<StoreEvent> events = batch.stream().map(s -> s.event).toList();
        try {
            journal.commit(events);
        } catch (SQLException | RuntimeException e) {
            // An unchecked failure is a failed commit too: otherwise the batch's other writers would wait forever
            // and later writes would be validated against (and numbered after) writes that never committed.
            failStaged(batch, e);
            return;
        }
        commits++;
        committedWrites += batch.size();
        publisher.publish(events);
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

    private void failStaged(List<Staged> batch, Exception cause) {
        StoredObject first = batch.getFirst().event.object();
        var failure = new StoreException.StorageFailure("writing " + batch.size() + " change(s) (the first: " + first.resource() + " "
                + first.key() + ") to " + journal.path() + ": " + cause.getMessage(), cause);
        log.error("datastore commit failed: {}", failure.getMessage());
        List<Staged> dependents;
        stageLock.lock();
        try {
            // Later writes were validated against the failed ones: they fail too, and the staged state is dropped.
            dependents = queue;
            queue = new ArrayList<>();
            stagedByKey.clear();
            stagedRevision = committed.revision();
        } finally {
            stageLock.unlock();
        }
        batch.forEach(s -> s.outcome.completeExceptionally(failure));
        var dependent = new StoreException.StorageFailure("an earlier write to " + journal.path() + " failed: " + cause.getMessage(), cause);
        dependents.forEach(s -> s.outcome.completeExceptionally(dependent));
    }

    /** Writes that have a revision but are not yet committed (tests). */
    long stagedCount() {
        stageLock.lock();
        try {
            return stagedRevision - committed.revision();
        } finally {
            stageLock.unlock();
        }
    }

    /** Commits so far and the writes they carried (a mean batch size is their ratio; diagnostics and benchmarks). */
    long[] commitCounts() {
        return new long[] {commits, committedWrites};
    }

    void ensureOpen() {
        if (closed) {
            throw new StoreException.StorageFailure("the datastore " + journal.path() + " is closed", null);
        }
    }

    /**
     * Refuses every later write and waits for the lead to end; afterwards the journal belongs to the caller.
     * Returns {@code false} if already closed.
     */
    boolean close() {
        stageLock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true; // no write is staged after this
            // Writes staged before the close are committed by their leader (their callers wait for them); the lead
            // ends once the queue is empty, and then the connection is ours.
            while (leaderActive) {
                leaderIdle.awaitUninterruptibly();
            }
            leaderActive = true;
            return true;
        } finally {
            stageLock.unlock();
        }
    }
}
