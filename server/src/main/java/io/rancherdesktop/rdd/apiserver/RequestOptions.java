package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/**
 * Option parsing (kube's {@code ListOptions}, {@code CreateOptions}/{@code UpdateOptions}/{@code PatchOptions},
 * {@code DeleteOptions} decoding): the query parameters (and a delete's body) into the options the verbs take.
 */
final class RequestOptions {
    private RequestOptions() {
    }

    static WriteOptions writeOptions(Request request, Fields q, boolean apply) {
        String dryRun = q.getValue("dryRun");
        boolean dry = false;
        if (dryRun != null && !dryRun.isEmpty()) {
            if (!dryRun.equals("All")) {
                throw StatusException.badRequest("dryRun: Unsupported value: \"" + dryRun + "\": supported values: \"All\"");
            }
            dry = true;
        }
        String fv = q.getValue("fieldValidation");
        WriteOptions.FieldValidation validation = switch (fv == null ? "" : fv) {
            case "", "Warn" -> WriteOptions.FieldValidation.WARN;
            case "Strict" -> WriteOptions.FieldValidation.STRICT;
            case "Ignore" -> WriteOptions.FieldValidation.IGNORE;
            default -> throw StatusException.badRequest("fieldValidation: Unsupported value: \"" + fv + "\": supported values: \"Ignore\", \"Warn\", \"Strict\"");
        };
        String manager = q.getValue("fieldManager");
        if (manager != null && manager.length() > 128) {
            throw StatusException.badRequest("fieldManager: Too long: must have at most 128 bytes");
        }
        if ((manager == null || manager.isEmpty()) && !apply) {
            String ua = request.getHeaders().get(HttpHeader.USER_AGENT);
            manager = ua == null || ua.isEmpty() ? "unknown" : ua.split("/", 2)[0];
            if (manager.length() > 128) {
                manager = manager.substring(0, 128);
            }
        }
        String force = q.getValue("force");
        if (force != null && !apply && isTrue(force)) {
            throw StatusException.badRequest("force: Invalid value: \"" + force + "\": may not be specified for non-apply patch");
        }
        return new WriteOptions(dry, validation, manager, isTrue(force), RequestAuthenticator.user(request));
    }

    static ResourceOperations.ListOptions listOptions(Fields q, RequestScope scope) {
        LabelSelector labels = LabelSelector.parse(q.getValue("labelSelector"));
        FieldSelector fields = FieldSelector.parse(q.getValue("fieldSelector"));
        if (scope.name() != null) {
            // A watch on a named path is a watch of that one object.
            List<FieldSelector.Term> terms = new ArrayList<>(fields.terms());
            terms.add(new FieldSelector.Term("metadata.name", true, scope.name()));
            fields = new FieldSelector(terms);
        }
        int limit = 0;
        String l = q.getValue("limit");
        if (l != null && !l.isEmpty()) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw StatusException.badRequest("limit: Invalid value: \"" + l + "\": must be an integer");
            }
            if (limit < 0) {
                limit = 0;
            }
        }
        return new ResourceOperations.ListOptions(labels, fields, limit, q.getValue("continue"));
    }

    static ResourceOperations.DeleteOptions deleteOptions(Request request, Fields q, byte[] body) {
        String policy = q.getValue("propagationPolicy");
        String uid = null;
        String rv = null;
        boolean dry = "All".equals(q.getValue("dryRun"));
        if (q.getValue("dryRun") != null && !q.getValue("dryRun").isEmpty() && !dry) {
            throw StatusException.badRequest("dryRun: Unsupported value: \"" + q.getValue("dryRun") + "\": supported values: \"All\"");
        }
        Long grace = gracePeriod(q.getValue("gracePeriodSeconds"));
        if (isTrue(q.getValue("orphanDependents")) && policy == null) {
            policy = "Orphan";
        }
        if (body.length > 0) {
            JsonNode opts = BodyCodec.parseJson(body);
            if (!opts.isObject()) {
                throw StatusException.badRequest("the delete options must be a JSON object");
            }
            if (opts.hasNonNull("propagationPolicy")) {
                policy = opts.get("propagationPolicy").asText();
            }
            if (opts.path("orphanDependents").asBoolean(false) && policy == null) {
                policy = "Orphan";
            }
            if (opts.hasNonNull("gracePeriodSeconds")) {
                grace = gracePeriod(opts.get("gracePeriodSeconds").asText());
            }
            if (opts.path("preconditions").hasNonNull("uid")) {
                uid = opts.path("preconditions").get("uid").asText();
            }
            if (opts.path("preconditions").hasNonNull("resourceVersion")) {
                rv = opts.path("preconditions").get("resourceVersion").asText();
            }
            for (JsonNode d : opts.path("dryRun")) {
                if (!d.asText().equals("All")) {
                    throw StatusException.badRequest("dryRun: Unsupported value: \"" + d.asText() + "\": supported values: \"All\"");
                }
                dry = true;
            }
        }
        return new ResourceOperations.DeleteOptions(policy, uid, rv, dry, RequestAuthenticator.user(request), grace);
    }

    /** {@code gracePeriodSeconds}, absent when empty; not a whole number is 400. */
    private static Long gracePeriod(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw StatusException.badRequest("gracePeriodSeconds: Invalid value: \"" + value + "\": must be a whole number of seconds");
        }
    }

    static TableConverter.Include includeObject(Fields q) {
        String v = q.getValue("includeObject");
        if (v == null || v.isEmpty() || v.equals("Metadata")) {
            return TableConverter.Include.METADATA;
        }
        return switch (v) {
            case "None" -> TableConverter.Include.NONE;
            case "Object" -> TableConverter.Include.OBJECT;
            default -> throw StatusException.badRequest("includeObject: Unsupported value: \"" + v + "\": supported values: \"None\", \"Metadata\", \"Object\"");
        };
    }

    static Fields queryParams(Request request) {
        try {
            return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw StatusException.badRequest("malformed query string: " + e.getMessage());
        }
    }

    static boolean isTrue(String v) {
        return v != null && (v.equals("true") || v.equals("1") || v.equalsIgnoreCase("True"));
    }
}
