package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.admission.AdmissionRequest;
import io.rancherdesktop.rdd.admission.Operation;
import io.rancherdesktop.rdd.admission.UserInfo;
import io.rancherdesktop.rdd.apiserver.StatusException.Cause;
import io.rancherdesktop.rdd.store.ObjectKey;
import io.rancherdesktop.rdd.store.ObjectStore;
import io.rancherdesktop.rdd.store.StoreException;
import io.rancherdesktop.rdd.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The REST verbs on resources, independent of HTTP: get, list, create, update, patch (JSON, merge, strategic,
 * apply), delete and delete-collection, with Kubernetes semantics (system metadata, generation, status
 * subresource, finalizers and deletionTimestamp, optimistic concurrency, field pruning, schema defaults and
 * validation, admission, dry run). The HTTP handler, the garbage collector and the namespace lifecycle all
 * write through here.
 */
public final class ResourceOperations {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_INTERNAL_RETRIES = 8;
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
    private static final Pattern CONFIG_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");
    static final String NAMESPACE_FINALIZER = "kubernetes";
    /** Namespaces kube refuses to delete. */
    private static final Set<String> UNDELETABLE_NAMESPACES = Set.of("default", "kube-system", "kube-public");

    private final ObjectStore store;
    private final ResourceRegistry registry;
    private final AdmissionChain admission;
    private final StructuralSchema schemas = new StructuralSchema();
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Map<String, CrdJsonPath>> selectableFields = new ConcurrentHashMap<>();

    public ResourceOperations(ObjectStore store, ResourceRegistry registry, AdmissionChain admission, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.admission = admission;
        this.clock = clock;
    }

    public ObjectStore store() {
        return store;
    }

    public ResourceRegistry registry() {
        return registry;
    }

    // =================================================================================================== read

    /** The object in the requested version (shared when no conversion is needed: do not modify). */
    public StoredObject get(RequestScope scope) {
        if (scope.resource().origin() == ResourceDef.Origin.READ_ONLY) {
            return crds().stream().filter(o -> o.name().equals(scope.name())).findFirst()
                    .orElseThrow(() -> notFound(scope, scope.name()));
        }
        return store.get(scope.resource().storageKey(), key(scope, scope.name())).orElseThrow(() -> notFound(scope, scope.name()));
    }

