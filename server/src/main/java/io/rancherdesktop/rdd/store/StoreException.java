package io.rancherdesktop.rdd.store;

/** A store operation that could not be done; the subclasses are the outcomes callers branch on. */
public sealed class StoreException extends RuntimeException
        permits StoreException.AlreadyExists, StoreException.NotFound, StoreException.Conflict,
        StoreException.HistoryExpired, StoreException.FutureRevision, StoreException.StorageFailure {
    private static final long serialVersionUID = 1L;

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Create of a key that exists. */
    public static final class AlreadyExists extends StoreException {
        private static final long serialVersionUID = 1L;

        public AlreadyExists(String resource, ObjectKey key) {
            super(resource + " " + key + " already exists", null);
        }
    }

    /** Update or delete of a key that does not exist. */
    public static final class NotFound extends StoreException {
        private static final long serialVersionUID = 1L;

        public NotFound(String resource, ObjectKey key) {
            super(resource + " " + key + " not found", null);
        }
    }

    /** The object changed since the revision the caller based its write on. */
    public static final class Conflict extends StoreException {
        private static final long serialVersionUID = 1L;
        private final long actual;

        public Conflict(String resource, ObjectKey key, long expected, long actual) {
            super(resource + " " + key + ": expected resourceVersion " + expected + ", found " + actual, null);
            this.actual = actual;
        }

        public long actual() {
            return actual;
        }
    }

    /** A watch asked to resume from a revision that has left the bounded event history. */
    public static final class HistoryExpired extends StoreException {
        private static final long serialVersionUID = 1L;
        private final long oldest;

        public HistoryExpired(long requested, long oldest) {
            super("too old resource version: " + requested + " (" + oldest + ")", null);
            this.oldest = oldest;
        }

        /** The oldest revision a watch can resume from. */
        public long oldest() {
            return oldest;
        }
    }

    /** A watch asked to resume from a revision the store has not reached. */
    public static final class FutureRevision extends StoreException {
        private static final long serialVersionUID = 1L;

        public FutureRevision(long requested, long current) {
            super("Too large resource version: " + requested + ", current: " + current, null);
        }
    }

    /** The database failed; the write did not happen. */
    public static final class StorageFailure extends StoreException {
        private static final long serialVersionUID = 1L;

        public StorageFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
