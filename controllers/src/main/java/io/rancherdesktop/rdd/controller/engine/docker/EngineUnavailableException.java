package io.rancherdesktop.rdd.controller.engine.docker;

/** The engine did not answer: connecting to it failed (docs/design/mirroring-rules.md §2.3 {@code ConnectFailed}). */
public class EngineUnavailableException extends RuntimeException {
    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
