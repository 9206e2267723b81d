package io.rancherdesktop.rdd.store;

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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable side of the store: one SQLite database (WAL, {@code synchronous=FULL}) holding the current version of
 * every object and the revision counter. It creates the schema, loads what is on disk at open, and commits a batch
 * of changes in one transaction. Not thread-safe: only the commit leader of the {@link GroupCommitter} (or the
 * closing store, once no leader runs) uses it.
 */
final class SqliteJournal {
    private static final Logger log = LoggerFactory.getLogger(SqliteJournal.class);
    private static final int SCHEMA_VERSION = 1;
    private static final String SQLITE_TMPDIR = "org.sqlite.tmpdir";

    /** What the journal held at open: every object and the revision of the last committed write. */
    record Contents(List<StoredObject> objects, long revision) {
    }

    /** Fault injection for tests: runs in the leader after the batch is written, before the transaction commits. */
    @FunctionalInterface
    interface CommitHook {
        void beforeCommit(int batchSize) throws SQLException;
    }

    private final Path path;
    private final ObjectMapper mapper;
    private final Connection db;
    // Not final: sqlite-jdbc closes the native statement whose step fails (a full disk: SQLITE_FULL) while its
    // isClosed() stays false, and every later use would fail with "statement is not executing". After a failed
    // commit all three are dropped and prepared anew (null until then).
    private PreparedStatement upsert;
    private PreparedStatement remove;
    private PreparedStatement setRevision;
    private volatile CommitHook commitHook;

    private SqliteJournal(Path path, ObjectMapper mapper, Connection db) throws SQLException {
        this.path = path;
        this.mapper = mapper;
        this.db = db;
        prepare();
    }

    /** Prepares the write statements that are not prepared: all of them at first, and after a failed commit. */
    private void prepare() throws SQLException {
        if (upsert == null) {
            upsert = db.prepareStatement("INSERT INTO objects(resource, namespace, name, rv, data) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT(resource, namespace, name) DO UPDATE SET rv = excluded.rv, data = excluded.data");
        }
        if (remove == null) {
            remove = db.prepareStatement("DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?");
        }
        if (setRevision == null) {
            setRevision = db.prepareStatement("UPDATE meta SET value = ? WHERE key = 'revision'");
        }
    }

    /**
     * Opens (or creates) the database at {@code path}. Points sqlite-jdbc's native-library extraction at the
     * database's directory unless already configured, because a {@code noexec} /tmp breaks it.
     */
    static SqliteJournal open(Path path, ObjectMapper mapper) {
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
            // The driver stays in auto-commit mode and commit() opens and ends each transaction itself: a failed
            // statement (SQLITE_FULL) makes SQLite roll the transaction back on its own, after which the driver's
            // implicit transaction would be gone and the next batch's statements would each commit by themselves.
            return new SqliteJournal(path, mapper, db);
        } catch (SQLException e) {
            closeQuietly(db);
            throw new StoreException.StorageFailure("opening the datastore " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(db);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    /** Reads every object and the revision counter; a journal that fails to load is closed. */
    Contents load() {
        try {
            return read();
        } catch (SQLException e) {
            closeQuietly(db);
            throw new StoreException.StorageFailure("opening the datastore " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(db);
            throw e;
        }
    }

    private Contents read() throws SQLException {
        long revision;
        long maxRv = 0;
        List<StoredObject> objects = new ArrayList<>();
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
                    objects.add(new StoredObject(resource, key, rv, obj, json));
                    maxRv = Math.max(maxRv, rv);
                }
            }
        }
        // The counter is written in the same transaction as every object, so this only guards a hand-edited file.
        revision = Math.max(revision, maxRv);
        log.debug("datastore {} opened: {} objects, revision {}", path, objects.size(), revision);
        return new Contents(objects, revision);
    }

    /**
     * Writes {@code batch} (in revision order) and the revision of its last change in one transaction, and commits
     * it (one fsync). On failure (checked or not) the transaction is rolled back and the failure thrown: nothing of
     * the batch is on disk.
     */
    void commit(List<StoreEvent> batch) throws SQLException {
        try {
            prepare(); // after a failed commit (e.g. the disk was full) the statements are new: writes recover
            execute("BEGIN IMMEDIATE");
            for (StoreEvent event : batch) {
                StoredObject o = event.object();
                if (event.type() == StoreEvent.Type.DELETED) {
                    remove.setString(1, o.resource());
                    remove.setString(2, o.namespace());
                    remove.setString(3, o.name());
                    remove.executeUpdate();
                } else {
                    upsert.setString(1, o.resource());
                    upsert.setString(2, o.namespace());
                    upsert.setString(3, o.name());
                    upsert.setLong(4, o.resourceVersion());
                    upsert.setBytes(5, o.json());
                    upsert.executeUpdate();
                }
            }
            setRevision.setLong(1, batch.getLast().resourceVersion());
            setRevision.executeUpdate();
            CommitHook hook = commitHook;
            if (hook != null) {
                hook.beforeCommit(batch.size());
            }
            execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
            // Unchecked failures too (a driver bug, a test hook): left open, the transaction would be committed
            // with the next batch, making a write its caller saw fail durable. SQLite may have rolled it back
            // already (SQLITE_FULL, SQLITE_IOERR): then ROLLBACK fails with "no transaction is active", harmlessly.
            try {
                execute("ROLLBACK");
            } catch (SQLException alreadyRolledBack) {
                if (!String.valueOf(alreadyRolledBack.getMessage()).contains("no transaction is active")) {
                    e.addSuppressed(alreadyRolledBack);
                }
            }
            dropStatements();
            throw e;
        }
    }

    /** Tests: runs {@code PRAGMA <pragma>} on the journal's connection; its first column as a long, or -1. */
    long pragma(String pragma) throws SQLException {
        try (Statement st = db.createStatement()) {
            if (st.execute("PRAGMA " + pragma)) {
                try (ResultSet rs = st.getResultSet()) {
                    return rs.next() ? rs.getLong(1) : -1;
                }
            }
            return -1;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute(sql);
        }
    }

    /** Closes and forgets the write statements; the next commit prepares them again. */
    private void dropStatements() {
        for (PreparedStatement st : new PreparedStatement[] {upsert, remove, setRevision}) {
            if (st != null) {
                try {
                    st.close();
                } catch (SQLException ignored) {
                    // its native statement may be gone already: that is why it is replaced
                }
            }
        }
        upsert = null;
        remove = null;
        setRevision = null;
    }

    void commitHook(CommitHook hook) {
        this.commitHook = hook;
    }

    /** Checkpoints the WAL into the database file and closes it. */
    void close() {
        try (Statement st = db.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            log.warn("checkpointing the datastore {} failed: {}", path, e.getMessage());
        }
        closeQuietly(db);
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
