package io.rancherdesktop.rdd.wire;

import java.util.Map;

/**
 * A failed API call: the HTTP status and the {@code Status} object the server sent (reason, message), so callers
 * branch on the reason, never on message text.
 */
public final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String reason;
    private final transient Map<String, Object> status;

    public ApiException(int code, String reason, String message, Map<String, Object> status) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.status = status;
    }

    /** From an error response: its Status object when it has one, else the body text. */
    public static ApiException of(HttpResponse r) {
        String body = r.bodyText();
        Map<String, Object> status = null;
        try {
            if (Json.parse(body) instanceof Map<?, ?> m && "Status".equals(m.get("kind"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) m;
                status = s;
            }
        } catch (IllegalArgumentException notJson) {
            // a plain-text error body
        }
        String reason = status != null && status.get("reason") instanceof String s && !s.isEmpty() ? s : reasonFor(r.status());
        String message = status != null && status.get("message") instanceof String s ? s : body.strip();
        if (message.isEmpty()) {
            message = "the server responded with status " + r.status();
        }
        return new ApiException(r.status(), reason, message, status);
    }

    /** The reason kubectl derives from a bare HTTP status. */
    static String reasonFor(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "Unknown";
        };
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The server's Status object, or null. */
    public Map<String, Object> status() {
        return status;
    }

    public boolean notFound() {
        return code == 404;
    }

    /** How kubectl prints it: {@code Error from server (NotFound): configmaps "x" not found}. */
    public String kubectlMessage() {
        return "Error from server (" + reason + "): " + getMessage();
    }
}
