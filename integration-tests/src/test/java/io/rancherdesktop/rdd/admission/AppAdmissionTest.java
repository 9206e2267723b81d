package io.rancherdesktop.rdd.admission;

import static io.rancherdesktop.rdd.admission.Requests.app;
import static io.rancherdesktop.rdd.admission.Requests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/api.md §1 and §1.4: the App's name, immutable namespace, and Kubernetes version admission. */
class AppAdmissionTest {

    private final K3sVersions versions = K3sVersions.bundled();
    private final AppDefaulter defaulter = new AppDefaulter(versions);
    private final AppValidator validator = new AppValidator(versions);

    private static ObjectNode appJson(String name, String spec) {
        return json("{\"apiVersion\":\"app.rancherdesktop.io/v1alpha1\",\"kind\":\"App\",\"metadata\":{\"name\":\""
                + name + "\"},\"spec\":" + spec + "}");
    }

    private static AdmissionResult.Denied denied(AdmissionResult result) {
        return assertInstanceOf(AdmissionResult.Denied.class, result);
    }

    /** Mutate, then validate, as the API server does (schema defaulting sits in between and is not needed here). */
    private AdmissionResult admit(AdmissionRequest request) {
        AdmissionResult mutated = defaulter.mutate(request);
        if (mutated instanceof AdmissionResult.Denied) {
            return mutated;
        }
        return validator.validate(request);
    }

    @Test
    void anAppNotNamedAppIsRejectedOnMetadataName() {
        AdmissionResult.Denied d = denied(admit(app(Operation.CREATE, appJson("other", "{\"running\":false}"), null)));
        assertEquals(422, d.code());
        assertEquals("Invalid", d.reason());
        assertEquals("App resource must be named 'app'", d.message());
        assertEquals("metadata.name", d.causes().getFirst().field());
    }

    @Test
    void theAppNamedAppIsAllowed() {
        assertInstanceOf(AdmissionResult.Allowed.class,
                admit(app(Operation.CREATE, appJson("app", "{\"running\":false}"), null)));
    }

    @Test
    void changingSpecNamespaceOnUpdateIsRejected() {
        ObjectNode old = appJson("app", "{\"running\":false,\"namespace\":\"default\"}");
        ObjectNode updated = appJson("app", "{\"running\":false,\"namespace\":\"elsewhere\"}");
        AdmissionResult.Denied d = denied(admit(app(Operation.UPDATE, updated, old)));
        assertEquals(422, d.code());
        assertEquals("spec.namespace is immutable", d.message());
        assertEquals("spec.namespace", d.causes().getFirst().field());
    }

    @Test
    void anOmittedNamespaceIsTheDefaultAndIsNoChange() {
        ObjectNode old = appJson("app", "{\"running\":false,\"namespace\":\"default\"}");
        assertInstanceOf(AdmissionResult.Allowed.class,
                admit(app(Operation.UPDATE, appJson("app", "{\"running\":true}"), old)));
    }

    @Test
    void deletesAndStatusWritesAreNeverIntercepted() {
        ObjectNode stored = appJson("app", "{\"running\":true}");
        assertFalse(validator.handles(app(Operation.DELETE, null, stored)), "deleting is always allowed");
        assertFalse(defaulter.handles(app(Operation.DELETE, null, stored)));
        AdmissionRequest status = new AdmissionRequest(Operation.UPDATE, "app.rancherdesktop.io", "v1alpha1", "App",
                "apps", null, "app", "status", stored, stored, false, UserInfo.owner("token"));
        assertFalse(validator.handles(status));
        assertFalse(defaulter.handles(status));
        assertTrue(validator.handles(app(Operation.UPDATE, stored, stored)));
    }

    @ParameterizedTest
    @CsvSource({
            "stable, 1.32.5",
            "latest, 1.33.1",
            "v1.32, 1.32.5",
            "1.33, 1.33.1",
            "v1.32.0, 1.32.0",
            "v1.32.0+k3s1, 1.32.0",
            "1.32.0, 1.32.0"})
    void channelAliasesAndOtherSpellingsBecomeTheConcreteVersion(String requested, String concrete) {
        ObjectNode object = appJson("app", "{\"running\":false,\"kubernetes\":{\"enabled\":true,\"version\":\""
                + requested + "\"}}");
        AdmissionRequest request = app(Operation.CREATE, object, null);
        assertInstanceOf(AdmissionResult.Allowed.class, admit(request));
        assertEquals(concrete, object.at("/spec/kubernetes/version").asText());
    }

    @Test
    void enabledWithAnEmptyVersionGetsTheStableVersion() {
        ObjectNode object = appJson("app", "{\"running\":false,\"kubernetes\":{\"enabled\":true,\"version\":\"\"}}");
        assertInstanceOf(AdmissionResult.Allowed.class, admit(app(Operation.CREATE, object, null)));
        assertEquals(versions.stable(), object.at("/spec/kubernetes/version").asText());

        ObjectNode noVersion = appJson("app", "{\"running\":false,\"kubernetes\":{\"enabled\":true}}");
        assertInstanceOf(AdmissionResult.Allowed.class, admit(app(Operation.CREATE, noVersion, null)));
        assertEquals(versions.stable(), noVersion.at("/spec/kubernetes/version").asText());
    }

