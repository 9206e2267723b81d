package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /openapi/v3}: an index of group-versions and one OpenAPI 3.0 document per group-version, built from
 * the CRD schemas. kubectl reads it to decide that the server validates fields itself ({@code fieldValidation}
 * on the PATCH operations, so {@code kubectl apply/create} need no {@code --validate=false}), which patch type
 * to send (strategic merge only where the PATCH operation lists it: the builtin kinds), and for {@code explain}.
 * {@code /openapi/v2} is not served (404): kubectl falls back to what it has built in.
 */
public final class OpenApiV3 {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    /** A rendered document and its hash (the index URLs carry it, so clients may cache by URL). */
    public record Document(byte[] json, String hash) {
    }

    private final Map<String, Document> documents = new LinkedHashMap<>();
    private final byte[] index;

    public OpenApiV3(ResourceRegistry registry) {
        Map<String, List<ResourceRegistry.Served>> byGv = new LinkedHashMap<>();
        for (ResourceDef r : registry.resources()) {
            for (ResourceVersionDef v : r.versions()) {
                String gv = r.group().isEmpty() ? "api/" + v.name() : "apis/" + r.group() + "/" + v.name();
                byGv.computeIfAbsent(gv, k -> new java.util.ArrayList<>()).add(new ResourceRegistry.Served(r, v));
            }
        }
        ObjectNode idx = F.objectNode();
        ObjectNode paths = idx.putObject("paths");
        byGv.forEach((gv, served) -> {
            byte[] json = bytes(document(served));
            String hash = sha512(json);
            documents.put(gv, new Document(json, hash));
            paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + hash);
        });
        index = bytes(idx);
    }

    public byte[] index() {
        return index;
    }

    /** The document of {@code api/v1} or {@code apis/<group>/<version>}. */
    public Optional<Document> document(String groupVersionPath) {
        return Optional.ofNullable(documents.get(groupVersionPath));
    }

    private static ObjectNode document(List<ResourceRegistry.Served> served) {
        ObjectNode doc = F.objectNode();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kubernetes");
        info.put("version", "v" + Discovery.KUBE_MAJOR + "." + Discovery.KUBE_MINOR + ".0");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        addMetaSchemas(schemas);
        for (ResourceRegistry.Served s : served) {
            ResourceDef r = s.resource();
            String v = s.version().name();
            String schemaName = schemaName(r, v);
            schemas.set(schemaName, kindSchema(r, s.version()));
            schemas.set(schemaName + "List", listSchema(r, v, schemaName));
            String base = (r.group().isEmpty() ? "/api/" + v : "/apis/" + r.group() + "/" + v)
                    + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural();
            boolean readOnly = r.origin() == ResourceDef.Origin.READ_ONLY;
            ObjectNode collection = paths.putObject(base);
            collection.set("get", operation(r, v, "list", schemaName + "List", false));
            if (!readOnly) {
                collection.set("post", operation(r, v, "create", schemaName, true));
                collection.set("delete", operation(r, v, "deletecollection", "Status", false));
            }
            addNamespaceParam(collection, r);
            ObjectNode item = paths.putObject(base + "/{name}");
            item.set("get", operation(r, v, "read", schemaName, false));
            if (!readOnly) {
                item.set("put", operation(r, v, "replace", schemaName, true));
                item.set("patch", patchOperation(r, v, schemaName, "patch"));
                item.set("delete", operation(r, v, "delete", "Status", false));
            }
            addPathParams(item, r);
            if (r.statusSubresource()) {
                ObjectNode status = paths.putObject(base + "/{name}/status");
                status.set("get", operation(r, v, "readStatus", schemaName, false));
                status.set("put", operation(r, v, "replaceStatus", schemaName, true));
                status.set("patch", patchOperation(r, v, schemaName, "patchStatus"));
                addPathParams(status, r);
            }
        }
        return doc;
    }

    static String schemaName(ResourceDef r, String version) {
        if (r.group().isEmpty()) {
            return "io.k8s.api.core." + version + "." + r.kind();
        }
        List<String> parts = new java.util.ArrayList<>(List.of(r.group().split("\\.")));
        java.util.Collections.reverse(parts);
        return String.join(".", parts) + "." + version + "." + r.kind();
    }

    private static ObjectNode kindSchema(ResourceDef r, ResourceVersionDef v) {
        ObjectNode s = v.schema() == null ? F.objectNode() : (ObjectNode) v.schema().deepCopy();
        s.put("type", "object");
        ObjectNode props = s.withObject("properties");
        props.set("apiVersion", stringProp("APIVersion defines the versioned schema of this representation of an object."));
        props.set("kind", stringProp("Kind is a string value representing the REST resource this object represents."));
        ObjectNode meta = F.objectNode();
        meta.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + META + "ObjectMeta");
        meta.put("description", "Standard object's metadata.");
        props.set("metadata", meta);
        s.set("properties", reorder(props));
        gvkExtension(s, r, v.name(), r.kind());
        return s;
    }

    private static ObjectNode reorder(ObjectNode props) {
        ObjectNode out = F.objectNode();
        for (String k : List.of("apiVersion", "kind", "metadata")) {
            out.set(k, props.get(k));
        }
        props.properties().forEach(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private static ObjectNode listSchema(ResourceDef r, String v, String itemSchema) {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        s.put("description", r.kind() + "List is a list of " + r.kind());
        s.putArray("required").add("items");
        ObjectNode props = s.putObject("properties");
        props.set("apiVersion", stringProp("APIVersion defines the versioned schema of this representation of an object."));
        ObjectNode items = props.putObject("items");
        items.put("type", "array");
        items.putObject("items").putArray("allOf").addObject().put("$ref", "#/components/schemas/" + itemSchema);
        props.set("kind", stringProp("Kind is a string value representing the REST resource this object represents."));
        ObjectNode meta = props.putObject("metadata");
        meta.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + META + "ListMeta");
        gvkExtension(s, r, v, r.listKind());
        return s;
    }

    private static void gvkExtension(ObjectNode s, ResourceDef r, String v, String kind) {
        ObjectNode gvk = s.putArray("x-kubernetes-group-version-kind").addObject();
        gvk.put("group", r.group());
        gvk.put("kind", kind);
        gvk.put("version", v);
    }

    private static ObjectNode operation(ResourceDef r, String v, String action, String responseSchema, boolean withBody) {
        ObjectNode op = F.objectNode();
        op.put("operationId", action + r.kind());
        op.put("x-kubernetes-action", switch (action) {
            case "read", "readStatus" -> "get";
            case "replace", "replaceStatus" -> "put";
            case "create" -> "post";
            default -> action;
        });
        ObjectNode gvk = op.putObject("x-kubernetes-group-version-kind");
        gvk.put("group", r.group());
        gvk.put("version", v);
        gvk.put("kind", r.kind());
        ArrayNode params = op.putArray("parameters");
        if (withBody) {
            params.add(queryParam("dryRun"));
            params.add(queryParam("fieldManager"));
            params.add(queryParam("fieldValidation"));
            ObjectNode body = op.putObject("requestBody").putObject("content");
            body.putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/" + responseSchema);
            op.withObject("requestBody").put("required", true);
        }
        op.set("responses", responses(responseSchema));
        return op;
    }

    private static ObjectNode patchOperation(ResourceDef r, String v, String schemaName, String action) {
        ObjectNode op = F.objectNode();
        op.put("operationId", action + r.kind());
        op.put("x-kubernetes-action", "patch");
        ObjectNode gvk = op.putObject("x-kubernetes-group-version-kind");
        gvk.put("group", r.group());
        gvk.put("version", v);
        gvk.put("kind", r.kind());
        ArrayNode params = op.putArray("parameters");
        for (String p : List.of("dryRun", "fieldManager", "fieldValidation", "force")) {
            params.add(queryParam(p));
        }
        ObjectNode content = op.putObject("requestBody").putObject("content");
        for (PatchType t : PatchType.acceptedBy(r)) {
            content.putObject(t.mediaType()).putObject("schema").put("$ref", "#/components/schemas/" + META + "Patch");
        }
        op.withObject("requestBody").put("required", true);
        op.set("responses", responses(schemaName));
        return op;
    }

    private static ObjectNode responses(String schema) {
        ObjectNode rs = F.objectNode();
        ObjectNode ok = rs.putObject("200");
        ok.put("description", "OK");
        String ref = schema.equals("Status") ? META + "Status" : schema;
        ok.putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/" + ref);
        rs.putObject("401").put("description", "Unauthorized");
        return rs;
    }

    private static ObjectNode queryParam(String name) {
        ObjectNode p = F.objectNode();
        p.put("name", name);
        p.put("in", "query");
        p.put("uniqueItems", true);
        p.putObject("schema").put("type", name.equals("force") ? "boolean" : "string");
        return p;
    }

    private static void addNamespaceParam(ObjectNode path, ResourceDef r) {
        ArrayNode params = path.putArray("parameters");
        if (r.namespaced()) {
            params.add(pathParam("namespace"));
        }
    }

    private static void addPathParams(ObjectNode path, ResourceDef r) {
        ArrayNode params = path.putArray("parameters");
        params.add(pathParam("name"));
        if (r.namespaced()) {
            params.add(pathParam("namespace"));
        }
    }

    private static ObjectNode pathParam(String name) {
        ObjectNode p = F.objectNode();
        p.put("name", name);
        p.put("in", "path");
        p.put("required", true);
        p.put("uniqueItems", true);
        p.putObject("schema").put("type", "string");
        return p;
    }

    private static ObjectNode stringProp(String description) {
        ObjectNode p = F.objectNode();
        p.put("type", "string");
        p.put("description", description);
        return p;
    }

    private static void addMetaSchemas(ObjectNode schemas) {
        ObjectNode om = schemas.putObject(META + "ObjectMeta");
        om.put("type", "object");
        om.put("description", "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.");
        ObjectNode p = om.putObject("properties");
        for (String s : List.of("name", "generateName", "namespace", "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp")) {
            p.putObject(s).put("type", "string");
        }
        p.putObject("generation").put("type", "integer");
        p.putObject("deletionGracePeriodSeconds").put("type", "integer");
        p.putObject("labels").put("type", "object").putObject("additionalProperties").put("type", "string");
        p.putObject("annotations").put("type", "object").putObject("additionalProperties").put("type", "string");
        ObjectNode fin = p.putObject("finalizers");
        fin.put("type", "array");
        fin.putObject("items").put("type", "string");
        fin.put("x-kubernetes-list-type", "set");
        fin.put("x-kubernetes-patch-strategy", "merge");
        ObjectNode owners = p.putObject("ownerReferences");
        owners.put("type", "array");
        owners.put("x-kubernetes-patch-merge-key", "uid");
        owners.put("x-kubernetes-patch-strategy", "merge");
        ObjectNode oref = owners.putObject("items");
        oref.put("type", "object");
        ObjectNode op = oref.putObject("properties");
        for (String s : List.of("apiVersion", "kind", "name", "uid")) {
            op.putObject(s).put("type", "string");
        }
        op.putObject("controller").put("type", "boolean");
        op.putObject("blockOwnerDeletion").put("type", "boolean");
        oref.putArray("required").add("apiVersion").add("kind").add("name").add("uid");
        ObjectNode mf = p.putObject("managedFields");
        mf.put("type", "array");
        mf.putObject("items").put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        ObjectNode lm = schemas.putObject(META + "ListMeta");
        lm.put("type", "object");
        ObjectNode lp = lm.putObject("properties");
        lp.putObject("resourceVersion").put("type", "string");
        lp.putObject("continue").put("type", "string");
        lp.putObject("remainingItemCount").put("type", "integer");
        ObjectNode status = schemas.putObject(META + "Status");
        status.put("type", "object");
        ObjectNode sp = status.putObject("properties");
        for (String s : List.of("apiVersion", "kind", "status", "message", "reason")) {
            sp.putObject(s).put("type", "string");
        }
        sp.putObject("code").put("type", "integer");
        sp.putObject("details").put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        ObjectNode gvk = status.putArray("x-kubernetes-group-version-kind").addObject();
        gvk.put("group", "");
        gvk.put("kind", "Status");
        gvk.put("version", "v1");
        schemas.putObject(META + "Patch").put("type", "object").put("description", "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.");
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return BodyCodec.JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rendering the OpenAPI document", e);
        }
    }

    private static String sha512(byte[] data) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is missing from this JDK", e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
