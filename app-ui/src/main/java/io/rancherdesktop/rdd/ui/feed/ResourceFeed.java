package io.rancherdesktop.rdd.ui.feed;

/**
 * A push source of one kind of API object: after {@link #start}, every existing object arrives as an upsert, then
 * every change as it happens. The production feed is an informer on the rdd API ({@link InformerFeed}); the GUI
 * never polls.
 */
public interface ResourceFeed<T> extends AutoCloseable {

    /** Starts delivering to {@code listener}. Called once. */
    void start(FeedListener<T> listener);

    /**
     * Lists again after a lost connection: every object still there arrives as an upsert (changed or not), every
     * object gone meanwhile as a delete. A feed that cannot lose its connection does nothing.
     */
    default void relist() {
    }

    /** Runs {@code action} (any thread) when the feed's watch breaks: a hint to check the connection now. */
    default void onTrouble(Runnable action) {
    }

    /** Stops delivering; no listener call begins after this returns. */
    @Override
    void close();
}
