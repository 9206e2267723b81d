package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.apiserver.StatusException.Cause;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a parsed request body (or a patched object, or an apply configuration) into an object of the addressed
 * resource, as kube's decoding does: type meta against the URL, metadata shape, namespace, and unknown fields
 * pruned and reported per {@code fieldValidation}.
 */
final class BodyDecoder {
    private final GenericStore g;

    BodyDecoder(GenericStore g) {
        this.g = g;
    }

    /**
     * Decodes a request body into an object of this resource: type meta, metadata shape, namespace, and unknown
     * fields per {@code fieldValidation}.
     */
    ObjectNode decode(RequestScope scope, JsonNode body, WriteOptions opts, List<String> warnings) {
        if (!(body instanceof ObjectNode obj)) {
            throw StatusException.badRequest("the request body must be a JSON object, got " + StructuralSchema.typeName(body));
        }
        checkTypeMeta(scope, obj);
        pruneUnknown(scope, obj, opts, warnings);
        ObjectNode meta = obj.withObject("metadata");
        String ns = meta.path("namespace").asText("");
        if (scope.resource().namespaced()) {
            if (scope.namespace() != null) {
                if (ns.isEmpty()) {
                    meta.put("namespace", scope.namespace());
                } else if (!ns.equals(scope.namespace())) {
                    throw StatusException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
                }
            }
        } else {
            meta.remove("namespace");
        }
        return obj;
    }

    /** Prunes the fields neither ObjectMeta nor the schema knows, and reports them per {@code fieldValidation}. */
    void pruneUnknown(RequestScope scope, ObjectNode obj, WriteOptions opts, List<String> warnings) {
        List<String> unknown = new ArrayList<>();
        MetadataValidator.prune(obj, unknown);
        g.schemas.prune(obj, scope.version().schema(), unknown);
        handleUnknownFields(scope, unknown, opts, warnings);
    }

    /**
     * Checks {@code apiVersion}/{@code kind} against the URL. A builtin kind without them gets them from the URL, as
     * kube-apiserver's typed decoding defaults them ({@code gvkWithDefaults}); a custom resource is decoded as
     * unstructured there, which requires {@code kind} ("Object 'Kind' is missing") and, without {@code apiVersion},
     * fails the group-version check with an empty version.
     */
    void checkTypeMeta(RequestScope scope, ObjectNode obj) {
        String kind = obj.path("kind").asText("");
        String apiVersion = obj.path("apiVersion").asText("");
        String kindName = scope.resource().kind();
        if (scope.resource().origin() == ResourceDef.Origin.BUILTIN) {
            if (kind.isEmpty()) {
                kind = kindName;
                obj.put("kind", kind);
            }
            if (apiVersion.isEmpty()) {
                apiVersion = scope.served().apiVersion();
                obj.put("apiVersion", apiVersion);
            }
        }
        if (kind.isEmpty()) {
            throw StatusException.badRequest("Object 'Kind' is missing in '" + abbreviate(obj.toString()) + "'");
        }
        if (!apiVersion.equals(scope.served().apiVersion())) {
            throw StatusException.badRequest("the API version in the data (" + apiVersion + ") does not match the expected API version ("
                    + scope.served().apiVersion() + ")");
        }
        if (!kind.equals(kindName)) {
            throw StatusException.badRequest("the kind in the data (" + kind + ") does not match the expected kind (" + kindName + ")");
        }
        JsonNode meta = obj.get("metadata");
        if (meta != null && !meta.isObject() && !meta.isNull()) {
            throw StatusException.badRequest(kindName + " in version \"" + scope.version().name() + "\" cannot be handled as a " + kindName
                    + ": metadata must be an object");
        }
        if (meta == null || meta.isNull()) {
            obj.putObject("metadata");
        }
        List<Cause> typeErrors = new ArrayList<>();
        MetadataValidator.checkTypes((ObjectNode) obj.get("metadata"), typeErrors);
        if (!typeErrors.isEmpty()) {
            Cause c = typeErrors.getFirst();
            throw StatusException.badRequest(kindName + " in version \"" + scope.version().name() + "\" cannot be handled as a " + kindName
                    + ": " + c.field() + ": " + c.message());
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static void handleUnknownFields(RequestScope scope, List<String> unknown, WriteOptions opts, List<String> warnings) {
        if (unknown.isEmpty()) {
            return;
        }
        switch (opts.fieldValidation()) {
            case STRICT -> {
                StringBuilder b = new StringBuilder();
                for (String u : unknown) {
                    b.append(b.isEmpty() ? "" : ", ").append("unknown field \"").append(u).append('"');
                }
                String kind = scope.resource().kind();
                throw StatusException.badRequest(kind + " in version \"" + scope.version().name() + "\" cannot be handled as a " + kind
                        + ": strict decoding error: " + b);
            }
            case WARN -> unknown.forEach(u -> warnings.add("unknown field \"" + u + "\""));
            case IGNORE -> {
            }
        }
    }
}
