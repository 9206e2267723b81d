package io.rancherdesktop.rdd.ui.feed;

/**
 * Whether the GUI can reach the rdd service right now, as its {@link ConnectionMonitor} last found.
 *
 * @param connected the last probe was answered
 * @param detail why not (the probe's error, e.g. {@code Connection refused}); empty when connected
 */
public record ConnectionState(boolean connected, String detail) {
    public static final ConnectionState CONNECTED = new ConnectionState(true, "");

    public static ConnectionState lost(String detail) {
        return new ConnectionState(false, detail == null ? "" : detail);
    }

    /** The banner text while disconnected. */
    public static final String LOST_TEXT = "Lost connection to the rdd service — reconnecting…";
}
