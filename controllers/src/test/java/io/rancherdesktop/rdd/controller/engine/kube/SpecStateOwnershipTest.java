package io.rancherdesktop.rdd.controller.engine.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 14 (item 6): the claims on {@code spec.state} go, every other claim stays. */
class SpecStateOwnershipTest {

    private static ManagedFieldsEntry entry(String manager, String operation, Map<String, Object> fields) {
        FieldsV1 f = new FieldsV1();
        fields.forEach(f::setAdditionalProperty);
        return new ManagedFieldsEntryBuilder().withManager(manager).withOperation(operation).withFieldsType("FieldsV1")
                .withFieldsV1(f).build();
    }

    @Test
    void onlyTheClaimsOnSpecStateAreDroppedAndAnEntryLeftEmptyGoes() {
        List<ManagedFieldsEntry> entries = List.of(
                entry("rdd-engine-controller", "Update", Map.of(
                        "f:metadata", Map.of("f:finalizers", Map.of(".", Map.of(), "v:\"engine.rancherdesktop.io/mirror\"", Map.of())),
                        "f:spec", Map.of(".", Map.of(), "f:state", Map.of()))),
                entry("kubectl", "Apply", Map.of("f:spec", Map.of("f:state", Map.of()))),
                entry("engine-controller", "Apply", Map.of("f:status", Map.of("f:status", Map.of()))));
        Container c = new Container();
        c.setMetadata(new ObjectMeta());
        c.getMetadata().setManagedFields(entries);
        assertTrue(SpecStateOwnership.owned(c));

        List<ManagedFieldsEntry> released = SpecStateOwnership.withoutState(entries);

        assertEquals(List.of("rdd-engine-controller", "engine-controller"), released.stream().map(ManagedFieldsEntry::getManager).toList());
        assertEquals(Map.of("f:metadata", Map.of("f:finalizers", Map.of(".", Map.of(), "v:\"engine.rancherdesktop.io/mirror\"", Map.of()))),
                released.getFirst().getFieldsV1().getAdditionalProperties());
        assertEquals(entries.get(2), released.get(1));
        c.getMetadata().setManagedFields(released);
        assertFalse(SpecStateOwnership.owned(c));
    }
}
