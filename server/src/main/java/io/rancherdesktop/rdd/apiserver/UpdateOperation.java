package io.rancherdesktop.rdd.apiserver;

import static io.rancherdesktop.rdd.apiserver.GenericStore.MAX_INTERNAL_RETRIES;
import static io.rancherdesktop.rdd.apiserver.GenericStore.key;
import static io.rancherdesktop.rdd.apiserver.GenericStore.notFound;
import static io.rancherdesktop.rdd.apiserver.GenericStore.parseResourceVersion;
import static io.rancherdesktop.rdd.apiserver.GenericStore.render;
import static io.rancherdesktop.rdd.apiserver.GenericStore.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.admission.AdmissionRequest;
import io.rancherdesktop.rdd.admission.Operation;
import io.rancherdesktop.rdd.apiserver.ResourceOperations.WriteResult;
import io.rancherdesktop.rdd.apiserver.StatusException.Cause;
import io.rancherdesktop.rdd.store.StoreException;
import io.rancherdesktop.rdd.store.StoredObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The writes to an existing object: update, patch (JSON, merge, strategic) and server-side apply, which all end in
 * one write path ({@link #commitUpdate}); a conflict without a client precondition is retried internally.
 */
final class UpdateOperation {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final GenericStore g;
    private final BodyDecoder decoder;
    private final CreateOperation creates;

    UpdateOperation(GenericStore g, BodyDecoder decoder, CreateOperation creates) {
        this.g = g;
        this.decoder = decoder;
        this.creates = creates;
    }

    // ================================================================================================= update

    WriteResult update(RequestScope scope, JsonNode body, WriteOptions opts) {
        GenericStore.checkWritable(scope);
        List<String> warnings = new ArrayList<>();
        ObjectNode obj = decoder.decode(scope, body, opts, warnings);
        String bodyName = obj.path("metadata").path("name").asText("");
        if (!bodyName.equals(scope.name())) {
            throw StatusException.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL (" + scope.name() + ")");
        }
        String rvText = obj.path("metadata").path("resourceVersion").asText("");
        long precondition = parseResourceVersion(rvText);
        if (precondition == 0 && scope.resource().isCustom()) {
            throw StatusException.invalid(scope.resource().group(), scope.resource().kind(), scope.name(),
                    List.of(new Cause("FieldValueInvalid", "Invalid value: 0x0: must be specified for an update", "metadata.resourceVersion")));
        }
        ObjectNode pristine = obj.deepCopy();
        for (int attempt = 0; ; attempt++) {
            StoredObject current = g.store.get(scope.resource().storageKey(), key(scope, scope.name())).orElseThrow(() -> notFound(scope, scope.name()));
            try {
                return commitUpdate(scope, current, pristine.deepCopy(), opts, precondition, warnings);
            } catch (InternalConflict c) {
                if (precondition != 0 || attempt >= MAX_INTERNAL_RETRIES) {
                    throw c.conflict;
                }
            }
        }
    }

    /**
     * The common tail of update, patch and apply: system metadata, status-subresource split, generation,
     * finalizer rules, defaults, admission, validation, no-op detection, the store write (or the completed
     * delete when the last finalizer of a terminating object goes).
     */
    private WriteResult commitUpdate(RequestScope scope, StoredObject current, ObjectNode candidate, WriteOptions opts, long precondition,
                                     List<String> warnings) {
        ResourceDef r = scope.resource();
        ResourceStrategy strategy = g.strategy(scope);
        ObjectNode old = render(current, scope).deepCopy();
        if (precondition != 0 && precondition != current.resourceVersion()) {
            throw StatusException.staleResourceVersion(r.group(), r.plural(), scope.name());
        }
        String uid = candidate.path("metadata").path("uid").asText("");
        String oldUid = old.path("metadata").path("uid").asText("");
        if (!uid.isEmpty() && !uid.equals(oldUid)) {
            throw StatusException.conflict(r.group(), r.plural(), scope.name(),
                    "Precondition failed: UID in precondition: " + uid + ", UID in object meta: " + oldUid);
        }
        ObjectNode obj;
        if (scope.isStatus()) {
            // A status write changes the status only (and the managed-fields bookkeeping).
            obj = old.deepCopy();
            JsonNode status = candidate.get("status");
            if (status == null) {
                obj.remove("status");
            } else {
                obj.set("status", status);
            }
            JsonNode mf = candidate.path("metadata").get("managedFields");
            if (mf != null) {
                obj.withObject("metadata").set("managedFields", mf);
            }
        } else {
            obj = candidate;
            if (r.statusSubresource()) {
                JsonNode status = old.get("status");
                if (status == null) {
                    obj.remove("status");
                } else {
                    obj.set("status", status.deepCopy());
                }
            }
            ObjectNode meta = obj.withObject("metadata");
            ObjectNode oldMeta = old.withObject("metadata");
            for (String f : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace")) {
                if (oldMeta.has(f)) {
                    meta.set(f, oldMeta.get(f));
                } else {
                    meta.remove(f);
                }
            }
            meta.remove(List.of("selfLink", "generateName"));
            if (oldMeta.has("generateName")) {
                meta.set("generateName", oldMeta.get("generateName"));
            }
            strategy.prepareForUpdate(obj, old);
        }
        obj.withObject("metadata").put("resourceVersion", Long.toString(current.resourceVersion()));
        boolean terminating = old.path("metadata").hasNonNull("deletionTimestamp");
        if (terminating) {
            Set<String> before = strings(old.path("metadata").path("finalizers"));
            List<String> added = new ArrayList<>();
            for (String f : strings(obj.path("metadata").path("finalizers"))) {
                if (!before.contains(f)) {
                    added.add(f);
                }
            }
            if (!added.isEmpty()) {
                throw StatusException.invalid(r.group(), r.kind(), scope.name(), List.of(new Cause("FieldValueForbidden",
                        "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers " + goStrings(added),
                        "metadata.finalizers")));
            }
        }
        g.schemas.applyDefaults(obj, scope.version().schema());
        strategy.validateUpdate(scope, old, obj);
        AdmissionRequest req = GenericStore.admissionRequest(Operation.UPDATE, scope, scope.name(), obj, old, opts.dryRun(), opts.user());
        g.admission.mutate(req, warnings);
        g.schemas.applyDefaults(obj, scope.version().schema());
        g.schemas.prune(obj, scope.version().schema(), new ArrayList<>());
        if (r.isCustom() && specChanged(old, obj)) {
            obj.withObject("metadata").put("generation", old.path("metadata").path("generation").asLong(1) + 1);
        }
        g.validate(scope, obj, scope.name(), old);
        g.admission.validate(req, warnings);
        Instant now = g.clock.instant();
        JsonNode requestedManagedFields = candidate.path("metadata").get("managedFields");
        boolean clientSetManagedFields = requestedManagedFields != null && !requestedManagedFields.equals(old.path("metadata").get("managedFields"));
        GenericStore.normalise(obj); // before the managed fields are recorded: an omitted empty map is nobody's field
        if (!clientSetManagedFields && opts.fieldManager() != null) {
            ManagedFields.recordUpdate(old, obj, opts.fieldManager(), scope.served().apiVersion(), scope.subresource(), now);
        }
        if (sameIgnoringManagedFieldTimes(old, obj)) {
            return new WriteResult(old, warnings); // a no-op write changes nothing, not even the resourceVersion
        }
        boolean completesDelete = obj.path("metadata").hasNonNull("deletionTimestamp") && strings(obj.path("metadata").path("finalizers")).isEmpty()
                && !strategy.holdsDeletion(obj);
        if (opts.dryRun()) {
            return new WriteResult(obj, warnings);
        }
        GenericStore.toStorageVersion(obj, r);
        try {
            StoredObject stored = completesDelete
                    ? g.store.delete(r.storageKey(), current.key(), current.resourceVersion(), obj)
                    : g.store.update(r.storageKey(), current.key(), current.resourceVersion(), obj);
            return new WriteResult(render(stored, scope), warnings);
        } catch (StoreException.Conflict e) {
            throw new InternalConflict(StatusException.staleResourceVersion(r.group(), r.plural(), scope.name()));
        } catch (StoreException.NotFound e) {
            throw notFound(scope, scope.name());
        }
    }

    /** A conflict the server may retry internally because the client gave no resourceVersion precondition. */
    static final class InternalConflict extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final StatusException conflict;

        InternalConflict(StatusException conflict) {
            super(conflict.getMessage(), null, false, false);
            this.conflict = conflict;
        }
    }

    // ================================================================================================== patch

    /** A patch as sent: parsed (YAML or JSON for apply, JSON otherwise) once the resource is known to accept its type. */
    WriteResult patch(RequestScope scope, PatchType type, byte[] body, WriteOptions opts) {
        checkPatchable(scope, type);
        JsonNode patch = type == PatchType.APPLY ? BodyCodec.parseYamlOrJson(body) : BodyCodec.parseJson(body);
        return patchParsed(scope, type, patch, opts);
    }

    /** A patch the server builds itself, already parsed; it is copied, so it may share nodes with stored objects. */
    WriteResult patch(RequestScope scope, PatchType type, JsonNode patch, WriteOptions opts) {
        checkPatchable(scope, type);
        return patchParsed(scope, type, patch.deepCopy(), opts);
    }

    private static void checkPatchable(RequestScope scope, PatchType type) {
        GenericStore.checkWritable(scope);
        if (!PatchType.acceptedBy(scope.resource()).contains(type)) {
            throw StatusException.unsupportedMediaType(type.mediaType(),
                    PatchType.acceptedBy(scope.resource()).stream().map(PatchType::mediaType).toList());
        }
    }

    private WriteResult patchParsed(RequestScope scope, PatchType type, JsonNode patch, WriteOptions opts) {
        if (type == PatchType.APPLY) {
            return apply(scope, patch, opts);
        }
        if (type != PatchType.JSON && !patch.isObject()) {
            throw StatusException.badRequest("json: cannot unmarshal " + StructuralSchema.typeName(patch) + " into Go value of type map[string]interface {}");
        }
        for (int attempt = 0; ; attempt++) {
            StoredObject current = g.store.get(scope.resource().storageKey(), key(scope, scope.name())).orElseThrow(() -> notFound(scope, scope.name()));
            ObjectNode base = render(current, scope).deepCopy();
            JsonNode patched;
            try {
                patched = switch (type) {
                    case JSON -> Patches.jsonPatch(base, patch);
                    case MERGE -> Patches.mergePatch(base, patch);
                    case STRATEGIC -> Patches.strategicMergePatch(base, patch);
                    case APPLY -> throw new IllegalStateException("handled above");
                };
            } catch (Patches.PatchFailure e) {
                throw new StatusException(422, "Invalid", e.getMessage(), StatusException.Details.NONE);
            }
            if (!(patched instanceof ObjectNode obj)) {
                throw StatusException.badRequest("the patched object is not a JSON object");
            }
            List<String> warnings = new ArrayList<>();
            decoder.checkTypeMeta(scope, obj);
            decoder.pruneUnknown(scope, obj, opts, warnings);
            String patchedName = obj.path("metadata").path("name").asText("");
            if (!patchedName.equals(scope.name())) {
                throw StatusException.badRequest("the name of the object (" + patchedName + ") does not match the name on the URL (" + scope.name() + ")");
            }
            String rv = obj.path("metadata").path("resourceVersion").asText("");
            long precondition = parseResourceVersion(rv);
            try {
                return commitUpdate(scope, current, obj, opts, precondition, warnings);
            } catch (InternalConflict c) {
                if (precondition != 0 && precondition == current.resourceVersion() && patchSetsResourceVersion(patch, type)) {
                    throw c.conflict; // the client asked for this revision
                }
                if (attempt >= MAX_INTERNAL_RETRIES) {
                    throw c.conflict;
                }
            }
        }
    }

    private static boolean patchSetsResourceVersion(JsonNode patch, PatchType type) {
        if (type == PatchType.JSON) {
            for (JsonNode op : patch) {
                if (op.path("path").asText("").equals("/metadata/resourceVersion")) {
                    return true;
                }
            }
            return false;
        }
        return patch.path("metadata").has("resourceVersion");
    }

    /** Server-side apply (see {@link ManagedFields#apply} for what is simplified). */
    private WriteResult apply(RequestScope scope, JsonNode patch, WriteOptions opts) {
        if (opts.fieldManager() == null || opts.fieldManager().isEmpty()) {
            throw StatusException.badRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set");
        }
        if (!(patch instanceof ObjectNode config)) {
            throw StatusException.badRequest("the apply configuration must be an object");
        }
        decoder.checkTypeMeta(scope, config);
        List<String> warnings = new ArrayList<>();
        ObjectNode cfg = config.deepCopy();
        decoder.pruneUnknown(scope, cfg, opts, warnings);
        String cfgName = cfg.path("metadata").path("name").asText("");
        if (!cfgName.isEmpty() && !cfgName.equals(scope.name())) {
            throw StatusException.badRequest("the name of the object (" + cfgName + ") does not match the name on the URL (" + scope.name() + ")");
        }
        ObjectNode cfgMeta = cfg.withObject("metadata");
        cfgMeta.put("name", scope.name());
        cfgMeta.remove(List.of("managedFields", "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"));
        long precondition = parseResourceVersion(cfgMeta.path("resourceVersion").asText(""));
        cfgMeta.remove("resourceVersion");
        if (scope.isStatus()) {
            // On /status only the status of the configuration counts.
            ObjectNode statusOnly = F.objectNode();
            statusOnly.set("apiVersion", cfg.get("apiVersion"));
            statusOnly.set("kind", cfg.get("kind"));
            statusOnly.putObject("metadata").put("name", scope.name());
            if (cfg.has("status")) {
                statusOnly.set("status", cfg.get("status"));
            }
            cfg = statusOnly;
        } else if (scope.resource().statusSubresource()) {
            cfg.remove("status");
        }
        for (int attempt = 0; ; attempt++) {
            Optional<StoredObject> existing = g.store.get(scope.resource().storageKey(), key(scope, scope.name()));
            if (existing.isEmpty()) {
                if (scope.isStatus()) {
                    throw notFound(scope, scope.name());
                }
                ObjectNode obj = cfg.deepCopy();
                ManagedFields.apply(obj, cfg, opts.fieldManager(), scope.served().apiVersion(), "", true, g.clock.instant());
                JsonNode appliedFields = obj.path("metadata").path("managedFields").deepCopy();
                try {
                    return creates.createOnce(scope, obj, opts, warnings, appliedFields);
                } catch (StatusException e) {
                    if (!"AlreadyExists".equals(e.reason()) || attempt >= MAX_INTERNAL_RETRIES) {
                        throw e;
                    }
                    continue;
                }
            }
            StoredObject current = existing.get();
            ObjectNode obj = render(current, scope).deepCopy();
            List<ManagedFields.Conflict> conflicts = ManagedFields.apply(obj, cfg, opts.fieldManager(), scope.served().apiVersion(), scope.subresource(),
                    opts.force(), g.clock.instant());
            if (!conflicts.isEmpty() && !opts.force()) {
                throw applyConflict(scope, conflicts);
            }
            try {
                return commitUpdate(scope, current, obj, new WriteOptions(opts.dryRun(), opts.fieldValidation(), null, opts.force(), opts.user()), precondition, warnings);
            } catch (InternalConflict c) {
                if (precondition != 0 || attempt >= MAX_INTERNAL_RETRIES) {
                    throw c.conflict;
                }
            }
        }
    }

    private static StatusException applyConflict(RequestScope scope, List<ManagedFields.Conflict> conflicts) {
        StringBuilder msg = new StringBuilder("Apply failed with ").append(conflicts.size()).append(" conflict").append(conflicts.size() == 1 ? "" : "s").append(": ");
        List<Cause> causes = new ArrayList<>();
        for (int i = 0; i < conflicts.size(); i++) {
            ManagedFields.Conflict c = conflicts.get(i);
            msg.append(i == 0 ? "" : "\n").append("conflict with \"").append(c.manager()).append("\": ").append(c.path().display());
            causes.add(new Cause("FieldManagerConflict", "conflict with \"" + c.manager() + "\"", c.path().display()));
        }
        return new StatusException(409, "Conflict", msg.toString(),
                new StatusException.Details(scope.name(), scope.resource().group(), scope.resource().plural(), causes));
    }

    // ================================================================================================ helpers

    /** Whether anything but metadata and status changed (what bumps {@code metadata.generation}). */
    static boolean specChanged(ObjectNode a, ObjectNode b) {
        Set<String> keys = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(keys::add);
        b.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            if (Set.of("metadata", "status", "apiVersion", "kind").contains(k)) {
                continue;
            }
            JsonNode av = a.get(k);
            JsonNode bv = b.get(k);
            if (av == null ? bv != null : !av.equals(bv)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameIgnoringManagedFieldTimes(ObjectNode a, ObjectNode b) {
        ObjectNode x = a.deepCopy();
        ObjectNode y = b.deepCopy();
        for (ObjectNode o : List.of(x, y)) {
            ObjectNode m = o.withObject("metadata");
            m.remove("resourceVersion");
            if (m.get("managedFields") instanceof ArrayNode mf) {
                mf.forEach(e -> ((ObjectNode) e).remove("time"));
            }
        }
        return x.equals(y);
    }

    private static String goStrings(List<String> l) {
        StringBuilder b = new StringBuilder("[]string{");
        for (int i = 0; i < l.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(l.get(i)).append('"');
        }
        return b.append('}').toString();
    }
}
