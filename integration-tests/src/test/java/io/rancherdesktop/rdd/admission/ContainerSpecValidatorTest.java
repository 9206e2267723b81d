package io.rancherdesktop.rdd.admission;

import static io.rancherdesktop.rdd.admission.Requests.json;
import static io.rancherdesktop.rdd.admission.Requests.namespaced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/api.md §3.2: {@code spec.state} is the only mutable field of a Container spec. */
class ContainerSpecValidatorTest {

    private static final String ID = "0123456789abcdef".repeat(4);
    private final ContainerSpecValidator validator = new ContainerSpecValidator();

    private static ObjectNode container(String spec, String status) {
        return json("{\"apiVersion\":\"containers.rancherdesktop.io/v1alpha1\",\"kind\":\"Container\","
                + "\"metadata\":{\"name\":\"" + ID + "\",\"namespace\":\"default\","
                + "\"finalizers\":[\"engine.rancherdesktop.io/mirror\"]},"
                + "\"spec\":" + spec + ",\"status\":" + status + "}");
    }

    private static AdmissionRequest update(ObjectNode object, ObjectNode old) {
        return namespaced(Operation.UPDATE, "containers.rancherdesktop.io", "Container", "containers", "", object, old);
    }

    @ParameterizedTest
    @ValueSource(strings = {"running", "created", "paused", "unknown"})
    void changingOnlyStateIsAllowedIncludingPaused(String state) {
        // docs/design/mirroring-rules.md §6.6: paused is accepted in addition to the upstream values.
        ObjectNode old = container("{\"state\":\"unknown\"}", "{\"status\":\"running\"}");
        ObjectNode updated = container("{\"state\":\"" + state + "\"}", "{\"status\":\"running\"}");
        AdmissionRequest request = update(updated, old);
        assertTrue(validator.handles(request));
        assertInstanceOf(AdmissionResult.Allowed.class, validator.validate(request));
    }

    @Test
    void anyOtherSpecChangeIsRejectedNamingSpecStateAsTheOnlyMutableField() {
        ObjectNode old = container("{\"state\":\"unknown\"}", "{}");
        ObjectNode updated = container("{\"state\":\"running\",\"image\":\"evil\"}", "{}");
        AdmissionResult.Denied d = assertInstanceOf(AdmissionResult.Denied.class, validator.validate(update(updated, old)));
        assertEquals(422, d.code());
        assertEquals("Invalid", d.reason());
        assertTrue(d.message().contains("spec.state is the only mutable field"), d.message());
        assertEquals("spec.image", d.causes().getFirst().field());
    }

    @Test
    void removingAFieldTheOldSpecHadIsAlsoAChange() {
        ObjectNode old = container("{\"state\":\"unknown\",\"extra\":{\"a\":1}}", "{}");
        ObjectNode updated = container("{\"state\":\"unknown\"}", "{}");
        AdmissionResult.Denied d = assertInstanceOf(AdmissionResult.Denied.class, validator.validate(update(updated, old)));
        assertEquals("spec.extra", d.causes().getFirst().field());
    }

    @Test
    void metadataAndStatusDifferencesAreNotJudged() {
        // The engine re-asserts its finalizer on every sync through the main resource [S2]; a user's label is
        // metadata too. Neither touches spec.
        ObjectNode old = container("{\"state\":\"unknown\"}", "{\"status\":\"running\"}");
        ObjectNode updated = container("{\"state\":\"unknown\"}", "{\"status\":\"exited\"}");
        ((ObjectNode) updated.get("metadata")).putObject("labels").put("team", "a");
        assertInstanceOf(AdmissionResult.Allowed.class, validator.validate(update(updated, old)));
    }

    @Test
    void createAndDeleteAreNeverInterceptedSoTheEngineCanMirror() {
        // Design observation "webhook registration is load-bearing": the engine controller creates and deletes
        // mirrors through the API; this plugin must never see those writes.
        ObjectNode c = container("{\"state\":\"unknown\"}", "{}");
        assertFalse(validator.handles(namespaced(Operation.CREATE, "containers.rancherdesktop.io", "Container",
                "containers", "", c, null)));
        assertFalse(validator.handles(namespaced(Operation.DELETE, "containers.rancherdesktop.io", "Container",
                "containers", "", null, c)));
    }

    @Test
    void statusSubresourceWritesAreNeverIntercepted() {
        // gap 8: engine status writes and user spec.state writes never block each other.
        ObjectNode c = container("{\"state\":\"running\"}", "{\"status\":\"running\"}");
        assertFalse(validator.handles(namespaced(Operation.UPDATE, "containers.rancherdesktop.io", "Container",
                "containers", "status", c, c)));
    }

    @Test
    void otherKindsAreNotIntercepted() {
        ObjectNode image = json("{\"metadata\":{\"name\":\"img-x\"},\"spec\":{\"a\":1}}");
        assertFalse(validator.handles(namespaced(Operation.UPDATE, "containers.rancherdesktop.io", "Image", "images",
                "", image, image)));
    }
}
