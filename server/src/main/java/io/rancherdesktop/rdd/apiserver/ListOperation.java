package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.store.ObjectKey;
import io.rancherdesktop.rdd.store.ObjectStore;
import io.rancherdesktop.rdd.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The list verb: selectors (label and field, with a kind's selectable fields), pagination ({@code limit}, {@code continue}). */
final class ListOperation {
    private final GenericStore g;
    private final Map<String, Map<String, CrdJsonPath>> selectableFields = new ConcurrentHashMap<>();

    ListOperation(GenericStore g) {
        this.g = g;
    }

    ResourceOperations.ListResult list(RequestScope scope, ResourceOperations.ListOptions opts) {
        Map<String, CrdJsonPath> fieldPaths = fieldPaths(scope);
        opts.fields().checkSupported(fieldPaths.keySet());
        ObjectKey after = opts.continueToken() == null || opts.continueToken().isEmpty() ? null : decodeContinue(opts.continueToken());
        long revision;
        List<StoredObject> all;
        if (scope.resource().origin() == ResourceDef.Origin.READ_ONLY) {
            all = g.crds();
            revision = g.store.revision();
            if (after != null) {
                ObjectKey a = after;
                all = all.stream().filter(o -> o.key().compareTo(a) > 0).toList();
            }
        } else {
            // Narrow by name first when the field selector pins it: a single-object watch/list costs O(1).
            String pinnedName = opts.fields().requiredValue("metadata.name");
            boolean pinned = pinnedName != null && !pinnedName.isEmpty() && after == null && (scope.namespace() != null || !scope.resource().namespaced());
            if (pinned) {
                revision = g.store.revision();
                all = g.store.get(scope.resource().storageKey(), GenericStore.key(scope, pinnedName)).map(List::of).orElse(List.of());
            } else {
                ObjectStore.Snapshot snap = g.store.list(scope.resource().storageKey(), scope.namespace(), after);
                revision = snap.revision();
                all = snap.items();
            }
        }
        List<StoredObject> page = new ArrayList<>();
        String next = null;
        long remaining = -1;
        for (int i = 0; i < all.size(); i++) {
            StoredObject so = all.get(i);
            if (!matches(so.object(), opts.labels(), opts.fields(), fieldPaths)) {
                continue;
            }
            if (opts.limit() > 0 && page.size() == opts.limit()) {
                next = encodeContinue(page.getLast().key(), revision);
                if (opts.labels().isEverything() && opts.fields().isEverything()) {
                    remaining = all.size() - i;
                }
                break;
            }
            page.add(so);
        }
        return new ResourceOperations.ListResult(revision, page, next, remaining);
    }

    /** The field-selector paths of a resource version: {@code metadata.name}, {@code metadata.namespace} and its selectable fields. */
    Map<String, CrdJsonPath> fieldPaths(RequestScope scope) {
        return selectableFields.computeIfAbsent(scope.resource().storageKey() + "/" + scope.version().name(), k -> {
            Map<String, CrdJsonPath> m = new java.util.LinkedHashMap<>();
            m.put("metadata.name", CrdJsonPath.parse(".metadata.name"));
            m.put("metadata.namespace", CrdJsonPath.parse(".metadata.namespace"));
            for (String f : scope.version().selectableFields()) {
                String name = f.startsWith(".") ? f.substring(1) : f;
                m.put(name, CrdJsonPath.parse(f.startsWith(".") ? f : "." + f));
            }
            return m;
        });
    }

    static boolean matches(JsonNode obj, LabelSelector labels, FieldSelector fields, Map<String, CrdJsonPath> fieldPaths) {
        if (!labels.isEverything() && !labels.matches(obj.path("metadata").path("labels"))) {
            return false;
        }
        for (FieldSelector.Term t : fields.terms()) {
            CrdJsonPath p = fieldPaths.get(t.field());
            JsonNode v = p == null ? null : p.first(obj);
            String s = v == null || v.isNull() ? "" : v.asText();
            if (t.equals() != s.equals(t.value())) {
                return false;
            }
        }
        return true;
    }

    private static String encodeContinue(ObjectKey last, long revision) {
        String raw = revision + "\n" + last.namespace() + "\n" + last.name();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectKey decodeContinue(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\n", 3);
            Long.parseLong(parts[0]);
            return new ObjectKey(parts[1], parts[2]);
        } catch (RuntimeException e) {
            throw StatusException.badRequest("continue key is not valid: " + token);
        }
    }
}
