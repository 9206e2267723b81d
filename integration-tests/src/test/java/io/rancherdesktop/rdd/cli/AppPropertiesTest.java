package io.rancherdesktop.rdd.cli;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.rancherdesktop.rdd.wire.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rdd set}'s property handling (docs/design/upstream-cli.md §5.1–5.3) against the generated App CRD, as the server serves it. */
class AppPropertiesTest {

    private static AppProperties props;

    @BeforeAll
    static void loadTheGeneratedCrdAsTheCliSeesIt() throws IOException {
        try (InputStream in = AppPropertiesTest.class.getClassLoader()
                .getResourceAsStream("META-INF/fabric8/apps.app.rancherdesktop.io-v1.yml")) {
            KubernetesSerialization serialization = new KubernetesSerialization();
            CustomResourceDefinition crd = serialization.unmarshal(in, CustomResourceDefinition.class);
            // Through the CLI's own JSON codec, exactly as a GET of the CRD returns it.
            props = AppProperties.fromCrd(Json.parseObject(serialization.asJson(crd)));
        }
    }

    private static String usageError(String argument) {
        CliException e = assertThrows(CliException.class, () -> props.parse(argument));
        assertEquals(ExitCodes.GENERIC, e.exitCode(), "argument errors exit 1");
        return e.getMessage();
    }

    @Test
    void settablePropertiesAreTheSpecLeavesWithoutNamespace() {
        List<String> paths = props.leaves().stream().map(AppProperties.Node::path).toList();
        assertEquals(List.of("containerEngine.name", "kubernetes.enabled", "kubernetes.version", "running", "vm.driver", "vm.socket"), paths);
    }

    @Test
    void helpTableListsPathTypeAndFirstSentence() {
        String table = props.helpTable();
        assertTrue(table.startsWith("Available properties:\n"), table);
        assertTrue(table.contains("containerEngine.name  (moby|containerd)"), table);
        assertTrue(table.contains("running               (boolean)"), table);
        assertTrue(table.contains("vm.driver             (auto|external|lima|process)"), table);
        assertTrue(table.contains("Whether the machine and its container engine should run.\n"), "first sentence only: " + table);
        assertFalse(table.contains("Copied to the VirtualMachine"), "later sentences are left out: " + table);
        assertTrue(table.contains("Kubernetes version, e.g. 1.32.0, or a channel such as stable or latest.\n"),
                "an abbreviation does not end the sentence: " + table);
        assertTrue(table.contains("How the container engine is run: auto, process, external or lima.\n"),
                "a sentence may be followed by a lower-case word: " + table);
        assertFalse(table.contains("namespace"), table);
    }

    @Test
    void valuesAreTypedFromTheSchema() {
        assertEquals(Boolean.TRUE, props.parse("running=true").value());
        assertEquals(Boolean.FALSE, props.parse("running=FALSE").value());
        assertEquals("containerd", props.parse("containerEngine.name=containerd").value());
        assertEquals("process", props.parse("vm.driver=process").value());
        assertEquals("", props.parse("kubernetes.version=").value(), "an empty string clears a string field");
        assertEquals("unix:///x=y.sock", props.parse("vm.socket=unix:///x=y.sock").value(), "only the first = splits");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "namespace=test|unknown property \"namespace\"; valid properties: containerEngine.name, kubernetes.enabled, kubernetes.version, running, vm.driver, vm.socket",
            "nonexistent=value|unknown property \"nonexistent\"; valid properties:",
            "containerEngine.foo=1|unknown property \"foo\" under \"containerEngine\"; valid properties: name",
            "containerEngine=moby|\"containerEngine\" is an object; set its fields, e.g. \"containerEngine.name\"",
            "running.x=1|\"running\" is not an object and has no sub-properties",
            "running=yes|invalid value \"yes\" for \"running\": expected boolean; use \"true\" or \"false\"",
            "running=|invalid value \"\" for \"running\": expected boolean; use \"true\" or \"false\"",
            "containerEngine.name=|invalid value \"\" for \"containerEngine.name\": valid values: moby, containerd",
            "containerEngine.name=docker|invalid value \"docker\" for \"containerEngine.name\": valid values: moby, containerd",
            "vm.driver=kvm|invalid value \"kvm\" for \"vm.driver\": valid values: auto, external, lima, process",
    })
    void badArgumentsAreUsageErrorsNamingTheProperty(String argument, String expected) {
        String message = usageError(argument);
        assertTrue(message.contains(expected), () -> "\"" + message + "\" should contain \"" + expected + "\"");
    }

    @Test
    void syntaxErrorsNeedNoSchema() {
        CliException noEquals = assertThrows(CliException.class, () -> AppProperties.split("running"));
        assertTrue(noEquals.getMessage().contains("expected PROPERTY=VALUE format"), noEquals.getMessage());
        CliException noName = assertThrows(CliException.class, () -> AppProperties.split("=value"));
        assertTrue(noName.getMessage().contains("property name must not be empty"), noName.getMessage());
    }

    @Test
    void assignmentsBecomeANestedMergePatchWhereTheLastValueWins() {
        Map<String, Object> patch = AppProperties.specPatch(List.of(
                props.parse("running=true"), props.parse("containerEngine.name=containerd"),
                props.parse("kubernetes.version="), props.parse("running=false")));
        assertEquals("{\"running\":false,\"containerEngine\":{\"name\":\"containerd\"},\"kubernetes\":{\"version\":\"\"}}",
                Json.write(patch));
    }

    @Test
    void createFillsRequiredFieldsWithZeroValues() {
        Map<String, Object> values = AppProperties.specPatch(List.of(props.parse("kubernetes.version=1.32.0")));
        Map<String, Object> spec = props.specForCreate(values);
        assertEquals(Boolean.FALSE, spec.get("running"), "running=false when omitted (docs/design/upstream-cli.md §5.3)");
        assertEquals(Boolean.FALSE, ((Map<?, ?>) spec.get("kubernetes")).get("enabled"),
                "a required field of an object the values create gets its default");
        assertFalse(spec.containsKey("containerEngine"), "the server fills in defaults of optional fields");
        assertEquals("{\"kubernetes\":{\"version\":\"1.32.0\"}}", Json.write(values), "the values are not modified");
    }

    @Test
    void createKeepsGivenRequiredValues() {
        Map<String, Object> spec = props.specForCreate(AppProperties.specPatch(List.of(props.parse("running=true"))));
        assertEquals(Map.of("running", true), spec);
    }
}
