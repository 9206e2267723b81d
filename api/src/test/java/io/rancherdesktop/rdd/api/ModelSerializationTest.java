package io.rancherdesktop.rdd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.VmSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNamespace;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerPort;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.PortBinding;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model classes read and write exactly the JSON of docs/api.md, as fabric8 clients will send it. */
class ModelSerializationTest {

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    private JsonNode toJson(Object o) {
        return serialization.convertValue(o, JsonNode.class);
    }

    @Test
    void appReadsTheDocumentedJson() {
        String json = """
                {"apiVersion":"app.rancherdesktop.io/v1alpha1","kind":"App","metadata":{"name":"app","generation":3},
                 "spec":{"running":true,"namespace":"default","containerEngine":{"name":"containerd"},
                         "kubernetes":{"enabled":false,"version":""},"vm":{"driver":"external","socket":"unix:///x.sock"}},
                 "status":{"kubernetesPort":7443,"conditions":[{"type":"Settled","status":"True","reason":"Settled",
                   "message":"","lastTransitionTime":"2026-01-01T00:00:00Z","observedGeneration":3}]}}""";
        App app = serialization.unmarshal(json, App.class);
        assertEquals(ContainerEngine.CONTAINERD, app.getSpec().getContainerEngine().getName());
        assertEquals(VmDriverKind.EXTERNAL, app.getSpec().getVm().getDriver());
        assertEquals("unix:///x.sock", app.getSpec().getVm().getSocket());
        assertTrue(app.getSpec().getRunning());
        assertEquals(7443, app.getStatus().getKubernetesPort());
        assertTrue(Conditions.isTrue(app.getStatus().getConditions(), ConditionTypes.SETTLED));
        assertEquals(App.GROUP + "/" + App.VERSION, app.getApiVersion());
    }

    @Test
    void unsetFieldsAreOmittedSoMergePatchesTouchOnlyWhatWasSet() {
        App app = new App();
        app.setMetadata(new ObjectMetaBuilder().withName(App.NAME).build());
        AppSpec spec = new AppSpec();
        spec.setRunning(false);
        spec.setVm(new VmSpec(VmDriverKind.PROCESS, null));
        app.setSpec(spec);
        JsonNode json = toJson(app);
        assertEquals("app.rancherdesktop.io/v1alpha1", json.path("apiVersion").asText());
        assertEquals("App", json.path("kind").asText());
        assertEquals(List.of("running", "vm"), names(json.path("spec")));
        assertEquals("process", json.path("spec").path("vm").path("driver").asText());
        assertFalse(json.path("spec").path("vm").has("socket"));
        assertFalse(json.has("status"), "no status when none is set");
    }

    @Test
    void containerUsesTheWireNamesOfTheSpec() {
        Container c = new Container();
        c.setMetadata(new ObjectMetaBuilder().withName("a".repeat(64)).withNamespace("default").build());
        c.setSpec(new ContainerSpec(RequestedState.PAUSED));
        ContainerStatus status = new ContainerStatus();
        status.setStatus(RunStatus.RUNNING);
        status.setPorts(List.of(new ContainerPort("80/tcp", List.of(new PortBinding("0.0.0.0", "8080")))));
        c.setStatus(status);
        JsonNode json = toJson(c);
        assertEquals("containers.rancherdesktop.io/v1alpha1", json.path("apiVersion").asText());
        assertEquals("paused", json.path("spec").path("state").asText());
        assertEquals("running", json.path("status").path("status").asText());
        JsonNode binding = json.path("status").path("ports").path(0).path("bindings").path(0);
        assertEquals("0.0.0.0", binding.path("hostIP").asText(), "hostIP, not hostIp");
        assertTrue(binding.path("hostPort").isTextual(), "hostPort is a string");
        assertEquals("80/tcp", json.path("status").path("ports").path(0).path("name").asText());
    }

    @Test
    void unknownEngineStatusesMapToUnknown() {
        assertEquals(RunStatus.PAUSED, RunStatus.fromEngine("paused"));
        assertEquals(RunStatus.UNKNOWN, RunStatus.fromEngine("frozen"));
        assertEquals(RunStatus.UNKNOWN, RunStatus.fromEngine(null));
    }

    @Test
    void containerNamespaceIsMetadataOnly() {
        ContainerNamespace ns = new ContainerNamespace();
        ns.setMetadata(new ObjectMetaBuilder().withName(ContainerNamespace.MOBY).withNamespace("default").build());
        JsonNode json = toJson(ns);
        assertFalse(json.has("spec"));
        assertFalse(json.has("status"));
        assertEquals("ContainerNamespace", json.path("kind").asText());
    }

    @Test
    void virtualMachineReadsDriverAndEngine() {
        String json = """
                {"apiVersion":"vm.rancherdesktop.io/v1alpha1","kind":"VirtualMachine",
                 "metadata":{"name":"rd","namespace":"default","finalizers":["rdd.rancherdesktop.io/owned-by-App"]},
                 "spec":{"driver":"process","running":true,"containerEngine":{"name":"moby"}},
                 "status":{"driver":"process","restartCount":2,"dockerEndpoint":"unix:///tmp/d.sock"}}""";
        VirtualMachine vm = serialization.unmarshal(json, VirtualMachine.class);
        assertEquals(VmDriverKind.PROCESS, vm.getSpec().getDriver());
        assertEquals(ContainerEngine.MOBY, vm.getSpec().getContainerEngine().getName());
        assertEquals(2, vm.getStatus().getRestartCount());
        assertEquals(List.of(Finalizers.OWNED_BY_APP), vm.getMetadata().getFinalizers());
        assertNull(vm.getStatus().getMessage());
    }

    @Test
    void resourceKindsDescribeEveryKind() {
        ResourceKind container = ResourceKinds.find("containers.rancherdesktop.io", "Container").orElseThrow();
        assertEquals("containers", container.plural());
        assertTrue(container.namespaced());
        assertEquals("META-INF/fabric8/containers.containers.rancherdesktop.io-v1.yml", container.crdResource());
        ResourceKind app = ResourceKinds.find(App.GROUP, "App").orElseThrow();
        assertFalse(app.namespaced());
        assertEquals("apps.app.rancherdesktop.io", app.crdName());
        assertEquals(11, ResourceKinds.ALL.size());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
