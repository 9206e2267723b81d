package io.rancherdesktop.rdd.controller.engine.sync;

/**
 * A structural failure of the full sync (docs/design/mirroring-rules.md §3.8): a list call, the {@code moby}
 * namespace apply, or a stale-mirror removal failed. The connect fails with {@code ConnectFailed} and retries.
 */
public class FullSyncException extends RuntimeException {
    public FullSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
