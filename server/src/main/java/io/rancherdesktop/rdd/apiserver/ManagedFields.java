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
 * where objects are descended into and every list is atomic (one leaf) except {@code metadata.finalizers}, a
 * set whose items are owned one by one ({@code "v:\"example.com/x\""}), as in kube: so several controllers
 * (and java-operator-sdk's server-side-applied finalizer) can each own their finalizer. Update operations record the fields
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
            names.forEach(n -> b.append(isSetItem(n) ? "[" + n.substring(2) + "]" : "." + n));
            return b.toString();
        }

        JsonNode valueIn(JsonNode obj) {
            JsonNode cur = obj;
            for (String n : names) {
                if (cur == null) {
                    return null;
                }
                if (isSetItem(n)) {
                    JsonNode item = setItem(n);
                    for (JsonNode e : cur) {
                        if (e.equals(item)) {
                            return e;
                        }
                    }
                    return null;
                }
                cur = cur.get(n);
            }
            return cur;
        }
    }

    /** A set item's name in a path: {@code v:<JSON of the value>}. */
    static boolean isSetItem(String name) {
        return name.startsWith("v:");
    }

    private static JsonNode setItem(String name) {
        try {
            return BodyCodec.JSON.readTree(name.substring(2));
        } catch (java.io.IOException e) {
            return F.textNode(name.substring(2));
        }
    }

    private static String setItemKey(JsonNode item) {
        return "v:" + item.toString();
    }

    /** The FieldsV1 key of a path element. */
    private static String key(String name) {
        return isSetItem(name) ? name : "f:" + name;
    }

    private static ObjectNode setNode(JsonNode list) {
        ObjectNode n = F.objectNode();
        list.forEach(item -> n.set(setItemKey(item), F.objectNode()));
        return n;
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
                    if (me.getKey().equals("finalizers")) {
                        if (me.getValue().isArray() && !me.getValue().isEmpty()) {
                            m.set("f:finalizers", setNode(me.getValue()));
                        }
                    } else if (OWNED_METADATA.contains(me.getKey())) {
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
            if (inMetadata && k.equals("finalizers")) {
                ObjectNode items = F.objectNode();
                java.util.Set<JsonNode> before = new java.util.HashSet<>();
                java.util.Set<JsonNode> after = new java.util.HashSet<>();
                if (av != null) {
                    av.forEach(before::add);
                }
                if (bv != null) {
                    bv.forEach(after::add);
                }
                for (JsonNode i : after) {
                    if (!before.contains(i)) {
                        items.set(setItemKey(i), F.objectNode());
                    }
                }
                for (JsonNode i : before) {
                    if (!after.contains(i)) {
                        items.set(setItemKey(i), F.objectNode());
                    }
                }
                if (!items.isEmpty()) {
                    set.set("f:finalizers", items);
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
            if (!e.getKey().startsWith("f:") && !isSetItem(e.getKey())) {
                return;
            }
            List<String> p = new ArrayList<>(prefix);
            p.add(isSetItem(e.getKey()) ? e.getKey() : e.getKey().substring(2));
            if (e.getValue().isEmpty()) {
                out.add(new FieldPath(List.copyOf(p)));
            } else {
                collect(e.getValue(), p, out);
            }
        });
    }

    /**
     * Whether {@code set} owns {@code path} itself or something under it. An empty node higher up (a scalar, an
     * atomic list, or an empty object as applied) owns that node only, not deeper paths: lists are never
     * descended into, so no deeper path can belong to an atomic value.
     */
    static boolean overlaps(JsonNode set, FieldPath path) {
        JsonNode cur = set;
        for (String n : path.names()) {
            JsonNode next = cur.get(key(n));
            if (next == null) {
                return false;
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
        String key = key(names.get(i));
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
                JsonNode want = p.valueIn(config);
                if (want != null && want.isObject()) {
                    continue; // an (empty) object is a container, not a value: its fields conflict, it does not
                }
                if (overlaps(e.path("fieldsV1"), p)) {
                    JsonNode have = p.valueIn(current);
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
            if (cur == null) {
                return;
            }
        }
        String last = p.names().getLast();
        if (isSetItem(last) && cur instanceof ArrayNode list) {
            JsonNode item = setItem(last);
            for (Iterator<JsonNode> it = list.iterator(); it.hasNext(); ) {
                if (it.next().equals(item)) {
                    it.remove();
                }
            }
        } else if (cur instanceof ObjectNode o) {
            o.remove(last);
        }
    }

    private static void mergeApplied(ObjectNode target, JsonNode config) {
        if (config.path("metadata").get("finalizers") instanceof ArrayNode applied) {
            // A set: the applied items join the others' items.
            ObjectNode cfg = config.deepCopy();
            ((ObjectNode) cfg.get("metadata")).remove("finalizers");
            ArrayNode merged = target.path("metadata").get("finalizers") instanceof ArrayNode cur ? cur.deepCopy() : F.arrayNode();
            java.util.Set<JsonNode> present = new java.util.HashSet<>();
            merged.forEach(present::add);
            applied.forEach(i -> {
                if (present.add(i)) {
                    merged.add(i);
                }
            });
            mergeObjects(target, cfg);
            if (!merged.isEmpty() || target.path("metadata").has("finalizers")) {
                target.withObject("metadata").set("finalizers", merged);
            }
            return;
        }
        mergeObjects(target, config);
    }

    private static void mergeObjects(ObjectNode target, JsonNode config) {
        for (Map.Entry<String, JsonNode> e : config.properties()) {
            JsonNode existing = target.get(e.getKey());
            if (e.getValue().isObject() && existing instanceof ObjectNode o) {
                mergeObjects(o, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
