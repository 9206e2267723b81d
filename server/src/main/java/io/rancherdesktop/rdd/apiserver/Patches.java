package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JSON merge patch (RFC 7386), JSON patch (RFC 6902) and the part of strategic merge patch kubectl sends to builtin kinds. */
public final class Patches {
    private Patches() {
    }

    // ------------------------------------------------------------------------------------------ RFC 7386

    /** Applies a JSON merge patch; returns the result (a new node when the target is replaced). */
    public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    // ------------------------------------------------------------------------------------------ RFC 6902

    /** A JSON patch that cannot be applied (a missing path, a failed {@code test}); kube answers 422. */
    public static final class PatchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PatchFailure(String message) {
            super(message);
        }
    }

    /**
     * Applies a JSON patch to {@code target} (changed in place where possible) and returns the result.
     *
     * @throws ApiException   400 when the patch document is malformed
     * @throws PatchFailure   when an operation cannot be applied
     */
    public static JsonNode jsonPatch(JsonNode target, JsonNode patch) {
        if (!patch.isArray()) {
            throw ApiException.badRequest("json: cannot unmarshal " + StructuralSchema.typeName(patch) + " into Go value of type jsonpatch.Patch");
        }
        JsonNode doc = target;
        for (JsonNode op : patch) {
            if (!op.isObject()) {
                throw ApiException.badRequest("json: cannot unmarshal " + StructuralSchema.typeName(op) + " into Go value of type jsonpatch.Operation");
            }
            String kind = op.path("op").asText("");
            String path = requiredPath(op, "path");
            switch (kind) {
                case "add" -> doc = add(doc, pointer(path), value(op));
                case "remove" -> doc = remove(doc, pointer(path), path);
                case "replace" -> {
                    doc = remove(doc, pointer(path), path);
                    doc = add(doc, pointer(path), value(op));
                }
                case "move" -> {
                    String from = requiredPath(op, "from");
                    JsonNode v = get(doc, pointer(from), from);
                    doc = remove(doc, pointer(from), from);
                    doc = add(doc, pointer(path), v);
                }
                case "copy" -> {
                    String from = requiredPath(op, "from");
                    doc = add(doc, pointer(path), get(doc, pointer(from), from).deepCopy());
                }
                case "test" -> {
                    JsonNode actual = get(doc, pointer(path), path);
                    if (!actual.equals(value(op))) {
                        throw new PatchFailure("testing value " + path + " failed: test failed");
                    }
                }
                default -> throw ApiException.badRequest("Unexpected kind: " + kind);
            }
        }
        return doc;
    }

    private static String requiredPath(JsonNode op, String field) {
        JsonNode p = op.get(field);
        if (p == null || !p.isTextual()) {
            throw ApiException.badRequest("missing '" + field + "' in a json patch operation");
        }
        return p.asText();
    }

    private static JsonNode value(JsonNode op) {
        JsonNode v = op.get("value");
        if (v == null) {
            throw ApiException.badRequest("missing value in a json patch operation");
        }
        return v.deepCopy();
    }

    static List<String> pointer(String path) {
        if (path.isEmpty()) {
            return List.of();
        }
        if (!path.startsWith("/")) {
            throw ApiException.badRequest("JSON pointer must be empty or start with a \"/\": " + path);
        }
        List<String> out = new ArrayList<>();
        for (String t : path.substring(1).split("/", -1)) {
            out.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static JsonNode get(JsonNode doc, List<String> ptr, String path) {
        JsonNode cur = doc;
        for (String t : ptr) {
            cur = child(cur, t, path);
        }
        return cur;
    }

    private static JsonNode child(JsonNode n, String token, String path) {
        JsonNode c = null;
        if (n.isObject()) {
            c = n.get(token);
        } else if (n.isArray()) {
            int i = index(token, n.size() - 1, path);
            c = n.get(i);
        }
        if (c == null) {
            throw new PatchFailure("doc is missing path: \"" + path + "\": missing value");
        }
        return c;
    }

    private static JsonNode add(JsonNode doc, List<String> ptr, JsonNode value) {
        if (ptr.isEmpty()) {
            return value;
        }
        String pathText = "/" + String.join("/", ptr);
        JsonNode parent = get(doc, ptr.subList(0, ptr.size() - 1), pathText);
        String last = ptr.getLast();
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            if (last.equals("-")) {
                a.add(value);
            } else {
                a.insert(index(last, a.size(), pathText), value);
            }
        } else {
            throw new PatchFailure("doc is missing path: \"" + pathText + "\": missing value");
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, List<String> ptr, String path) {
        if (ptr.isEmpty()) {
            throw new PatchFailure("unable to remove the root of the document");
        }
        JsonNode parent = get(doc, ptr.subList(0, ptr.size() - 1), path);
        String last = ptr.getLast();
        if (parent instanceof ObjectNode o) {
            if (o.remove(last) == null) {
                throw new PatchFailure("Unable to remove nonexistent key: " + last + ": missing value");
            }
        } else if (parent instanceof ArrayNode a) {
            a.remove(index(last, a.size() - 1, path));
        } else {
            throw new PatchFailure("doc is missing path: \"" + path + "\": missing value");
        }
        return doc;
    }

    private static int index(String token, int max, String path) {
        try {
            int i = Integer.parseInt(token);
            if (i < 0 || i > max) {
                throw new PatchFailure("Unable to access invalid index: " + i + ": invalid index referenced (" + path + ")");
            }
            return i;
        } catch (NumberFormatException e) {
            throw new PatchFailure("Unable to access invalid index: " + token + " (" + path + ")");
        }
    }

    // ------------------------------------------------------------------------------- strategic merge patch

    /**
     * Strategic merge patch for the builtin kinds this server serves (ConfigMap, Namespace, Event): a merge
     * patch, except that the lists ObjectMeta declares with the {@code merge} strategy merge
     * ({@code metadata.finalizers} as a set, {@code metadata.ownerReferences} keyed by {@code uid}), and the
     * directives {@code $patch} ({@code replace}/{@code delete}), {@code $retainKeys},
     * {@code $deleteFromPrimitiveList/<field>} and {@code $setElementOrder/<field>} are honoured.
     */
    public static JsonNode strategicMergePatch(JsonNode target, JsonNode patch) {
        return smp(target, patch, "");
    }

    private static JsonNode smp(JsonNode target, JsonNode patch, String path) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode p = (ObjectNode) patch;
        String directive = p.path("$patch").asText("");
        if (directive.equals("replace")) {
            ObjectNode copy = p.deepCopy();
            copy.remove("$patch");
            return copy;
        }
        if (directive.equals("delete")) {
            return null;
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target : JsonNodeFactory.instance.objectNode();
        if (p.get("$retainKeys") instanceof ArrayNode retain) {
            Set<String> keep = new LinkedHashSet<>();
            retain.forEach(k -> keep.add(k.asText()));
            result.properties().removeIf(e -> !keep.contains(e.getKey()));
        }
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            String key = e.getKey();
            if (key.startsWith("$deleteFromPrimitiveList/")) {
                String field = key.substring("$deleteFromPrimitiveList/".length());
                if (result.get(field) instanceof ArrayNode list) {
                    Set<JsonNode> drop = new java.util.HashSet<>();
                    e.getValue().forEach(drop::add);
                    Iterator<JsonNode> it = list.iterator();
                    while (it.hasNext()) {
                        if (drop.contains(it.next())) {
                            it.remove();
                        }
                    }
                }
                continue;
            }
            if (key.startsWith("$")) {
                continue; // $setElementOrder and $retainKeys only order or restrict; handled above or irrelevant here
            }
            String childPath = path.isEmpty() ? key : path + "." + key;
            JsonNode v = e.getValue();
            if (v.isNull()) {
                result.remove(key);
            } else if (v.isArray() && childPath.equals("metadata.finalizers")) {
                result.set(key, mergePrimitiveList(result.get(key), (ArrayNode) v));
            } else if (v.isArray() && childPath.equals("metadata.ownerReferences")) {
                result.set(key, mergeKeyedList(result.get(key), (ArrayNode) v, "uid"));
            } else if (v.isObject()) {
                JsonNode merged = smp(result.get(key), v, childPath);
                if (merged == null) {
                    result.remove(key);
                } else {
                    result.set(key, merged);
                }
            } else {
                result.set(key, v.deepCopy());
            }
        }
        return result;
    }

    private static ArrayNode mergePrimitiveList(JsonNode current, ArrayNode patch) {
        ArrayNode out = current instanceof ArrayNode a ? a.deepCopy() : JsonNodeFactory.instance.arrayNode();
        Set<JsonNode> present = new java.util.HashSet<>();
        out.forEach(present::add);
        for (JsonNode v : patch) {
            if (present.add(v)) {
                out.add(v.deepCopy());
            }
        }
        return out;
    }

    private static ArrayNode mergeKeyedList(JsonNode current, ArrayNode patch, String key) {
        ArrayNode out = current instanceof ArrayNode a ? a.deepCopy() : JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : patch) {
            String k = item.path(key).asText("");
            boolean delete = "delete".equals(item.path("$patch").asText(""));
            int found = -1;
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).path(key).asText("").equals(k)) {
                    found = i;
                    break;
                }
            }
            if (delete) {
                if (found >= 0) {
                    out.remove(found);
                }
            } else if (found >= 0) {
                out.set(found, mergePatch(out.get(found), item));
            } else {
                out.add(item.deepCopy());
            }
        }
        return out;
    }
}
