package io.rancherdesktop.rdd.store;

/** What a {@link StoreWatch} delivers: a change, a progress mark, or the end of the watch. */
public sealed interface WatchItem permits StoreEvent, WatchItem.Progress, WatchItem.Terminated {

    /**
     * Every change of the watched resource up to {@code resourceVersion} has been delivered before this mark
     * (the watch can resume from it). The API server turns it into a BOOKMARK event.
     */
    record Progress(long resourceVersion) implements WatchItem {
    }

    /** The store ended the watch (the consumer fell too far behind, or the store closed). */
    record Terminated(String reason) implements WatchItem {
    }
}
