package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JSON merge patch (RFC 7386), JSON patch (RFC 6902, applied by zjsonpatch) and the part of strategic merge patch kubectl sends to builtin kinds. */
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

    /** kube-apiserver fails a {@code remove} of a missing key; zjsonpatch's default is to ignore it. */
    private static final EnumSet<CompatibilityFlags> KUBE_FLAGS = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

    /**
     * Applies a JSON patch to {@code target} with zjsonpatch and returns the result.
     *
     * <p>The patch document is checked here first, because zjsonpatch throws the same exception for a malformed
     * patch as for one that cannot apply, while kube answers 400 for the first and 422 for the second. The
     * operations are then applied one at a time so that a failure names the operation's own path in kube's
     * words (zjsonpatch's exception carries the node it stopped at, not the operation's path).
     *
     * @throws StatusException   400 when the patch document is malformed
     * @throws PatchFailure   when an operation cannot be applied
     */
    public static JsonNode jsonPatch(JsonNode target, JsonNode patch) {
        if (!patch.isArray()) {
            throw StatusException.badRequest("json: cannot unmarshal " + StructuralSchema.typeName(patch) + " into Go value of type jsonpatch.Patch");
        }
        List<ObjectNode> ops = new ArrayList<>();
        for (JsonNode op : patch) {
            ops.add(checkedOperation(op));
        }
        JsonNode doc = target;
        for (ObjectNode op : ops) {
            try {
                doc = JsonPatch.apply(JsonNodeFactory.instance.arrayNode().add(op), doc, KUBE_FLAGS);
            } catch (JsonPatchException | IllegalStateException | IllegalArgumentException e) {
                // IllegalStateException: zjsonpatch's answer to a non-numeric index into an array, and to a zero-padded
                // one ("/list/01"), which kube reads as 1: the one measured difference, left as a 422
                throw new PatchFailure(failure(op, doc));
            }
        }
        return doc;
    }

    /** The operation with its pointers in the form zjsonpatch reads; a 400 when it is malformed. */
    private static ObjectNode checkedOperation(JsonNode op) {
        if (!op.isObject()) {
            throw StatusException.badRequest("json: cannot unmarshal " + StructuralSchema.typeName(op) + " into Go value of type jsonpatch.Operation");
        }
        String kind = op.path("op").asText("");
        ObjectNode checked = ((ObjectNode) op).deepCopy();
        checked.put("path", pointer(requiredPath(op, "path")));
        switch (kind) {
            case "add", "replace", "test" -> value(op);
            case "move", "copy" -> checked.put("from", pointer(requiredPath(op, "from")));
            case "remove" -> {
            }
            default -> throw StatusException.badRequest("Unexpected kind: " + kind);
        }
        return checked;
    }

    private static String requiredPath(JsonNode op, String field) {
        JsonNode p = op.get(field);
        if (p == null || !p.isTextual()) {
            throw StatusException.badRequest("missing '" + field + "' in a json patch operation");
        }
        return p.asText();
    }

    private static void value(JsonNode op) {
        if (op.get("value") == null) {
            throw StatusException.badRequest("missing value in a json patch operation");
        }
    }

    /**
     * A JSON pointer as zjsonpatch reads it. kube decodes only {@code ~1} and {@code ~0} and keeps any other
     * {@code ~} literally; zjsonpatch rejects such a pointer, so a lone {@code ~} is escaped as {@code ~0} first.
     */
    static String pointer(String path) {
        if (!path.isEmpty() && !path.startsWith("/")) {
            throw StatusException.badRequest("JSON pointer must be empty or start with a \"/\": " + path);
        }
        StringBuilder b = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            b.append(c);
            if (c == '~' && (i + 1 == path.length() || (path.charAt(i + 1) != '0' && path.charAt(i + 1) != '1'))) {
                b.append('0');
            }
        }
        return b.toString();
    }

    /** kube-apiserver's message for an operation that did not apply to {@code doc}. */
    private static String failure(ObjectNode op, JsonNode doc) {
        String kind = op.path("op").asText();
        String path = op.path("path").asText();
        boolean fromSource = kind.equals("move") || kind.equals("copy");
        String where = fromSource ? op.path("from").asText() : path;
        if (kind.equals("remove") && path.isEmpty()) {
            return "unable to remove the root of the document";
        }
        if (kind.equals("test") && !doc.at(path).isMissingNode()) {
            return "testing value " + path + " failed: test failed";
        }
        if (kind.equals("add") || (fromSource && !doc.at(where).isMissingNode())) {
            where = path; // the source is there: the destination is what failed
        }
        int slash = where.lastIndexOf('/');
        JsonNode parent = slash < 0 ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : doc.at(where.substring(0, slash));
        String token = slash < 0 ? "" : where.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent.isArray()) {
            return "Unable to access invalid index: " + token + ": invalid index referenced (" + where + ")";
        }
        if (parent.isObject() && (kind.equals("remove") || kind.equals("replace"))) {
            return "Unable to remove nonexistent key: " + token + ": missing value";
        }
        return "doc is missing path: \"" + where + "\": missing value";
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
