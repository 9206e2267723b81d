package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.admission.AdmissionPlugin;
import io.rancherdesktop.rdd.admission.AppDefaulter;
import io.rancherdesktop.rdd.admission.DefaultAdmissionPlugins;
import io.rancherdesktop.rdd.admission.MirrorCreateGuard;
import io.rancherdesktop.rdd.admission.UserInfo;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.RawApiClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Admission is discoverable (issue 14 item 12; docs/api-server.md, "Admission"): every in-process plugin is described by
 * a read-only ValidatingWebhookConfiguration or MutatingWebhookConfiguration named as its denials name it, and nobody but
 * the API server writes them.
 */
class WebhookConfigurationIT {
    @RegisterExtension
    static final ApiServerExtension API = ApiServerExtension.builder().admission(DefaultAdmissionPlugins.create()).build();

    private static final String VWC = "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations";
    private static final String MWC = "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations";

    private static RawApiClient raw() {
        return API.running().raw();
    }

    private static List<String> names(String path) {
        Reply r = raw().get(path);
        assertEquals(200, r.status(), r.body());
        List<String> out = new ArrayList<>();
        r.json().path("items").forEach(i -> out.add(i.path("metadata").path("name").asText()));
        return out;
    }

    @Test
    void everyPluginIsPublishedUnderTheNameItsDenialsUse() {
        List<String> validating = new ArrayList<>();
        List<String> mutating = new ArrayList<>();
        for (AdmissionPlugin p : DefaultAdmissionPlugins.create()) {
            (p.mutating() ? mutating : validating).add(p.name());
        }
        assertEquals(validating.stream().sorted().toList(), names(VWC));
        assertEquals(mutating.stream().sorted().toList(), names(MWC));
        assertTrue(names(MWC).contains(AppDefaulter.NAME));
    }

    @Test
    void aConfigurationDescribesItsPluginAsAnInProcessWebhook() {
        Reply r = raw().get(VWC + "/" + MirrorCreateGuard.NAME);
        assertEquals(200, r.status(), r.body());
        assertEquals("true", r.json().path("metadata").path("annotations").path(WebhookConfigurations.IN_PROCESS_ANNOTATION).asText());
        assertEquals(MirrorCreateGuard.class.getName(),
                r.json().path("metadata").path("annotations").path(WebhookConfigurations.PLUGIN_CLASS_ANNOTATION).asText());
        JsonNode w = r.json().path("webhooks").path(0);
        assertEquals(MirrorCreateGuard.NAME, w.path("name").asText());
        assertEquals(WebhookConfigurations.IN_PROCESS_URL, w.path("clientConfig").path("url").asText());
        assertEquals("Fail", w.path("failurePolicy").asText());
        assertEquals("None", w.path("sideEffects").asText());
        assertEquals("[\"v1\"]", w.path("admissionReviewVersions").toString());
        JsonNode rule = w.path("rules").path(0);
        assertEquals("[\"CREATE\"]", rule.path("operations").toString());
        assertEquals("[\"containers.rancherdesktop.io\"]", rule.path("apiGroups").toString());
        assertTrue(rule.path("resources").toString().contains("\"containers\""), rule.toString());
    }

    @Test
    void theOwnerCannotCreateUpdatePatchOrDeleteThem() {
        String path = VWC + "/" + MirrorCreateGuard.NAME;
        Reply create = raw().post(VWC, "{\"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":\"ValidatingWebhookConfiguration\","
                + "\"metadata\":{\"name\":\"mine\"},\"webhooks\":[]}");
        assertForbidden(create, "create");
        Reply patch = raw().patch(path, "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
        assertForbidden(patch, "update");
        JsonNode current = raw().get(path).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) current.path("webhooks").path(0)).put("failurePolicy", "Ignore");
        assertForbidden(raw().put(path, current.toString()), "update");
        assertForbidden(raw().delete(path), "delete");
        assertForbidden(raw().delete(MWC + "/" + AppDefaulter.NAME), "delete");
        assertForbidden(raw().delete(VWC), "delete"); // deletecollection deletes one by one, each through admission
        assertEquals(200, raw().get(path).status(), "still there");
        assertEquals("Fail", raw().get(path).json().path("webhooks").path(0).path("failurePolicy").asText());
    }

    @Test
    void noControllerMayWriteThemEither() {
        var rt = API.running().runtime();
        RawApiClient engine = new RawApiClient(rt.serverUrl(), rt.tls().caCertificate(), rt.identities().tokenFor(UserInfo.ENGINE_CONTROLLER));
        assertForbidden(engine.delete(VWC + "/" + MirrorCreateGuard.NAME), "delete");
    }

    private static void assertForbidden(Reply r, String verb) {
        assertEquals(403, r.status(), r.body());
        assertEquals("Forbidden", r.reason());
        assertTrue(r.json().path("message").asText().contains("cannot " + verb), r.body());
        assertTrue(r.json().path("message").asText().contains("read-only"), r.body());
    }
}
