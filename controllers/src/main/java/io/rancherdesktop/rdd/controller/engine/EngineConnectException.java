package io.rancherdesktop.rdd.controller.engine;

/**
 * Connecting to the engine failed: ping, subscription or full sync. The supervisor records
 * {@code ContainerEngineReady=False/ConnectFailed} with {@link #getMessage()} and retries with backoff (docs/design/mirroring-rules.md §2.3).
 */
public class EngineConnectException extends Exception {
    public EngineConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
