package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code metadata.managedFields}, coarsely: field sets in the {@code FieldsV1} format ({@code {"f:spec":{"f:x":{}}}})
 * where objects are descended into and every list is atomic (one leaf). Update operations record the fields
 * they changed under their manager and take them over from other managers; server-side apply records the
 * fields of the applied configuration and detects conflicts against other owners.
 */
final class ManagedFields {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Fields no manager owns. */
    private static final Set<String> UNOWNED_ROOT = Set.of("apiVersion", "kind");
    private static final Set<String> OWNED_METADATA = Set.of("labels", "annotations", "finalizers", "ownerReferences");

    private ManagedFields() {
    }

    /** A leaf path of a field set, e.g. {@code [spec, state]}. */
    record FieldPath(List<String> names) {
        String display() {
            StringBuilder b = new StringBuilder();
            names.forEach(n -> b.append('.').append(n));
            return b.toString();
        }

        JsonNode valueIn(JsonNode obj) {
            JsonNode cur = obj;
            for (String n : names) {
                cur = cur == null ? null : cur.get(n);
            }
            return cur;
        }
    }

    /** The field set of a whole (partial) object, as applied. */
    static ObjectNode fieldSetOf(JsonNode obj) {
        ObjectNode set = F.objectNode();
        obj.properties().forEach(e -> {
            String k = e.getKey();
            if (UNOWNED_ROOT.contains(k)) {
                return;
            }
            if (k.equals("metadata")) {
                ObjectNode m = F.objectNode();
                e.getValue().properties().forEach(me -> {
                    if (OWNED_METADATA.contains(me.getKey())) {
                        m.set("f:" + me.getKey(), leafOrNested(me.getValue()));
                    }
                });
                if (!m.isEmpty()) {
                    set.set("f:metadata", m);
                }
                return;
            }
            set.set("f:" + k, leafOrNested(e.getValue()));
        });
        return set;
    }

    private static ObjectNode leafOrNested(JsonNode v) {
        ObjectNode n = F.objectNode();
        if (v.isObject() && !v.isEmpty()) {
            v.properties().forEach(e -> n.set("f:" + e.getKey(), leafOrNested(e.getValue())));
        }
        return n;
    }

    /** The leaf fields whose values differ between {@code before} and {@code after} (added, changed or removed). */
    static ObjectNode changedFields(JsonNode before, JsonNode after) {
        ObjectNode set = F.objectNode();
        diff(before, after, set, true, false);
        return set;
    }

    private static void diff(JsonNode a, JsonNode b, ObjectNode set, boolean root, boolean inMetadata) {
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        if (a != null && a.isObject()) {
            a.fieldNames().forEachRemaining(keys::add);
        }
        if (b != null && b.isObject()) {
            b.fieldNames().forEachRemaining(keys::add);
        }
        for (String k : keys) {
            if (root && UNOWNED_ROOT.contains(k)) {
                continue;
            }
            if (inMetadata && !OWNED_METADATA.contains(k)) {
                continue;
            }
            JsonNode av = a == null ? null : a.get(k);
            JsonNode bv = b == null ? null : b.get(k);
            if (av != null && av.equals(bv)) {
                continue;
            }
            if (root && k.equals("metadata")) {
                ObjectNode m = F.objectNode();
                diff(av, bv, m, false, true);
                if (!m.isEmpty()) {
                    set.set("f:metadata", m);
                }
                continue;
            }
            if (av != null && bv != null && av.isObject() && bv.isObject()) {
                ObjectNode child = F.objectNode();
                diff(av, bv, child, false, false);
                if (!child.isEmpty()) {
                    set.set("f:" + k, child);
                }
            } else if (bv != null) {
                set.set("f:" + k, leafOrNested(bv));
            } else {
                set.set("f:" + k, F.objectNode());
            }
        }
    }

    /** Every leaf path of a field set. */
    static List<FieldPath> leaves(JsonNode set) {
        List<FieldPath> out = new ArrayList<>();
        collect(set, new ArrayList<>(), out);
        return out;
    }

