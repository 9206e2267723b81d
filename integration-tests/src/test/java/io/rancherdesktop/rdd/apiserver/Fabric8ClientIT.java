package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fabric8 calls controllers make (typed and generic), including server-side apply, against the embedded server. */
@ExtendWith(ApiServerExtension.class)
class Fabric8ClientIT {

    private static GenericKubernetesResource widget(String name, Map<String, Object> spec) {
        GenericKubernetesResource w = new GenericKubernetesResource();
        w.setApiVersion("test.rancherdesktop.io/v1alpha1");
        w.setKind("Widget");
        w.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
        w.setAdditionalProperty("spec", spec);
        return w;
    }

    @Test
    void typedCrudWithUpdatesEditsAndLabelSelectors(KubernetesClient client) {
        var cms = client.configMaps().inNamespace("default");
        ConfigMap created = cms.resource(new ConfigMapBuilder().withNewMetadata().withName("f8").addToLabels("app", "x").endMetadata()
                .addToData("a", "1").build()).create();
        assertNotNull(created.getMetadata().getUid());
        ConfigMap edited = cms.withName("f8").edit(c -> new ConfigMapBuilder(c).addToData("b", "2").build());
        assertEquals(Map.of("a", "1", "b", "2"), edited.getData());
        created.getData().put("c", "3");
        assertThrows(KubernetesClientException.class, () -> cms.resource(created).update(), "a stale update conflicts");
        assertEquals(1, cms.withLabel("app", "x").list().getItems().size());
        assertEquals(0, cms.withLabel("app", "y").list().getItems().size());
        assertEquals(1, cms.withField("metadata.name", "f8").list().getItems().size());
        assertTrue(cms.withName("f8").delete().size() == 1);
        assertNull(cms.withName("f8").get());
        ConfigMap gone = cms.withName("f8").waitUntilCondition(c -> c == null, 10, TimeUnit.SECONDS);
        assertNull(gone);
    }

    @Test
    void serverSideApplyCreatesAndUpdatesWithFabric8(KubernetesClient client) {
        var widgets = client.genericKubernetesResources("test.rancherdesktop.io/v1alpha1", "Widget").inNamespace("default");
        GenericKubernetesResource first = widgets.resource(widget("f8-ssa", Map.of("color", "red"))).fieldManager("rdd-test").forceConflicts().serverSideApply();
        assertEquals("red", ((Map<?, ?>) first.getAdditionalProperties().get("spec")).get("color"));
        GenericKubernetesResource second = widgets.resource(widget("f8-ssa", Map.of("color", "blue", "size", 3))).fieldManager("rdd-test")
                .forceConflicts().serverSideApply();
        Map<?, ?> spec = (Map<?, ?>) second.getAdditionalProperties().get("spec");
        assertEquals("blue", spec.get("color"));
        assertEquals(3, spec.get("size"));
        assertEquals(2L, second.getMetadata().getGeneration());
        assertEquals("rdd-test", second.getMetadata().getManagedFields().getFirst().getManager());
    }

    @Test
    void statusIsWrittenThroughTheStatusSubresource(KubernetesClient client) {
        var widgets = client.genericKubernetesResources("test.rancherdesktop.io/v1alpha1", "Widget").inNamespace("default");
        widgets.resource(widget("f8-status", Map.of("color", "green"))).create();
        GenericKubernetesResource current = widgets.withName("f8-status").get();
        current.setAdditionalProperty("status", Map.of("phase", "Up", "conditions", List.of(Map.of("type", "Ready", "status", "True"))));
        GenericKubernetesResource updated = widgets.resource(current).updateStatus();
        assertEquals("Up", ((Map<?, ?>) updated.getAdditionalProperties().get("status")).get("phase"));
        assertEquals(1L, updated.getMetadata().getGeneration());
        GenericKubernetesResource patched = widgets.withName("f8-status").subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"phase\":\"Down\"}}");
        assertEquals("Down", ((Map<?, ?>) patched.getAdditionalProperties().get("status")).get("phase"));
        // As java-operator-sdk writes status: server-side apply on /status with force.
        GenericKubernetesResource applied = widgets.resource(statusOnly("f8-status", "Applied")).subresource("status").patch(
                new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("status-writer").withForce(true).build());
        assertEquals("Applied", ((Map<?, ?>) applied.getAdditionalProperties().get("status")).get("phase"));
        assertEquals("green", ((Map<?, ?>) applied.getAdditionalProperties().get("spec")).get("color"));
    }

    private static GenericKubernetesResource statusOnly(String name, String phase) {
        GenericKubernetesResource w = new GenericKubernetesResource();
        w.setApiVersion("test.rancherdesktop.io/v1alpha1");
        w.setKind("Widget");
        w.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default").build());
        w.setAdditionalProperty("status", Map.of("phase", phase));
        return w;
    }

    @Test
    void finalizersAddedAndRemovedByAControllerGateTheDelete(KubernetesClient client) {
        var widgets = client.genericKubernetesResources("test.rancherdesktop.io/v1alpha1", "Widget").inNamespace("default");
        widgets.resource(widget("f8-fin", Map.of("color", "red"))).create();
        widgets.withName("f8-fin").edit(w -> {
            w.getMetadata().setFinalizers(List.of("test.rancherdesktop.io/cleanup"));
            return w;
        });
        widgets.withName("f8-fin").delete();
        GenericKubernetesResource terminating = widgets.withName("f8-fin").get();
        assertNotNull(terminating.getMetadata().getDeletionTimestamp());
        widgets.withName("f8-fin").edit(w -> {
            w.getMetadata().setFinalizers(List.of());
            return w;
        });
        assertNull(widgets.withName("f8-fin").waitUntilCondition(w -> w == null, 10, TimeUnit.SECONDS));
    }
}
