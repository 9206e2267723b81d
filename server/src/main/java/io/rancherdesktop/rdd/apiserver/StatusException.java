package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A request failure as Kubernetes reports it: an HTTP code, a machine-readable {@code reason}, a message and
 * optional details (the object and field {@code causes}). {@link #toStatus()} renders the {@code Status} object.
 */
public final class StatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One field-level cause, as in {@code Status.details.causes[]}. */
    public record Cause(String reason, String message, String field) {
    }

    /** {@code Status.details}: the object the failure is about (any part may be empty). */
    public record Details(String name, String group, String kind, List<Cause> causes) {
        public static final Details NONE = new Details("", "", "", List.of());

        public Details {
            causes = List.copyOf(causes);
        }
    }

    private final int code;
    private final String reason;
    private final Details details;

    public StatusException(int code, String reason, String message, Details details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details == null ? Details.NONE : details;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public Details details() {
        return details;
    }

    /** The {@code meta/v1 Status} object of this failure. */
    public ObjectNode toStatus() {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", getMessage());
        if (!reason.isEmpty()) {
            s.put("reason", reason);
        }
        if (!details.equals(Details.NONE)) {
            ObjectNode d = s.putObject("details");
            if (!details.name().isEmpty()) {
                d.put("name", details.name());
            }
            if (!details.group().isEmpty()) {
                d.put("group", details.group());
            }
            if (!details.kind().isEmpty()) {
                d.put("kind", details.kind());
            }
            if (!details.causes().isEmpty()) {
                var arr = d.putArray("causes");
                for (Cause c : details.causes()) {
                    ObjectNode cn = arr.addObject();
                    cn.put("reason", c.reason());
                    cn.put("message", c.message());
                    cn.put("field", c.field());
                }
            }
        }
        s.put("code", code);
        return s;
    }

    // ------------------------------------------------------------------------------------------- factories

    /** {@code resource} is the plural with its group, as kube prints it: {@code configmaps}, {@code apps.app.rancherdesktop.io}. */
    public static StatusException notFound(String group, String plural, String name) {
        return new StatusException(404, "NotFound", qualified(group, plural) + " \"" + name + "\" not found",
                new Details(name, group, plural, List.of()));
    }

    public static StatusException alreadyExists(String group, String plural, String name) {
        return new StatusException(409, "AlreadyExists", qualified(group, plural) + " \"" + name + "\" already exists",
                new Details(name, group, plural, List.of()));
    }

    public static StatusException conflict(String group, String plural, String name, String why) {
        return new StatusException(409, "Conflict", "Operation cannot be fulfilled on " + qualified(group, plural) + " \"" + name + "\": " + why,
                new Details(name, group, plural, List.of()));
    }

    public static StatusException staleResourceVersion(String group, String plural, String name) {
        return conflict(group, plural, name, "the object has been modified; please apply your changes to the latest version and try again");
    }

    /** 422 Invalid: {@code <Kind> "<name>" is invalid: <cause>, <cause>}. */
    public static StatusException invalid(String group, String kind, String name, List<Cause> causes) {
        StringBuilder msg = new StringBuilder(kind).append(" \"").append(name).append("\" is invalid: ");
        if (causes.size() == 1) {
            msg.append(causeText(causes.getFirst()));
        } else {
            msg.append('[');
            for (int i = 0; i < causes.size(); i++) {
                msg.append(i == 0 ? "" : ", ").append(causeText(causes.get(i)));
            }
            msg.append(']');
        }
        return new StatusException(422, "Invalid", msg.toString(), new Details(name, group, kind, causes));
    }

    private static String causeText(Cause c) {
        return c.field().isEmpty() ? c.message() : c.field() + ": " + c.message();
    }

    public static StatusException badRequest(String message) {
        return new StatusException(400, "BadRequest", message, Details.NONE);
    }

    public static StatusException forbidden(String group, String plural, String name, String why) {
        String target = name == null || name.isEmpty() ? qualified(group, plural) : qualified(group, plural) + " \"" + name + "\"";
        return new StatusException(403, "Forbidden", target + " is forbidden: " + why,
                new Details(name == null ? "" : name, group, plural, List.of()));
    }

    public static StatusException unauthorized() {
        return new StatusException(401, "Unauthorized", "Unauthorized", Details.NONE);
    }

    public static StatusException methodNotAllowed(String method) {
        return new StatusException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", Details.NONE);
    }

    public static StatusException tooLarge(long limit) {
        return new StatusException(413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit, Details.NONE);
    }

    public static StatusException unsupportedMediaType(String type, List<String> accepted) {
        return new StatusException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
                + String.join(", ", accepted), Details.NONE);
    }

    public static StatusException notAcceptable(List<String> offered) {
        return new StatusException(406, "NotAcceptable", "only the following media types are accepted: " + String.join(", ", offered), Details.NONE);
    }

    public static StatusException gone(String message) {
        return new StatusException(410, "Expired", message, Details.NONE);
    }

    public static StatusException notFoundPath() {
        return new StatusException(404, "NotFound", "the server could not find the requested resource", Details.NONE);
    }

    public static StatusException internal(String message) {
        return new StatusException(500, "InternalError", "Internal error occurred: " + message, Details.NONE);
    }

    public static StatusException timeout(String message) {
        return new StatusException(504, "Timeout", message, Details.NONE);
    }

    static String qualified(String group, String plural) {
        return group == null || group.isEmpty() ? plural : plural + "." + group;
    }
}
