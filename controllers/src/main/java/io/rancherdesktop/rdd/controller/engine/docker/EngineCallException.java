package io.rancherdesktop.rdd.controller.engine.docker;

/** A raw Engine API call answered with an error status. */
public class EngineCallException extends RuntimeException {
    private final int httpStatus;
    private final String engineMessage;

    public EngineCallException(String call, int httpStatus, String engineMessage) {
        super(call + " failed with HTTP " + httpStatus + ": " + engineMessage);
        this.httpStatus = httpStatus;
        this.engineMessage = engineMessage;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The engine's own error text. */
    public String engineMessage() {
        return engineMessage;
    }
}
