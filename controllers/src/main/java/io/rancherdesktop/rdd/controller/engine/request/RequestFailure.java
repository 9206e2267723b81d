package io.rancherdesktop.rdd.controller.engine.request;

import java.util.Objects;

/** Thrown inside a request's serving to end it {@code Failed} with {@code reason} (docs/api.md §3.5). */
public final class RequestFailure extends RuntimeException {
    private final String reason;

    public RequestFailure(String reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public RequestFailure(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public String reason() {
        return reason;
    }
}
