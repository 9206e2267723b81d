package io.rancherdesktop.rdd.ui.command;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A failed API write as the GUI reports it: the server's {@code Status} reason and code, and its message
 * (e.g. {@code 422 Invalid: spec.containerEngine.name: Unsupported value: "kvm"}). Notifications show
 * {@link #getMessage()} verbatim, so nothing the server says is lost.
 */
public final class ApiFailure extends RuntimeException {
    private final int code;
    private final String reason;

    public ApiFailure(String what, int code, String reason, String serverMessage, Throwable cause) {
        super(what + ": " + serverMessage, cause);
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    /** HTTP status code, or 0 when the request never got an answer. */
    public int code() {
        return code;
    }

    /** The Status {@code reason} ({@code Invalid}, {@code Conflict}, …), or empty. */
    public String reason() {
        return reason;
    }

    /** Wraps any failure of a write of {@code what} ("stop container web"). */
    public static ApiFailure of(String what, Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiFailure f) {
            return f;
        }
        if (cause instanceof KubernetesClientException k) {
            Status s = k.getStatus();
            String message = s != null && s.getMessage() != null && !s.getMessage().isEmpty() ? s.getMessage() : k.getMessage();
            return new ApiFailure(what, k.getCode(), s == null ? "" : s.getReason(), message, k);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new ApiFailure(what, 0, "", message, cause);
    }
}
