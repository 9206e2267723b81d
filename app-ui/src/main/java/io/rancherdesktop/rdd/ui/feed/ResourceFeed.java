package io.rancherdesktop.rdd.ui.feed;

/**
 * A push source of one kind of API object: after {@link #start}, every existing object arrives as an upsert, then
 * every change as it happens. The production feed is an informer on the rdd API ({@link InformerFeed}); the GUI
 * never polls.
 */
public interface ResourceFeed<T> extends AutoCloseable {

    /** Starts delivering to {@code listener}. Called once. */
    void start(FeedListener<T> listener);

    /** Stops delivering; no listener call begins after this returns. */
    @Override
    void close();
}