    @Test
    void disabledWithAnEmptyVersionKeepsTheEmptyString() {
        // rdd set kubernetes.enabled=false kubernetes.version= clears the field (docs/design/test-plan.md, rdd set #5).
        ObjectNode old = appJson("app", "{\"running\":false,\"kubernetes\":{\"enabled\":false,\"version\":\"1.32.0\"}}");
        ObjectNode object = appJson("app", "{\"running\":false,\"kubernetes\":{\"enabled\":false,\"version\":\"\"}}");
        assertInstanceOf(AdmissionResult.Allowed.class, admit(app(Operation.UPDATE, object, old)));
        assertEquals("", object.at("/spec/kubernetes/version").asText());
    }

    @Test
    void theValidatorRejectsEnabledWithoutAVersionOnItsOwn() {
        ObjectNode object = appJson("app", "{\"running\":false,\"kubernetes\":{\"enabled\":true,\"version\":\"\"}}");
        AdmissionResult.Denied d = denied(validator.validate(app(Operation.CREATE, object, null)));
        assertEquals(422, d.code());
        assertEquals("spec.kubernetes.version", d.causes().getFirst().field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.31.99", "0.0.0", "banana", "v1.34.0"})
    void anUnsupportedVersionIsRejectedAsNotSupported(String version) {
        ObjectNode object = appJson("app", "{\"running\":false,\"kubernetes\":{\"enabled\":true,\"version\":\""
                + version + "\"}}");
        AdmissionResult.Denied d = denied(admit(app(Operation.CREATE, object, null)));
        assertEquals(422, d.code());
        assertTrue(d.message().contains("not supported"), d.message());
        assertTrue(d.message().contains(version), d.message());
        assertEquals("spec.kubernetes.version", d.causes().getFirst().field());
        assertEquals(version, object.at("/spec/kubernetes/version").asText(), "an unknown version is not rewritten");
    }

    @Test
    void anUnsupportedVersionIsRejectedEvenWhileKubernetesIsDisabled() {
        ObjectNode object = appJson("app", "{\"running\":false,\"kubernetes\":{\"enabled\":false,\"version\":\"1.31.99\"}}");
        assertTrue(denied(admit(app(Operation.CREATE, object, null))).message().contains("not supported"));
    }

    @Test
    void anUnchangedVersionOfADisabledKubernetesIsNotRecheckedOnUpdate() {
        // An App stored under an older version list can still be stopped.
        ObjectNode old = appJson("app", "{\"running\":true,\"kubernetes\":{\"enabled\":false,\"version\":\"1.30.0\"}}");
        ObjectNode stop = appJson("app", "{\"running\":false,\"kubernetes\":{\"enabled\":false,\"version\":\"1.30.0\"}}");
        assertInstanceOf(AdmissionResult.Allowed.class, admit(app(Operation.UPDATE, stop, old)));

        ObjectNode enable = appJson("app", "{\"running\":false,\"kubernetes\":{\"enabled\":true,\"version\":\"1.30.0\"}}");
        assertTrue(denied(admit(app(Operation.UPDATE, enable, old))).message().contains("not supported"),
                "enabling it needs a supported version");
    }

    @Test
    void theInstalledPipelineAcceptsEnginesAndVersionsLikeTheUpstreamDryRunChecks() {
        List<AdmissionPlugin> plugins = DefaultAdmissionPlugins.create();
        for (String spec : List.of(
                "{\"running\":false,\"containerEngine\":{\"name\":\"containerd\"}}",
                "{\"running\":false,\"containerEngine\":{\"name\":\"moby\"}}",
                "{\"running\":false,\"kubernetes\":{\"enabled\":true,\"version\":\"1.32.0\"}}",
                "{\"running\":false,\"kubernetes\":{\"enabled\":true}}")) {
            AdmissionRequest request = app(Operation.CREATE, appJson("app", spec), null);
            assertInstanceOf(AdmissionResult.Allowed.class, runAll(plugins, request), spec);
        }
        AdmissionRequest zero = app(Operation.CREATE,
                appJson("app", "{\"running\":false,\"kubernetes\":{\"enabled\":true,\"version\":\"0.0.0\"}}"), null);
        assertTrue(denied(runAll(plugins, zero)).message().contains("not supported"));
    }

    static AdmissionResult runAll(List<AdmissionPlugin> plugins, AdmissionRequest request) {
        for (AdmissionPlugin p : plugins) {
            if (p.handles(request) && p.mutate(request) instanceof AdmissionResult.Denied d) {
                return d;
            }
        }
        List<String> warnings = new java.util.ArrayList<>();
        for (AdmissionPlugin p : plugins) {
            if (p.handles(request)) {
                switch (p.validate(request)) {
                    case AdmissionResult.Denied d -> {
                        return d;
                    }
                    case AdmissionResult.Allowed a -> warnings.addAll(a.warnings());
                }
            }
        }
        return new AdmissionResult.Allowed(warnings);
    }
}
