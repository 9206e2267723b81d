package io.rancherdesktop.rdd.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The bounded window of committed changes a watch can resume from: a ring buffer of the last {@code capacity}
 * events in revision order. A resume point older than the window is answered with
 * {@link StoreException.HistoryExpired} (410 Gone), and the client re-lists. Not thread-safe: the store appends under
 * the write side of its read-write lock and reads under the read side.
 */
final class WatchHistory {
    private final StoreEvent[] history;
    private int historyStart;
    private int historySize;
    /** Every change with a revision above this one is in the history. */
    private long historyFloor;

    /** An empty history at {@code revision}: resuming from it or later works, from earlier does not. */
    WatchHistory(int capacity, long revision) {
        this.history = new StoreEvent[capacity];
        this.historyFloor = revision;
    }

    /** The oldest revision a watch can resume from. */
    long floor() {
        return historyFloor;
    }

    /** Appends the next committed change, dropping the oldest when the window is full. */
    void append(StoreEvent event) {
        if (historySize == history.length) {
            historyFloor = history[historyStart].resourceVersion();
            history[historyStart] = null;
            historyStart = (historyStart + 1) % history.length;
            historySize--;
        }
        history[(historyStart + historySize) % history.length] = event;
        historySize++;
    }

    /**
     * The changes after {@code fromRevision} that {@code wanted} accepts, in revision order.
     *
     * @throws StoreException.HistoryExpired if changes after {@code fromRevision} have left the window
     */
    List<StoreEvent> since(long fromRevision, Predicate<StoreEvent> wanted) {
        if (fromRevision < historyFloor) {
            throw new StoreException.HistoryExpired(fromRevision, historyFloor);
        }
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
            if (wanted.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Drops every change: every revision before {@code revision} becomes too old to resume from. */
    void clear(long revision) {
        Arrays.fill(history, null);
        historyStart = 0;
        historySize = 0;
        historyFloor = revision;
    }
}
