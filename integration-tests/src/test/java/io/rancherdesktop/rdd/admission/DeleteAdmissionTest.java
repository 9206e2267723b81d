package io.rancherdesktop.rdd.admission;

import static io.rancherdesktop.rdd.admission.Requests.json;
import static io.rancherdesktop.rdd.admission.Requests.namespaced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Delete rules: ContainerNamespace (docs/api.md §3.1) and VirtualMachine (docs/api.md §2). */
class DeleteAdmissionTest {

    private static final String CONTAINERS = "containers.rancherdesktop.io";
    private static final String VM = "vm.rancherdesktop.io";

    private final ContainerNamespaceDeleteValidator namespaces = new ContainerNamespaceDeleteValidator();
    private final VirtualMachineDeleteGuard machines = new VirtualMachineDeleteGuard();

    private static ObjectNode vm(String finalizers) {
        return json("{\"apiVersion\":\"vm.rancherdesktop.io/v1alpha1\",\"kind\":\"VirtualMachine\","
                + "\"metadata\":{\"name\":\"rd\",\"namespace\":\"default\",\"finalizers\":" + finalizers + "},"
                + "\"spec\":{\"running\":true}}");
    }

    @Test
    void deletingAContainerNamespaceIsAllowedWithAWarning() {
        // I2: the namespace carries no finalizer, so the delete completes; admission only warns.
        ObjectNode moby = json("{\"metadata\":{\"name\":\"moby\",\"namespace\":\"default\"}}");
        AdmissionRequest delete = namespaced(Operation.DELETE, CONTAINERS, "ContainerNamespace", "containernamespaces",
                "", null, moby);
        assertTrue(namespaces.handles(delete));
        AdmissionResult.Allowed allowed = assertInstanceOf(AdmissionResult.Allowed.class, namespaces.validate(delete));
        assertEquals(List.of("namespace delete validation not implemented"), allowed.warnings());
    }

    @Test
    void containerNamespaceCreateAndUpdateAreNotIntercepted() {
        ObjectNode moby = json("{\"metadata\":{\"name\":\"moby\",\"namespace\":\"default\"}}");
        assertFalse(namespaces.handles(namespaced(Operation.CREATE, CONTAINERS, "ContainerNamespace",
                "containernamespaces", "", moby, null)));
        assertFalse(namespaces.handles(namespaced(Operation.UPDATE, CONTAINERS, "ContainerNamespace",
                "containernamespaces", "", moby, moby)));
    }

    @Test
    void deletingAVirtualMachineOwnedByTheAppIsForbidden() {
        AdmissionRequest delete = namespaced(Operation.DELETE, VM, "VirtualMachine", "virtualmachines", "", null,
                vm("[\"rdd.rancherdesktop.io/cleanup\",\"rdd.rancherdesktop.io/owned-by-App\"]"));
        assertTrue(machines.handles(delete));
        AdmissionResult.Denied d = assertInstanceOf(AdmissionResult.Denied.class, machines.validate(delete));
        assertEquals(403, d.code());
        assertEquals("Forbidden", d.reason());
        assertTrue(d.message().contains("owned by App"), d.message());
        assertTrue(d.message().contains("delete the App resource instead"), d.message());
    }

    @Test
    void aVirtualMachineReleasedByTheAppCanBeDeleted() {
        // The App controller removes owned-by-App during App deletion, then deletes the machine.
        for (String finalizers : List.of("[\"rdd.rancherdesktop.io/cleanup\"]", "[]")) {
            AdmissionRequest delete = namespaced(Operation.DELETE, VM, "VirtualMachine", "virtualmachines", "", null,
                    vm(finalizers));
            assertInstanceOf(AdmissionResult.Allowed.class, machines.validate(delete), finalizers);
        }
    }

    @Test
    void virtualMachineUpdatesAreNotIntercepted() {
        ObjectNode owned = vm("[\"rdd.rancherdesktop.io/owned-by-App\"]");
        assertFalse(machines.handles(namespaced(Operation.UPDATE, VM, "VirtualMachine", "virtualmachines", "",
                owned, owned)), "the App controller must be able to remove its finalizer");
    }
}