    private static void collect(JsonNode set, List<String> prefix, List<FieldPath> out) {
        set.properties().forEach(e -> {
            if (!e.getKey().startsWith("f:")) {
                return;
            }
            List<String> p = new ArrayList<>(prefix);
            p.add(e.getKey().substring(2));
            if (e.getValue().isEmpty()) {
                out.add(new FieldPath(List.copyOf(p)));
            } else {
                collect(e.getValue(), p, out);
            }
        });
    }

    /** Whether {@code set} owns {@code path} itself, an ancestor of it (an atomic value) or a descendant. */
    static boolean overlaps(JsonNode set, FieldPath path) {
        JsonNode cur = set;
        for (String n : path.names()) {
            JsonNode next = cur.get("f:" + n);
            if (next == null) {
                return false;
            }
            if (next.isEmpty()) {
                return true;
            }
            cur = next;
        }
        return true;
    }

    /** Removes {@code path} (and everything under it) from {@code set}, pruning emptied parents. */
    static void remove(ObjectNode set, FieldPath path) {
        removeAt(set, path.names(), 0);
    }

    private static boolean removeAt(ObjectNode node, List<String> names, int i) {
        String key = "f:" + names.get(i);
        JsonNode child = node.get(key);
        if (child == null) {
            return false;
        }
        if (i == names.size() - 1) {
            node.remove(key);
            return true;
        }
        if (child.isEmpty()) {
            return false; // an atomic ancestor: the owner keeps the whole value
        }
        boolean removed = removeAt((ObjectNode) child, names, i + 1);
        if (removed && child.isEmpty()) {
            node.remove(key);
        }
        return removed;
    }

    /** Adds every leaf of {@code add} to {@code into}. */
    static void union(ObjectNode into, JsonNode add) {
        add.properties().forEach(e -> {
            JsonNode existing = into.get(e.getKey());
            if (existing == null) {
                into.set(e.getKey(), e.getValue().deepCopy());
            } else if (!existing.isEmpty() && !e.getValue().isEmpty()) {
                union((ObjectNode) existing, e.getValue());
            } else if (!existing.isEmpty()) {
                into.set(e.getKey(), F.objectNode()); // the whole value is now one leaf
            }
        });
    }

    static ObjectNode entry(String manager, String operation, String apiVersion, String subresource, Instant now, ObjectNode fields) {
        ObjectNode e = F.objectNode();
        e.put("manager", manager);
        e.put("operation", operation);
        e.put("apiVersion", apiVersion);
        e.put("time", Timestamps.format(now));
        e.put("fieldsType", "FieldsV1");
        e.set("fieldsV1", fields);
        if (!subresource.isEmpty()) {
            e.put("subresource", subresource);
        }
        return e;
    }

    static boolean sameOwner(JsonNode entry, String manager, String operation, String subresource) {
        return entry.path("manager").asText("").equals(manager) && entry.path("operation").asText("").equals(operation)
                && entry.path("subresource").asText("").equals(subresource);
    }

    /**
     * Records an Update by {@code manager}: the fields that changed from {@code before} to {@code after} join
     * the manager's set and leave every other manager's set. Sets {@code after.metadata.managedFields}.
     */
    static void recordUpdate(ObjectNode before, ObjectNode after, String manager, String apiVersion, String subresource, Instant now) {
        ObjectNode changed = changedFields(before, after);
        ArrayNode entries = before == null ? F.arrayNode() : copyEntries(before);
        if (changed.isEmpty()) {
            if (entries.isEmpty()) {
                after.withObject("metadata").remove("managedFields");
            } else {
                after.withObject("metadata").set("managedFields", entries);
            }
            return;
        }
        List<FieldPath> changedLeaves = leaves(changed);
        ObjectNode mine = null;
        for (Iterator<JsonNode> it = entries.iterator(); it.hasNext(); ) {
            ObjectNode e = (ObjectNode) it.next();
            if (sameOwner(e, manager, "Update", subresource)) {
                mine = e;
                continue;
            }
            ObjectNode fields = e.withObject("fieldsV1");
            changedLeaves.forEach(p -> remove(fields, p));
            if (fields.isEmpty()) {
                it.remove();
            }
        }
        if (mine == null) {
            mine = entry(manager, "Update", apiVersion, subresource, now, F.objectNode());
            entries.add(mine);
        }
        union(mine.withObject("fieldsV1"), changed);
        mine.put("time", Timestamps.format(now));
        mine.put("apiVersion", apiVersion);
        after.withObject("metadata").set("managedFields", entries);
    }

