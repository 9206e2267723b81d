package io.rancherdesktop.rdd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.SelectableField;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads every CRD that the build generated into {@code META-INF/fabric8/} from the class path (exactly as the API
 * server does) and checks what clients and the server rely on: scope, names, enums, defaults, required fields,
 * printer columns, selectable fields, the status subresource and the CEL rules for real clusters.
 */
class GeneratedCrdTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Stream<ResourceKind> kinds() {
        return ResourceKinds.ALL.stream();
    }

    private static CustomResourceDefinition crd(String crdName) {
        ResourceKind kind = ResourceKinds.ALL.stream().filter(k -> k.crdName().equals(crdName)).findFirst()
                .orElseThrow(() -> new AssertionError("no kind for CRD " + crdName));
        return load(kind);
    }

    private static CustomResourceDefinition load(ResourceKind kind) {
        try (InputStream in = GeneratedCrdTest.class.getClassLoader().getResourceAsStream(kind.crdResource())) {
            assertNotNull(in, "generated CRD on the class path: " + kind.crdResource());
            return SERIALIZATION.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CustomResourceDefinitionVersion version(CustomResourceDefinition crd) {
        assertEquals(1, crd.getSpec().getVersions().size(), "one served version");
        return crd.getSpec().getVersions().getFirst();
    }

    private static JSONSchemaProps root(CustomResourceDefinition crd) {
        return version(crd).getSchema().getOpenAPIV3Schema();
    }

    private static JSONSchemaProps prop(JSONSchemaProps schema, String dottedPath) {
        JSONSchemaProps node = schema;
        for (String field : dottedPath.split("\\.")) {
            if (field.equals("[]")) {
                node = node.getItems().getSchema();
            } else {
                assertNotNull(node.getProperties(), "properties above " + field + " in " + dottedPath);
                node = node.getProperties().get(field);
            }
            assertNotNull(node, "schema has " + dottedPath);
        }
        return node;
    }

    private static List<String> enumOf(JSONSchemaProps schema) {
        return schema.getEnum().stream().map(JsonNode::asText).sorted().toList();
    }

    private static Map<String, CustomResourceColumnDefinition> columns(CustomResourceDefinition crd) {
        List<CustomResourceColumnDefinition> cols = version(crd).getAdditionalPrinterColumns();
        return cols == null ? Map.of()
                : cols.stream().collect(Collectors.toMap(CustomResourceColumnDefinition::getName, c -> c));
    }

    private static Set<String> selectable(CustomResourceDefinition crd) {
        List<SelectableField> fields = version(crd).getSelectableFields();
        return fields == null ? Set.of() : fields.stream().map(SelectableField::getJsonPath).collect(Collectors.toSet());
    }

    private static boolean hasStatusSubresource(CustomResourceDefinition crd) {
        return version(crd).getSubresources() != null && version(crd).getSubresources().getStatus() != null;
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyKindHasAGeneratedCrdMatchingItsModelClass(ResourceKind kind) {
        CustomResourceDefinition crd = load(kind);
        assertEquals("apiextensions.k8s.io/v1", crd.getApiVersion());
        assertEquals(kind.crdName(), crd.getMetadata().getName());
        assertEquals(kind.group(), crd.getSpec().getGroup());
        assertEquals(kind.kind(), crd.getSpec().getNames().getKind());
        assertEquals(kind.plural(), crd.getSpec().getNames().getPlural());
        assertEquals(kind.namespaced() ? "Namespaced" : "Cluster", crd.getSpec().getScope());
        CustomResourceDefinitionVersion v = version(crd);
        assertEquals("v1alpha1", v.getName());
        assertTrue(v.getServed() && v.getStorage(), "served and stored");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everySchemaIsStructural(ResourceKind kind) {
        // A real kube-apiserver rejects a CRD whose schema has a node without a type (outside the root metadata).
        assertTyped(root(load(kind)), kind.kind());
    }

    private static void assertTyped(JSONSchemaProps schema, String path) {
        assertNotNull(schema.getType(), "type at " + path);
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, child) -> {
                if (!(path.indexOf('.') < 0 && name.equals("metadata"))) {
                    assertTyped(child, path + "." + name);
                }
            });
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            assertTyped(schema.getItems().getSchema(), path + "[]");
        }
        if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
            assertTyped(schema.getAdditionalProperties().getSchema(), path + "{}");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void conditionListsAreMapsKeyedByTypeWithTheStandardStatusEnum(ResourceKind kind) {
        JSONSchemaProps status = root(load(kind)).getProperties().get("status");
        if (status == null || status.getProperties() == null || !status.getProperties().containsKey("conditions")) {
            return;
        }
        JSONSchemaProps conditions = status.getProperties().get("conditions");
        assertEquals("map", conditions.getXKubernetesListType());
        assertEquals(List.of("type"), conditions.getXKubernetesListMapKeys());
        JSONSchemaProps item = conditions.getItems().getSchema();
        assertTrue(item.getRequired().containsAll(List.of("type", "status")), "type and status required");
        assertEquals(List.of("False", "True", "Unknown"), enumOf(item.getProperties().get("status")));
        assertEquals(Set.of("type", "status", "reason", "message", "lastTransitionTime", "observedGeneration"),
                item.getProperties().keySet());
        assertEquals(32768L, item.getProperties().get("message").getMaxLength());
        assertEquals("date-time", item.getProperties().get("lastTransitionTime").getFormat());
    }

    @Test
    void everyGeneratedYamlBelongsToARegisteredKind() throws URISyntaxException, IOException {
        URL dir = getClass().getClassLoader().getResource("META-INF/fabric8");
        assertNotNull(dir, "META-INF/fabric8 on the class path");
        Set<String> files;
        try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-v1.yml")).collect(Collectors.toSet());
        }
        Set<String> expected = ResourceKinds.ALL.stream()
                .map(k -> Path.of(k.crdResource()).getFileName().toString()).collect(Collectors.toSet());
        assertEquals(expected, files, "ResourceKinds.ALL lists exactly the generated CRDs");
    }

    @Test
    void appIsAClusterScopedSingletonWithCelRulesForRealClusters() {
        CustomResourceDefinition crd = crd("apps.app.rancherdesktop.io");
        assertEquals("Cluster", crd.getSpec().getScope());
        assertEquals(List.of("all"), crd.getSpec().getNames().getCategories());
        assertTrue(hasStatusSubresource(crd));
        JSONSchemaProps root = root(crd);
        List<ValidationRule> rootRules = root.getXKubernetesValidations();
        assertEquals(1, rootRules.size());
        assertEquals("self.metadata.name == 'app'", rootRules.getFirst().getRule());
        assertEquals("App resource must be named 'app'", rootRules.getFirst().getMessage());

        JSONSchemaProps namespace = prop(root, "spec.namespace");
        assertEquals("default", namespace.getDefault().asText());
        assertEquals("self == oldSelf", namespace.getXKubernetesValidations().getFirst().getRule());
        assertEquals("spec.namespace is immutable", namespace.getXKubernetesValidations().getFirst().getMessage());
    }

    @Test
    void appSpecHasTheDocumentedFieldsEnumsDefaultsAndRequiredFields() {
        JSONSchemaProps root = root(crd("apps.app.rancherdesktop.io"));
        JSONSchemaProps spec = prop(root, "spec");
        assertEquals(List.of("running"), spec.getRequired());
        assertEquals("boolean", prop(root, "spec.running").getType());
        assertEquals(Set.of("running", "namespace", "containerEngine", "kubernetes", "vm"), spec.getProperties().keySet());

        JSONSchemaProps engine = prop(root, "spec.containerEngine");
        assertEquals("moby", engine.getDefault().path("name").asText(), "object default {name: moby}");
        assertEquals(List.of("containerd", "moby"), enumOf(prop(root, "spec.containerEngine.name")));

        JSONSchemaProps kubernetes = prop(root, "spec.kubernetes");
        assertEquals(List.of("enabled"), kubernetes.getRequired());
        assertFalse(prop(root, "spec.kubernetes.enabled").getDefault().asBoolean(true));
        assertEquals("string", prop(root, "spec.kubernetes.version").getType());

        assertEquals("auto", prop(root, "spec.vm").getDefault().path("driver").asText());
        assertEquals(List.of("auto", "external", "lima", "process"), enumOf(prop(root, "spec.vm.driver")));
        assertEquals("auto", prop(root, "spec.vm.driver").getDefault().asText());
        assertEquals("string", prop(root, "spec.vm.socket").getType());

        assertEquals("integer", prop(root, "status.kubernetesPort").getType());
    }

    @Test
    void appFieldDescriptionsStartWithASentenceForRddSetHelp() {
        JSONSchemaProps root = root(crd("apps.app.rancherdesktop.io"));
        for (String path : List.of("spec.running", "spec.containerEngine.name", "spec.kubernetes.enabled",
                "spec.kubernetes.version", "spec.vm.driver", "spec.vm.socket")) {
            String description = prop(root, path).getDescription();
            assertNotNull(description, path);
            assertTrue(description.matches("[A-Z][^.]*\\..*"), path + " starts with a sentence: " + description);
        }
    }

    @Test
    void virtualMachineShowsRunningAndDefaultsToStoppedMobyAuto() {
        CustomResourceDefinition crd = crd("virtualmachines.vm.rancherdesktop.io");
        assertEquals("Namespaced", crd.getSpec().getScope());
        assertEquals(List.of("all"), crd.getSpec().getNames().getCategories());
        assertTrue(hasStatusSubresource(crd));
        CustomResourceColumnDefinition running = columns(crd).get("Running");
        assertEquals(".spec.running", running.getJsonPath());
        assertEquals("boolean", running.getType());

        JSONSchemaProps root = root(crd);
        assertEquals(List.of("auto", "external", "lima", "process"), enumOf(prop(root, "spec.driver")));
        assertFalse(prop(root, "spec.running").getDefault().asBoolean(true));
        assertEquals("moby", prop(root, "spec.containerEngine").getDefault().path("name").asText());
        assertEquals("string", prop(root, "spec.socket").getType());
        assertEquals(Set.of("conditions", "observedGeneration", "restartCount", "driver", "dockerEndpoint", "message"),
                prop(root, "status").getProperties().keySet());
        assertEquals(List.of("auto", "external", "lima", "process"), enumOf(prop(root, "status.driver")));
    }

    @Test
    void containerNamespaceIsMetadataOnlyWithShortNameCns() {
        CustomResourceDefinition crd = crd("containernamespaces.containers.rancherdesktop.io");
        assertEquals(List.of("cns"), crd.getSpec().getNames().getShortNames());
        assertEquals(List.of("all"), crd.getSpec().getNames().getCategories());
        assertFalse(hasStatusSubresource(crd));
        Map<String, JSONSchemaProps> properties = root(crd).getProperties();
        assertTrue(properties == null || properties.isEmpty(), "no spec and no status: " + properties);
    }

    @Test
    void containerStateIsAOneShotRequestThatAcceptsPausedAndRestarted() {
        CustomResourceDefinition crd = crd("containers.containers.rancherdesktop.io");
        JSONSchemaProps state = prop(root(crd), "spec.state");
        assertEquals(List.of("created", "paused", "restarted", "running", "unknown"), enumOf(state));
        assertEquals("unknown", state.getDefault().asText());
    }

    @Test
    void containerStatusMirrorsDockerWithRunningColumnAndNamespaceSelector() {
        CustomResourceDefinition crd = crd("containers.containers.rancherdesktop.io");
        assertEquals(List.of("all"), crd.getSpec().getNames().getCategories());
        assertTrue(hasStatusSubresource(crd));
        CustomResourceColumnDefinition running = columns(crd).get("Running");
        assertEquals(".status.conditions[?(@.type==\"Running\")].status", running.getJsonPath());
        assertEquals("string", running.getType());
        assertEquals(Set.of(".status.namespace", ".status.name", ".status.status"), selectable(crd));

        JSONSchemaProps root = root(crd);
        JSONSchemaProps status = prop(root, "status.status");
        assertEquals(List.of("created", "dead", "exited", "paused", "pausing", "removing", "restarting", "running",
                "unknown"), enumOf(status));
        assertEquals("unknown", status.getDefault().asText());
        assertEquals(Set.of("lastAction", "name", "namespace", "path", "args", "image", "labels", "ports", "status",
                "pid", "exitCode", "error", "createdAt", "startedAt", "finishedAt", "conditions", "portBindings", "env", "mounts",
                "networks", "restartPolicy", "restartCount", "health"),
                prop(root, "status").getProperties().keySet());

        JSONSchemaProps ports = prop(root, "status.ports");
        assertEquals("map", ports.getXKubernetesListType());
        assertEquals(List.of("name"), ports.getXKubernetesListMapKeys());
        assertEquals(List.of("name"), ports.getItems().getSchema().getRequired());
        assertEquals("string", prop(root, "status.ports.[].bindings.[].hostIP").getType());
        assertEquals("string", prop(root, "status.ports.[].bindings.[].hostPort").getType(),
                "hostPort is a string, as Docker reports it");

        for (String list : List.of("status.networks", "status.portBindings")) {
            assertEquals("map", prop(root, list).getXKubernetesListType(), list);
            assertEquals(List.of("name"), prop(root, list).getXKubernetesListMapKeys(), list);
        }
        assertEquals(Set.of("type", "volume", "volumeName", "source", "destination", "mode", "rw"),
                prop(root, "status.mounts.[]").getProperties().keySet());
        assertEquals(Set.of("status", "failingStreak", "lastOutput", "lastExitCode"),
                prop(root, "status.health").getProperties().keySet());
        assertEquals(Set.of("name", "maximumRetryCount"), prop(root, "status.restartPolicy").getProperties().keySet());

        assertEquals(List.of("Failed", "Succeeded"), enumOf(prop(root, "status.lastAction.state")));
        assertEquals(Set.of("action", "state", "error", "observedGeneration", "observedAt", "completedAt"),
                prop(root, "status.lastAction").getProperties().keySet());
        assertEquals("string", prop(root, "status.labels").getAdditionalProperties().getSchema().getType());
    }

    @Test
    void imageHasTagCreatedSizeColumnsAndFiveSelectableFields() {
        CustomResourceDefinition crd = crd("images.containers.rancherdesktop.io");
        assertTrue(hasStatusSubresource(crd));
        Map<String, CustomResourceColumnDefinition> columns = columns(crd);
        assertEquals(Set.of("Tag", "Created", "Size"), columns.keySet());
        assertEquals(".status.repoTag", columns.get("Tag").getJsonPath());
        assertEquals("date", columns.get("Created").getType());
        assertEquals(".status.createdAt", columns.get("Created").getJsonPath());
        assertEquals("integer", columns.get("Size").getType());
        assertEquals(Set.of(".status.namespace", ".status.id", ".status.repoTag", ".status.dangling", ".status.inUse"), selectable(crd));
        JSONSchemaProps root = root(crd);
        assertFalse(root.getProperties().containsKey("spec"), "an Image has no spec");
        assertEquals(Set.of("namespace", "id", "repoTag", "dangling", "repoDigests", "createdAt", "architecture", "os", "size",
                "labels", "conditions", "layers", "history", "usedBy", "inUse"), prop(root, "status").getProperties().keySet());
        assertEquals("integer", prop(root, "status.size").getType());
        assertEquals("boolean", prop(root, "status.inUse").getType());
        assertEquals("string", prop(root, "status.usedBy").getItems().getSchema().getType());
    }

    @Test
    void volumeHasDriverColumnAndNameAndNamespaceSelectors() {
        CustomResourceDefinition crd = crd("volumes.containers.rancherdesktop.io");
        assertEquals(Set.of("Driver"), columns(crd).keySet());
        assertEquals(".status.driver", columns(crd).get("Driver").getJsonPath());
        assertEquals(Set.of(".status.namespace", ".status.name", ".status.inUse"), selectable(crd));
        JSONSchemaProps root = root(crd);
        assertFalse(root.getProperties().containsKey("spec"), "a Volume has no spec");
        assertEquals(Set.of("name", "namespace", "createdAt", "driver", "mountpoint", "labels", "scope", "options",
                "usedBy", "inUse"),
                prop(root, "status").getProperties().keySet());
    }

    @Test
    void containerCreateRequestStartsTheContainerByDefault() {
        // S1: the create request's state defaults to running (unlike Container.spec.state).
        CustomResourceDefinition crd = crd("containercreaterequests.containers.rancherdesktop.io");
        JSONSchemaProps root = root(crd);
        JSONSchemaProps state = prop(root, "spec.state");
        assertEquals(List.of("created", "running"), enumOf(state));
        assertEquals("running", state.getDefault().asText());
        assertEquals(List.of("image"), prop(root, "spec").getRequired());
        assertEquals(List.of("spec"), root.getRequired());
        assertEquals(Set.of(".spec.namespace"), selectable(crd));
        assertEquals(Set.of("name", "containerRef", "imageRef", "conditions", "observedGeneration", "startTime", "completionTime",
                "progress"), prop(root, "status").getProperties().keySet());
        assertEquals(Set.of("image", "name", "namespace", "path", "args", "ports", "labels", "state", "env", "workingDir",
                "mounts", "restartPolicy", "autoRemove", "networkMode", "ttlSecondsAfterFinished"), prop(root, "spec").getProperties().keySet());
        assertEquals(3600, prop(root, "spec.ttlSecondsAfterFinished").getDefault().asInt());
    }

    @Test
    void requestKindsHaveTheirSpecFieldsAndStatusSubresource() {
        CustomResourceDefinition pull = crd("imagepullrequests.containers.rancherdesktop.io");
        assertEquals(Set.of(".spec.namespace"), selectable(pull));
        assertEquals(List.of("repoTag"), prop(root(pull), "spec").getRequired());
        assertEquals(Set.of("namespace", "repoTag", "secretRef", "ttlSecondsAfterFinished"), prop(root(pull), "spec").getProperties().keySet());
        assertEquals(Set.of("conditions", "observedGeneration", "startTime", "completionTime", "progress", "imageRef", "imageID",
                "digest"), prop(root(pull), "status").getProperties().keySet());

        CustomResourceDefinition push = crd("imagepushrequests.containers.rancherdesktop.io");
        assertEquals(Set.of("imageRef", "repoTag", "secretRef", "ttlSecondsAfterFinished"), prop(root(push), "spec").getProperties().keySet());

        CustomResourceDefinition scan = crd("imagescanrequests.containers.rancherdesktop.io");
        assertEquals(Set.of("imageRef", "ttlSecondsAfterFinished"), prop(root(scan), "spec").getProperties().keySet());
        assertEquals("string", prop(root(scan), "status.result").getType());

        CustomResourceDefinition volume = crd("volumecreaterequests.containers.rancherdesktop.io");
        assertEquals(Set.of("name", "namespace", "driver", "labels", "options", "ttlSecondsAfterFinished"),
                prop(root(volume), "spec").getProperties().keySet());
        assertEquals(Set.of("conditions", "observedGeneration", "startTime", "completionTime", "progress", "volumeRef", "volumeName"),
                prop(root(volume), "status").getProperties().keySet());

        for (CustomResourceDefinition crd : List.of(pull, push, scan, volume)) {
            assertTrue(hasStatusSubresource(crd), crd.getMetadata().getName());
            assertEquals("Namespaced", crd.getSpec().getScope());
        }
    }
}
