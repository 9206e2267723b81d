package io.rancherdesktop.rdd.controller.engine.docker;

/** The engine did not answer: connecting to it failed (spec engine-mirroring.md §2.3 {@code ConnectFailed}). */
public class EngineUnavailableException extends RuntimeException {
    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