    static ArrayNode copyEntries(ObjectNode obj) {
        JsonNode mf = obj.path("metadata").path("managedFields");
        return mf.isArray() ? ((ArrayNode) mf).deepCopy() : F.arrayNode();
    }

    /** One field owned by another manager whose value an apply would change. */
    record Conflict(String manager, FieldPath path) {
    }

    /**
     * Server-side apply of {@code config} by {@code manager} onto {@code current} (changed in place): conflict
     * check (unless {@code force}, which takes the fields over), removal of fields the manager applied before but
     * no longer applies (when nobody else owns them), merge of the configuration (objects merge, lists and
     * scalars replace), and the manager's Apply entry.
     *
     * @return the conflicts; when non-empty (and not forced) nothing was changed
     */
    static List<Conflict> apply(ObjectNode current, ObjectNode config, String manager, String apiVersion, String subresource,
                                boolean force, Instant now) {
        ObjectNode newSet = fieldSetOf(config);
        List<FieldPath> newLeaves = leaves(newSet);
        ArrayNode entries = copyEntries(current);
        List<Conflict> conflicts = new ArrayList<>();
        for (JsonNode e : entries) {
            if (sameOwner(e, manager, "Apply", subresource) || e.path("manager").asText("").equals(manager)) {
                continue;
            }
            for (FieldPath p : newLeaves) {
                if (overlaps(e.path("fieldsV1"), p)) {
                    JsonNode have = p.valueIn(current);
                    JsonNode want = p.valueIn(config);
                    if (have != null && !have.equals(want)) {
                        conflicts.add(new Conflict(e.path("manager").asText(), p));
                    }
                }
            }
        }
        if (!conflicts.isEmpty() && !force) {
            return conflicts;
        }
        ObjectNode oldSet = F.objectNode();
        for (JsonNode e : entries) {
            if (sameOwner(e, manager, "Apply", subresource)) {
                oldSet = (ObjectNode) e.path("fieldsV1");
            }
        }
        // Take over what the configuration sets (forced conflicts included).
        for (Iterator<JsonNode> it = entries.iterator(); it.hasNext(); ) {
            ObjectNode e = (ObjectNode) it.next();
            if (sameOwner(e, manager, "Apply", subresource)) {
                it.remove();
                continue;
            }
            if (e.path("manager").asText("").equals(manager)) {
                continue;
            }
            if (force) {
                ObjectNode fields = e.withObject("fieldsV1");
                for (Conflict c : conflicts) {
                    if (c.manager().equals(e.path("manager").asText())) {
                        remove(fields, c.path());
                    }
                }
                if (fields.isEmpty()) {
                    it.remove();
                }
            }
        }
        // Fields this manager applied before and dropped now go away, unless someone else also owns them.
        for (FieldPath p : leaves(oldSet)) {
            if (overlaps(newSet, p)) {
                continue;
            }
            boolean ownedElsewhere = false;
            for (JsonNode e : entries) {
                ownedElsewhere |= overlaps(e.path("fieldsV1"), p);
            }
            if (!ownedElsewhere) {
                removeValue(current, p);
            }
        }
        mergeApplied(current, config);
        entries.add(entry(manager, "Apply", apiVersion, subresource, now, newSet));
        current.withObject("metadata").set("managedFields", entries);
        return conflicts;
    }

    private static void removeValue(ObjectNode obj, FieldPath p) {
        JsonNode cur = obj;
        for (int i = 0; i < p.names().size() - 1; i++) {
            cur = cur.get(p.names().get(i));
            if (cur == null || !cur.isObject()) {
                return;
            }
        }
        ((ObjectNode) cur).remove(p.names().getLast());
    }

    private static void mergeApplied(ObjectNode target, JsonNode config) {
        for (Map.Entry<String, JsonNode> e : config.properties()) {
            JsonNode existing = target.get(e.getKey());
            if (e.getValue().isObject() && existing instanceof ObjectNode o) {
                mergeApplied(o, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
