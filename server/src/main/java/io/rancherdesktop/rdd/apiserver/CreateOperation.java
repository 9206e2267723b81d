package io.rancherdesktop.rdd.apiserver;

import static io.rancherdesktop.rdd.apiserver.GenericStore.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.admission.AdmissionRequest;
import io.rancherdesktop.rdd.admission.Operation;
import io.rancherdesktop.rdd.apiserver.StatusException.Cause;
import io.rancherdesktop.rdd.store.ObjectKey;
import io.rancherdesktop.rdd.store.StoreException;
import io.rancherdesktop.rdd.store.StoredObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The create verb: system metadata, {@code generateName} (retried on a clash), generation, defaults, admission,
 * validation, managed fields; also the create an apply of a missing object makes.
 */
final class CreateOperation {
    private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    private final GenericStore g;
    private final BodyDecoder decoder;
    private final SecureRandom random = new SecureRandom();

    CreateOperation(GenericStore g, BodyDecoder decoder) {
        this.g = g;
        this.decoder = decoder;
    }

    ResourceOperations.WriteResult create(RequestScope scope, JsonNode body, WriteOptions opts) {
        ResourceDef r = scope.resource();
        GenericStore.checkWritable(scope);
        if (scope.isStatus()) {
            throw StatusException.methodNotAllowed("POST");
        }
        if (r.namespaced() && scope.namespace() == null) {
            throw StatusException.methodNotAllowed("POST");
        }
        List<String> warnings = new ArrayList<>();
        ObjectNode obj = decoder.decode(scope, body, opts, warnings);
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

    ResourceOperations.WriteResult createOnce(RequestScope scope, ObjectNode obj, WriteOptions opts, List<String> warnings, JsonNode appliedManagedFields) {
        ResourceDef r = scope.resource();
        ObjectNode meta = obj.withObject("metadata");
        String name = meta.path("name").asText("");
        Instant now = g.clock.instant();
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
        g.strategy(scope).prepareForCreate(obj);
        checkNamespaceAcceptsContent(scope, name);
        // Defaults before mutating admission (as kube decodes) and again after it (the admission contract).
        g.schemas.applyDefaults(obj, scope.version().schema());
        AdmissionRequest req = GenericStore.admissionRequest(Operation.CREATE, scope, name, obj, null, opts.dryRun(), opts.user());
        g.admission.mutate(req, warnings);
        g.schemas.applyDefaults(obj, scope.version().schema());
        g.schemas.prune(obj, scope.version().schema(), new ArrayList<>());
        g.validate(scope, obj, name, null);
        g.admission.validate(req, warnings);
        GenericStore.normalise(obj); // before the managed fields are recorded: an omitted empty map is nobody's field
        if (appliedManagedFields != null) {
            obj.withObject("metadata").set("managedFields", appliedManagedFields);
        } else if (opts.fieldManager() != null) {
            ManagedFields.recordUpdate(null, obj, opts.fieldManager(), scope.served().apiVersion(), "", now);
        }
        if (opts.dryRun()) {
            if (g.store.get(r.storageKey(), key(scope, name)).isPresent()) {
                throw StatusException.alreadyExists(r.group(), r.plural(), name);
            }
            return new ResourceOperations.WriteResult(obj, warnings);
        }
        GenericStore.toStorageVersion(obj, r);
        try {
            StoredObject stored = g.store.create(r.storageKey(), key(scope, name), obj);
            return new ResourceOperations.WriteResult(GenericStore.render(stored, scope), warnings);
        } catch (StoreException.AlreadyExists e) {
            throw StatusException.alreadyExists(r.group(), r.plural(), name);
        }
    }

    private void checkNamespaceAcceptsContent(RequestScope scope, String name) {
        if (!scope.resource().namespaced()) {
            return;
        }
        StoredObject ns = g.store.get("namespaces", new ObjectKey("", scope.namespace()))
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
}