    /** The stored objects of the read-only CRD resource, synthesised from the registry. */
    List<StoredObject> crds() {
        List<StoredObject> out = new ArrayList<>();
        long rv = store.revision();
        for (ObjectNode crd : registry.crdObjects(rv)) {
            String name = crd.path("metadata").path("name").asText();
            out.add(new StoredObject("customresourcedefinitions.apiextensions.k8s.io", new ObjectKey("", name), rv, crd,
                    crd.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Renders a stored object in the requested version (a copy only when the version differs). */
    public ObjectNode render(StoredObject so, RequestScope scope) {
        String apiVersion = scope.served().apiVersion();
        if (apiVersion.equals(so.object().path("apiVersion").asText())) {
            return so.object();
        }
        ObjectNode copy = so.object().deepCopy();
        copy.put("apiVersion", apiVersion);
        return copy;
    }

    /** Whether {@link #render} would return the stored object unchanged (so its JSON bytes can be sent as they are). */
    public boolean rendersAsStored(StoredObject so, RequestScope scope) {
        return scope.served().apiVersion().equals(so.object().path("apiVersion").asText());
    }

    /** List options: selectors, {@code limit} (0 = all) and a {@code continue} token. */
    public record ListOptions(LabelSelector labels, FieldSelector fields, int limit, String continueToken) {
        public static final ListOptions ALL = new ListOptions(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null);
    }

    /** One page of a list. {@code remaining} is -1 when unknown. */
    public record ListResult(long revision, List<StoredObject> items, String continueToken, long remaining) {
    }

    public ListResult list(RequestScope scope, ListOptions opts) {
        Map<String, CrdJsonPath> fieldPaths = fieldPaths(scope);
        opts.fields().checkSupported(fieldPaths.keySet());
        ObjectKey after = opts.continueToken() == null || opts.continueToken().isEmpty() ? null : decodeContinue(opts.continueToken());
        long revision;
        List<StoredObject> all;
        if (scope.resource().origin() == ResourceDef.Origin.READ_ONLY) {
            all = crds();
            revision = store.revision();
            if (after != null) {
                ObjectKey a = after;
                all = all.stream().filter(o -> o.key().compareTo(a) > 0).toList();
            }
        } else {
            // Narrow by name first when the field selector pins it: a single-object watch/list costs O(1).
            String pinnedName = opts.fields().requiredValue("metadata.name");
            boolean pinned = pinnedName != null && !pinnedName.isEmpty() && after == null && (scope.namespace() != null || !scope.resource().namespaced());
            if (pinned) {
                revision = store.revision();
                all = store.get(scope.resource().storageKey(), key(scope, pinnedName)).map(List::of).orElse(List.of());
            } else {
                ObjectStore.Snapshot snap = store.list(scope.resource().storageKey(), scope.namespace(), after);
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
        return new ListResult(revision, page, next, remaining);
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

    // ================================================================================================= create

    /** Outcome of a write: the object as stored (or as it would be, for a dry run) and the warnings. */
    public record WriteResult(ObjectNode object, List<String> warnings) {
    }

    public WriteResult create(RequestScope scope, JsonNode body, WriteOptions opts) {
        ResourceDef r = scope.resource();
        checkWritable(scope);
        if (scope.isStatus()) {
            throw StatusException.methodNotAllowed("POST");
        }
        if (r.namespaced() && scope.namespace() == null) {
            throw StatusException.methodNotAllowed("POST");
        }
        List<String> warnings = new ArrayList<>();
        ObjectNode obj = decode(scope, body, opts, warnings);
        ObjectNode meta = obj.withObject("metadata");
        if (meta.hasNonNull("resourceVersion") && !meta.get("resourceVersion").asText().isEmpty()) {
            throw StatusException.badRequest("resourceVersion should not be set on objects to be created");
        }
        String generateName = meta.path("generateName").asText("");
        boolean generated = meta.path("name").asText("").isEmpty() && !generateName.isEmpty();
        ObjectNode pristine = obj.deepCopy();
        for (int attempt = 0; ; attempt++) {
            ObjectNode candidate = pristine.deepCopy();
            if (generated) {
                candidate.withObject("metadata").put("name", generateName(generateName));
            }
            try {
                return createOnce(scope, candidate, opts, warnings, null);
            } catch (StatusException e) {
                if (!generated || !"AlreadyExists".equals(e.reason()) || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private WriteResult createOnce(RequestScope scope, ObjectNode obj, WriteOptions opts, List<String> warnings, JsonNode appliedManagedFields) {
        ResourceDef r = scope.resource();
        ObjectNode meta = obj.withObject("metadata");
        String name = meta.path("name").asText("");
        Instant now = clock.instant();
        meta.remove(List.of("resourceVersion", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields"));
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", Timestamps.format(now));
        if (r.isCustom()) {
            meta.put("generation", 1);
            if (r.statusSubresource()) {
                obj.remove("status"); // as kube: the status of a new custom resource is written through /status
            }
        } else {
            meta.remove("generation");
        }
        if (isNamespaces(r)) {
            obj.withObject("spec").withArray("finalizers").removeAll().add(NAMESPACE_FINALIZER);
            obj.putObject("status").put("phase", "Active");
        }
        checkNamespaceAcceptsContent(scope, name);
        // Defaults before mutating admission (as kube decodes) and again after it (the admission contract).
        schemas.applyDefaults(obj, scope.version().schema());
        AdmissionRequest req = admissionRequest(Operation.CREATE, scope, name, obj, null, opts.dryRun(), opts.user());
        admission.mutate(req, warnings);
        schemas.applyDefaults(obj, scope.version().schema());
        schemas.prune(obj, scope.version().schema(), new ArrayList<>());
        validate(scope, obj, name, null);
        admission.validate(req, warnings);
        normalise(obj); // before the managed fields are recorded: an omitted empty map is nobody's field
        if (appliedManagedFields != null) {
            obj.withObject("metadata").set("managedFields", appliedManagedFields);
        } else if (opts.fieldManager() != null) {
            ManagedFields.recordUpdate(null, obj, opts.fieldManager(), scope.served().apiVersion(), "", now);
        }
        if (opts.dryRun()) {
            if (store.get(r.storageKey(), key(scope, name)).isPresent()) {
                throw StatusException.alreadyExists(r.group(), r.plural(), name);
            }
            return new WriteResult(obj, warnings);
        }
        toStorageVersion(obj, r);
        try {
            StoredObject stored = store.create(r.storageKey(), key(scope, name), obj);
            return new WriteResult(render(stored, scope), warnings);
        } catch (StoreException.AlreadyExists e) {
            throw StatusException.alreadyExists(r.group(), r.plural(), name);
        }
    }

    private void checkNamespaceAcceptsContent(RequestScope scope, String name) {
        if (!scope.resource().namespaced()) {
            return;
        }
        StoredObject ns = store.get("namespaces", new ObjectKey("", scope.namespace()))
                .orElseThrow(() -> StatusException.notFound("", "namespaces", scope.namespace()));
        if (ns.object().path("metadata").hasNonNull("deletionTimestamp")) {
            throw new StatusException(403, "Forbidden", StatusException.qualified(scope.resource().group(), scope.resource().plural()) + " \"" + name
                    + "\" is forbidden: unable to create new content in namespace " + scope.namespace() + " because it is being terminated",
                    new StatusException.Details(name, scope.resource().group(), scope.resource().plural(),
                            List.of(new Cause("NamespaceTerminating", "namespace " + scope.namespace() + " is being terminated", "metadata.namespace"))));
        }
    }

    private String generateName(String prefix) {
        StringBuilder b = new StringBuilder(prefix.length() > 58 ? prefix.substring(0, 58) : prefix);
        for (int i = 0; i < 5; i++) {
            b.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return b.toString();
    }

    // ================================================================================================= update

    public WriteResult update(RequestScope scope, JsonNode body, WriteOptions opts) {
        checkWritable(scope);
        List<String> warnings = new ArrayList<>();
        ObjectNode obj = decode(scope, body, opts, warnings);
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
            StoredObject current = store.get(scope.resource().storageKey(), key(scope, scope.name())).orElseThrow(() -> notFound(scope, scope.name()));
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
            if (isNamespaces(r)) {
                obj.set("status", old.path("status").deepCopy());
            }
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
        schemas.applyDefaults(obj, scope.version().schema());
        checkImmutableConfigMap(scope, old, obj);
        AdmissionRequest req = admissionRequest(Operation.UPDATE, scope, scope.name(), obj, old, opts.dryRun(), opts.user());
        admission.mutate(req, warnings);
        schemas.applyDefaults(obj, scope.version().schema());
        schemas.prune(obj, scope.version().schema(), new ArrayList<>());
        if (r.isCustom() && specChanged(old, obj)) {
            obj.withObject("metadata").put("generation", old.path("metadata").path("generation").asLong(1) + 1);
        }
        validate(scope, obj, scope.name(), old);
        admission.validate(req, warnings);
        Instant now = clock.instant();
        JsonNode requestedManagedFields = candidate.path("metadata").get("managedFields");
        boolean clientSetManagedFields = requestedManagedFields != null && !requestedManagedFields.equals(old.path("metadata").get("managedFields"));
        normalise(obj); // before the managed fields are recorded: an omitted empty map is nobody's field
        if (!clientSetManagedFields && opts.fieldManager() != null) {
            ManagedFields.recordUpdate(old, obj, opts.fieldManager(), scope.served().apiVersion(), scope.subresource(), now);
        }
        if (sameIgnoringManagedFieldTimes(old, obj)) {
            return new WriteResult(old, warnings); // a no-op write changes nothing, not even the resourceVersion
        }
        boolean completesDelete = obj.path("metadata").hasNonNull("deletionTimestamp") && strings(obj.path("metadata").path("finalizers")).isEmpty()
                && !(isNamespaces(r) && !strings(obj.path("spec").path("finalizers")).isEmpty());
        if (opts.dryRun()) {
            return new WriteResult(obj, warnings);
        }
        toStorageVersion(obj, r);
        try {
            StoredObject stored = completesDelete
                    ? store.delete(r.storageKey(), current.key(), current.resourceVersion(), obj)
                    : store.update(r.storageKey(), current.key(), current.resourceVersion(), obj);
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

    private void checkImmutableConfigMap(RequestScope scope, ObjectNode old, ObjectNode obj) {
        if (!scope.resource().group().isEmpty() || !scope.resource().plural().equals("configmaps")) {
            return;
        }
        if (old.path("immutable").asBoolean(false)) {
            List<Cause> causes = new ArrayList<>();
            if (!old.path("data").equals(obj.path("data")) || !old.path("binaryData").equals(obj.path("binaryData"))) {
                causes.add(new Cause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", "data"));
            }
            if (!obj.path("immutable").asBoolean(false)) {
                causes.add(new Cause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", "immutable"));
            }
            if (!causes.isEmpty()) {
                throw StatusException.invalid("", "ConfigMap", scope.name(), causes);
            }
        }
    }

    // ================================================================================================== patch

    public WriteResult patch(RequestScope scope, PatchType type, byte[] body, WriteOptions opts) {
        checkWritable(scope);
        if (!PatchType.acceptedBy(scope.resource()).contains(type)) {
            throw StatusException.unsupportedMediaType(type.mediaType(),
                    PatchType.acceptedBy(scope.resource()).stream().map(PatchType::mediaType).toList());
        }
        JsonNode patch = type == PatchType.APPLY ? BodyCodec.parseYamlOrJson(body) : BodyCodec.parseJson(body);
        if (type == PatchType.APPLY) {
            return apply(scope, patch, opts);
        }
        if (type != PatchType.JSON && !patch.isObject()) {
            throw StatusException.badRequest("json: cannot unmarshal " + StructuralSchema.typeName(patch) + " into Go value of type map[string]interface {}");
        }
        for (int attempt = 0; ; attempt++) {
            StoredObject current = store.get(scope.resource().storageKey(), key(scope, scope.name())).orElseThrow(() -> notFound(scope, scope.name()));
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
            checkTypeMeta(scope, obj);
            List<String> unknown = new ArrayList<>();
            MetadataValidator.prune(obj, unknown);
            schemas.prune(obj, scope.version().schema(), unknown);
            handleUnknownFields(scope, unknown, opts, warnings);
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
        checkTypeMeta(scope, config);
        List<String> warnings = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        ObjectNode cfg = config.deepCopy();
        MetadataValidator.prune(cfg, unknown);
        schemas.prune(cfg, scope.version().schema(), unknown);
        handleUnknownFields(scope, unknown, opts, warnings);
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
            Optional<StoredObject> existing = store.get(scope.resource().storageKey(), key(scope, scope.name()));
            if (existing.isEmpty()) {
                if (scope.isStatus()) {
                    throw notFound(scope, scope.name());
                }
                ObjectNode obj = cfg.deepCopy();
                ManagedFields.apply(obj, cfg, opts.fieldManager(), scope.served().apiVersion(), "", true, clock.instant());
                JsonNode appliedFields = obj.path("metadata").path("managedFields").deepCopy();
                try {
                    return createOnce(scope, obj, opts, warnings, appliedFields);
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
                    opts.force(), clock.instant());
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

    // ================================================================================================= delete

    /** Delete options: {@code propagationPolicy}, preconditions, and who deletes (admission sees it). */
    public record DeleteOptions(String propagationPolicy, String preconditionUid, String preconditionResourceVersion, boolean dryRun, UserInfo user) {
        /** The server's own plain delete. */
        public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, false, UserInfo.apiServer());

        public DeleteOptions {
            java.util.Objects.requireNonNull(user, "user");
        }
    }

    /** Outcome of a delete: gone now ({@code deleted}), or terminating until its finalizers are removed. */
    public record DeleteResult(ObjectNode object, boolean deleted, List<String> warnings) {
    }

    public DeleteResult delete(RequestScope scope, DeleteOptions opts) {
        checkWritable(scope);
        if (scope.isStatus()) {
            throw StatusException.methodNotAllowed("DELETE");
        }
        ResourceDef r = scope.resource();
        if (opts.propagationPolicy() != null && !Set.of("Orphan", "Background", "Foreground").contains(opts.propagationPolicy())) {
            throw StatusException.invalid(r.group(), r.kind(), scope.name(), List.of(new Cause("FieldValueNotSupported",
                    "Unsupported value: \"" + opts.propagationPolicy() + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"",
                    "propagationPolicy")));
        }
        if (isNamespaces(r) && UNDELETABLE_NAMESPACES.contains(scope.name())) {
            throw StatusException.forbidden("", "namespaces", scope.name(), "this namespace may not be deleted");
        }
        for (int attempt = 0; ; attempt++) {
            StoredObject current = store.get(r.storageKey(), key(scope, scope.name())).orElseThrow(() -> notFound(scope, scope.name()));
            ObjectNode old = render(current, scope);
            if (opts.preconditionUid() != null && !opts.preconditionUid().equals(old.path("metadata").path("uid").asText())) {
                throw StatusException.conflict(r.group(), r.plural(), scope.name(), "Precondition failed: UID in precondition: " + opts.preconditionUid()
                        + ", UID in object meta: " + old.path("metadata").path("uid").asText());
            }
            if (opts.preconditionResourceVersion() != null && !opts.preconditionResourceVersion().equals(old.path("metadata").path("resourceVersion").asText())) {
                throw StatusException.conflict(r.group(), r.plural(), scope.name(), "Precondition failed: ResourceVersion in precondition: "
                        + opts.preconditionResourceVersion() + ", ResourceVersion in object meta: " + old.path("metadata").path("resourceVersion").asText());
            }
            List<String> warnings = new ArrayList<>();
            AdmissionRequest req = admissionRequest(Operation.DELETE, scope, scope.name(), null, old.deepCopy(), opts.dryRun(), opts.user());
            admission.validate(req, warnings);
            boolean hasFinalizers = !strings(old.path("metadata").path("finalizers")).isEmpty();
            boolean terminating = old.path("metadata").hasNonNull("deletionTimestamp");
            if (terminating) {
                return new DeleteResult(old, false, warnings);
            }
            // Orphan and Foreground deletes go through the garbage collector, via the finalizers kube uses for them.
            String gcFinalizer = switch (opts.propagationPolicy() == null ? "" : opts.propagationPolicy()) {
                case "Orphan" -> GarbageCollector.ORPHAN;
                case "Foreground" -> GarbageCollector.FOREGROUND;
                default -> null;
            };
            if (hasFinalizers || isNamespaces(r) || gcFinalizer != null) {
                ObjectNode obj = old.deepCopy();
                ObjectNode meta = obj.withObject("metadata");
                if (gcFinalizer != null && !strings(meta.path("finalizers")).contains(gcFinalizer)) {
                    meta.withArray("finalizers").add(gcFinalizer);
                }
                meta.put("deletionTimestamp", Timestamps.format(clock.instant()));
                meta.put("deletionGracePeriodSeconds", 0);
                if (isNamespaces(r)) {
                    obj.withObject("status").put("phase", "Terminating");
                }
                if (opts.dryRun()) {
                    return new DeleteResult(obj, false, warnings);
                }
                toStorageVersion(obj, r);
                try {
                    return new DeleteResult(render(store.update(r.storageKey(), current.key(), current.resourceVersion(), obj), scope), false, warnings);
                } catch (StoreException.Conflict | StoreException.NotFound e) {
                    if (attempt >= MAX_INTERNAL_RETRIES) {
                        throw StatusException.staleResourceVersion(r.group(), r.plural(), scope.name());
                    }
                    continue;
                }
            }
            if (opts.dryRun()) {
                return new DeleteResult(old, true, warnings);
            }
            try {
                StoredObject gone = store.delete(r.storageKey(), current.key(), current.resourceVersion(), null);
                return new DeleteResult(render(gone, scope), true, warnings);
            } catch (StoreException.Conflict e) {
                if (attempt >= MAX_INTERNAL_RETRIES) {
                    throw StatusException.staleResourceVersion(r.group(), r.plural(), scope.name());
                }
            } catch (StoreException.NotFound e) {
                throw notFound(scope, scope.name());
            }
        }
    }

    /** Deletes every object the list options select (each one as a single delete would). */
    public List<ObjectNode> deleteCollection(RequestScope scope, ListOptions listOpts, DeleteOptions opts) {
        checkWritable(scope);
        List<ObjectNode> out = new ArrayList<>();
        for (StoredObject so : list(scope, new ListOptions(listOpts.labels(), listOpts.fields(), 0, null)).items()) {
            RequestScope one = new RequestScope(scope.served(), so.namespace().isEmpty() ? null : so.namespace(), so.name(), "");
            try {
                out.add(delete(one, opts).object());
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        return out;
    }

    // ================================================================================================ helpers

    /**
     * Decodes a request body into an object of this resource: type meta, metadata shape, namespace, and unknown
     * fields per {@code fieldValidation}.
     */
    private ObjectNode decode(RequestScope scope, JsonNode body, WriteOptions opts, List<String> warnings) {
        if (!(body instanceof ObjectNode obj)) {
            throw StatusException.badRequest("the request body must be a JSON object, got " + StructuralSchema.typeName(body));
        }
        checkTypeMeta(scope, obj);
        List<String> unknown = new ArrayList<>();
        MetadataValidator.prune(obj, unknown);
        schemas.prune(obj, scope.version().schema(), unknown);
        handleUnknownFields(scope, unknown, opts, warnings);
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

    /**
     * Checks {@code apiVersion}/{@code kind} against the URL. A builtin kind without them gets them from the URL, as
     * kube-apiserver's typed decoding defaults them ({@code gvkWithDefaults}); a custom resource is decoded as
     * unstructured there, which requires {@code kind} ("Object 'Kind' is missing") and, without {@code apiVersion},
     * fails the group-version check with an empty version.
     */
    private void checkTypeMeta(RequestScope scope, ObjectNode obj) {
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

    private void handleUnknownFields(RequestScope scope, List<String> unknown, WriteOptions opts, List<String> warnings) {
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

    private void validate(RequestScope scope, ObjectNode obj, String name, ObjectNode old) {
        List<Cause> causes = new ArrayList<>();
        ObjectNode meta = obj.withObject("metadata");
        MetadataValidator.validate(meta, scope.resource(), causes);
        if (old != null) {
            for (String f : List.of("name", "namespace")) {
                if (!old.path("metadata").path(f).equals(meta.path(f))) {
                    causes.add(new Cause("FieldValueInvalid", "Invalid value: " + meta.path(f) + ": field is immutable", "metadata." + f));
                }
            }
        }
        schemas.validate(obj, scope.version().schema(), causes);
        validateBuiltin(scope, obj, causes);
        if (!causes.isEmpty()) {
            throw StatusException.invalid(scope.resource().group(), scope.resource().kind(), name, causes);
        }
    }

    private static void validateBuiltin(RequestScope scope, ObjectNode obj, List<Cause> causes) {
        ResourceDef r = scope.resource();
        if (!r.group().isEmpty() || !r.plural().equals("configmaps")) {
            return;
        }
        Set<String> keys = new HashSet<>();
        long size = 0;
        for (String field : List.of("data", "binaryData")) {
            for (var e : obj.path(field).properties()) {
                String k = e.getKey();
                if (k.length() > 253 || !CONFIG_KEY.matcher(k).matches()) {
                    causes.add(new Cause("FieldValueInvalid", "Invalid value: \"" + k
                            + "\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
                            + "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')", field + "[" + k + "]"));
                }
                if (!keys.add(k)) {
                    causes.add(new Cause("FieldValueInvalid", "Invalid value: \"" + k + "\": duplicate of key present in data", field + "[" + k + "]"));
                }
                size += k.length() + e.getValue().asText().length();
            }
        }
        if (size > 1024 * 1024) {
            causes.add(new Cause("FieldValueTooLong", "Too long: must have at most 1048576 bytes", ""));
        }
    }

    private AdmissionRequest admissionRequest(Operation op, RequestScope scope, String name, ObjectNode obj, ObjectNode old, boolean dryRun,
                                              UserInfo user) {
        ResourceDef r = scope.resource();
        return new AdmissionRequest(op, r.group(), scope.version().name(), r.kind(), r.plural(),
                r.namespaced() ? (scope.namespace() != null ? scope.namespace() : obj == null ? null : obj.path("metadata").path("namespace").asText(null)) : null,
                name, scope.subresource(), obj, old, dryRun, user);
    }

    private void checkWritable(RequestScope scope) {
        if (scope.resource().origin() == ResourceDef.Origin.READ_ONLY) {
            throw StatusException.methodNotAllowed("write");
        }
        if (scope.isStatus() && !scope.resource().statusSubresource()) {
            throw StatusException.notFoundPath();
        }
    }

    private static boolean isNamespaces(ResourceDef r) {
        return r.group().isEmpty() && r.plural().equals("namespaces");
    }

    private static ObjectKey key(RequestScope scope, String name) {
        return new ObjectKey(scope.resource().namespaced() ? scope.namespace() : "", name);
    }

    private static StatusException notFound(RequestScope scope, String name) {
        return StatusException.notFound(scope.resource().group(), scope.resource().plural(), name);
    }

    static long parseResourceVersion(String rv) {
        if (rv == null || rv.isEmpty()) {
            return 0;
        }
        try {
            long v = Long.parseLong(rv);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw StatusException.badRequest("invalid resource version: " + rv);
        }
    }

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

    /** Metadata fields kube's ObjectMeta declares {@code omitempty}: an empty (or null) one is never stored or returned. */
    private static final List<String> OMITTED_WHEN_EMPTY = List.of("labels", "annotations", "finalizers", "ownerReferences", "managedFields");

    /**
     * The one shape of an object before it is stored or returned by a write (dry run included): apiVersion, kind,
     * metadata first, as kube writes objects, and no empty {@code labels}/{@code annotations} maps or empty
     * {@code finalizers}/{@code ownerReferences}/{@code managedFields} lists. kube-apiserver round-trips metadata
     * through the typed ObjectMeta (for custom resources too), whose {@code omitempty} drops them; a kept
     * {@code annotations: {}} made {@code kubectl diff} report a change on an unchanged manifest (its dry-run patch
     * sends an empty annotations map).
     */
    static void normalise(ObjectNode obj) {
        if (obj.get("metadata") instanceof ObjectNode meta) {
            for (String f : OMITTED_WHEN_EMPTY) {
                JsonNode v = meta.get(f);
                if (v != null && (v.isNull() || (v.isContainerNode() && v.isEmpty()))) {
                    meta.remove(f);
                }
            }
        }
        ObjectNode copy = obj.deepCopy();
        obj.removeAll();
        for (String k : List.of("apiVersion", "kind", "metadata")) {
            if (copy.has(k)) {
                obj.set(k, copy.get(k));
            }
        }
        copy.properties().forEach(e -> {
            if (!obj.has(e.getKey())) {
                obj.set(e.getKey(), e.getValue());
            }
        });
    }

    private static void toStorageVersion(ObjectNode obj, ResourceDef r) {
        obj.put("apiVersion", r.apiVersion(r.storageVersion().name()));
    }

    private static Set<String> strings(JsonNode arr) {
        Set<String> out = new LinkedHashSet<>();
        if (arr != null && arr.isArray()) {
            arr.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String goStrings(List<String> l) {
        StringBuilder b = new StringBuilder("[]string{");
        for (int i = 0; i < l.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(l.get(i)).append('"');
        }
        return b.append('}').toString();
    }
}
