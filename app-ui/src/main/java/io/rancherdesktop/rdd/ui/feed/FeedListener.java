package io.rancherdesktop.rdd.ui.feed;

/**
 * Receives the changes of one kind of API object as a {@link ResourceFeed} delivers them, on the feed's own
 * thread. Implementations must not block: the GUI hands the change to its update coalescer and returns.
 */
public interface FeedListener<T> {

    /** The object was added or changed; {@code object} is its latest state. */
    void upserted(T object);

    /** The object is gone from the API (its last known state). */
    void deleted(T object);
}
