package io.rancherdesktop.rdd.controller.engine.kube;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.controller.ConflictRetry;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.state} at {@code unknown} is owned by no field manager (docs/engine-mirroring.md, "spec.state and
 * server-side apply"). The engine writes {@code unknown} twice, when it creates a Container mirror and when it resets
 * a served request, and the API server records each write as the writer's claim on the field; a claim with a value
 * other than the one a user applies makes every {@code kubectl apply --server-side} of a state conflict. So the
 * engine drops that claim: {@code unknown} is "no request", which nobody asserts, and a served request is consumed,
 * so its requester's claim goes too (as any overwrite by another manager takes it in Kubernetes).
 */
public final class SpecStateOwnership {
    private static final String SPEC = "f:spec";
    private static final String STATE = "f:state";

    private SpecStateOwnership() {
    }

    /** Whether any field manager of {@code c} claims {@code spec.state}. */
    public static boolean owned(Container c) {
        List<ManagedFieldsEntry> entries = c.getMetadata().getManagedFields();
        return entries != null && entries.stream().anyMatch(SpecStateOwnership::claimsState);
    }

    /** {@code entries} without any claim on {@code spec.state}; an entry left with no field goes. */
    @SuppressWarnings("unchecked")
    public static List<ManagedFieldsEntry> withoutState(List<ManagedFieldsEntry> entries) {
        if (entries == null) {
            return null;
        }
        List<ManagedFieldsEntry> out = new ArrayList<>(entries.size());
        for (ManagedFieldsEntry e : entries) {
            if (!claimsState(e)) {
                out.add(e);
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>(e.getFieldsV1().getAdditionalProperties());
            Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) fields.get(SPEC));
            spec.remove(STATE);
            if (spec.isEmpty() || spec.keySet().equals(java.util.Set.of("."))) {
                fields.remove(SPEC);
            } else {
                fields.put(SPEC, spec);
            }
            if (!fields.isEmpty()) {
                FieldsV1 f = new FieldsV1();
                fields.forEach(f::setAdditionalProperty);
                out.add(new ManagedFieldsEntryBuilder(e).withFieldsV1(f).build());
            }
        }
        return out;
    }

    /**
     * Drops every claim on {@code spec.state} of {@code c} while it is {@code unknown}: a PUT of the managed fields
     * alone, with the read resourceVersion; a conflict reads the object again and re-judges (a new request is
     * claimed by its requester and left alone).
     *
     * @return the object as last written or read; null when it is gone
     */
    public static Container release(KubernetesClient client, Container c) {
        String name = c.getMetadata().getName();
        Container[] current = {c};
        return ConflictRetry.run(() -> "Container " + name + ": releasing spec.state", ConflictRetry.AT_ONCE, attempt -> {
            if (attempt > 1) { // a conflict: read it again and re-judge
                current[0] = client.resources(Container.class).inNamespace(c.getMetadata().getNamespace()).withName(name).get();
            }
            Container cur = current[0];
            if (cur == null || !unknown(cur) || !owned(cur)) {
                return cur;
            }
            cur.getMetadata().setManagedFields(withoutState(cur.getMetadata().getManagedFields()));
            try {
                return client.resource(cur).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return null;
                }
                throw e; // a Conflict is retried by ConflictRetry
            }
        });
    }

    private static boolean unknown(Container c) {
        return c.getSpec() == null || c.getSpec().getState() == null || c.getSpec().getState() == RequestedState.UNKNOWN;
    }

    private static boolean claimsState(ManagedFieldsEntry e) {
        return e.getFieldsV1() != null && e.getFieldsV1().getAdditionalProperties() != null
                && e.getFieldsV1().getAdditionalProperties().get(SPEC) instanceof Map<?, ?> spec && spec.containsKey(STATE);
    }
}
