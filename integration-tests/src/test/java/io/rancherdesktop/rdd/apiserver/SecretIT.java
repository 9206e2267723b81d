package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.store.ObjectKey;
import io.rancherdesktop.rdd.store.StoredObject;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.RawApiClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The core Secret kind (issue 14 item 14; docs/api.md, "Secrets"): stringData is write-only and merged into data, data
 * values are base64, the well-known types need their keys, type and immutable data cannot change.
 */
class SecretIT {
    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static final String SECRETS = "/api/v1/namespaces/default/secrets";

    private static RawApiClient raw() {
        return API.running().raw();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String decoded(JsonNode v) {
        return new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8);
    }

    @Test
    void stringDataIsMergedIntoDataAndNeverStoredNorReturned() {
        Reply r = raw().post(SECRETS, "{\"metadata\":{\"name\":\"merged\"},\"data\":{\"a\":\"" + b64("from-data") + "\",\"b\":\""
                + b64("overridden") + "\"},\"stringData\":{\"b\":\"from-stringData\",\"c\":\"plain text\"}}");
        assertEquals(201, r.status(), r.body());
        assertFalse(r.json().has("stringData"), r.body());
        assertEquals("Opaque", r.json().path("type").asText(), "type defaults to Opaque");
        JsonNode data = raw().get(SECRETS + "/merged").json().path("data");
        assertEquals("from-data", decoded(data.path("a")));
        assertEquals("from-stringData", decoded(data.path("b")), "stringData wins over data, as in kube");
        assertEquals("plain text", decoded(data.path("c")));
        assertFalse(raw().get(SECRETS + "/merged").json().has("stringData"));
        StoredObject stored = API.running().runtime().store().get("secrets", new ObjectKey("default", "merged")).orElseThrow();
        assertFalse(stored.object().has("stringData"), stored.object().toString());
        assertFalse(new String(stored.json(), StandardCharsets.UTF_8).contains("plain text"), "the datastore holds data, base64-encoded");
    }

    @Test
    void stringDataInAPatchIsMergedToo() {
        assertEquals(201, raw().post(SECRETS, "{\"metadata\":{\"name\":\"patched\"},\"stringData\":{\"k\":\"v1\"}}").status());
        Reply p = raw().patch(SECRETS + "/patched", "application/merge-patch+json", "{\"stringData\":{\"k\":\"v2\",\"n\":\"new\"}}");
        assertEquals(200, p.status(), p.body());
        assertFalse(p.json().has("stringData"), p.body());
        assertEquals("v2", decoded(p.json().path("data").path("k")));
        assertEquals("new", decoded(p.json().path("data").path("n")));
    }

    @Test
    void dataValuesThatAreNotBase64AreInvalid() {
        Reply r = raw().post(SECRETS, "{\"metadata\":{\"name\":\"not-base64\"},\"data\":{\"k\":\"not base64!\"}}");
        assertEquals(422, r.status(), r.body());
        assertEquals("Invalid", r.reason());
        assertTrue(r.json().path("details").path("causes").toString().contains("\"data[k]\""), r.body());
        assertEquals(404, raw().get(SECRETS + "/not-base64").status());
    }

    @Test
    void keysMustBeConfigKeys() {
        Reply r = raw().post(SECRETS, "{\"metadata\":{\"name\":\"bad-key\"},\"stringData\":{\"no/slash\":\"v\"}}");
        assertEquals(422, r.status(), r.body());
        assertEquals("data[no/slash]", r.json().path("details").path("causes").path(0).path("field").asText(), r.body());
    }

    @Test
    void aDockerConfigJsonSecretNeedsValidJsonUnderItsKey() {
        String type = "\"type\":\"kubernetes.io/dockerconfigjson\"";
        Reply missing = raw().post(SECRETS, "{\"metadata\":{\"name\":\"docker-missing\"}," + type + ",\"stringData\":{\"other\":\"x\"}}");
        assertEquals(422, missing.status(), missing.body());
        assertEquals("data[.dockerconfigjson]", missing.json().path("details").path("causes").path(0).path("field").asText(), missing.body());
        Reply notJson = raw().post(SECRETS, "{\"metadata\":{\"name\":\"docker-bad\"}," + type + ",\"stringData\":{\".dockerconfigjson\":\"{nope\"}}");
        assertEquals(422, notJson.status(), notJson.body());
        assertFalse(notJson.body().contains("{nope"), "the error does not echo the secret");
        Reply ok = raw().post(SECRETS, "{\"metadata\":{\"name\":\"docker-ok\"}," + type
                + ",\"stringData\":{\".dockerconfigjson\":\"{\\\"auths\\\":{}}\"}}");
        assertEquals(201, ok.status(), ok.body());
    }

    @Test
    void anOtherTypeIsAnOpaqueString() {
        Reply r = raw().post(SECRETS, "{\"metadata\":{\"name\":\"custom-type\"},\"type\":\"example.com/anything\",\"stringData\":{\"k\":\"v\"}}");
        assertEquals(201, r.status(), r.body());
        assertEquals("example.com/anything", r.json().path("type").asText());
    }

    /** kubectl create secret generic sends {@code type: ""} (a typed client): kube defaults it to Opaque. */
    @Test
    void anEmptyTypeIsOpaque() {
        Reply r = raw().post(SECRETS, "{\"metadata\":{\"name\":\"empty-type\"},\"type\":\"\",\"stringData\":{\"k\":\"v\"}}");
        assertEquals(201, r.status(), r.body());
        assertEquals("Opaque", r.json().path("type").asText());
    }

    @Test
    void theTypeCannotChange() {
        assertEquals(201, raw().post(SECRETS, "{\"metadata\":{\"name\":\"typed\"},\"stringData\":{\"k\":\"v\"}}").status());
        Reply p = raw().patch(SECRETS + "/typed", "application/merge-patch+json", "{\"type\":\"example.com/other\"}");
        assertEquals(422, p.status(), p.body());
        assertEquals("type", p.json().path("details").path("causes").path(0).path("field").asText(), p.body());
    }

    @Test
    void anImmutableSecretKeepsItsData() {
        assertEquals(201, raw().post(SECRETS, "{\"metadata\":{\"name\":\"frozen\"},\"immutable\":true,\"stringData\":{\"k\":\"v\"}}").status());
        Reply data = raw().patch(SECRETS + "/frozen", "application/merge-patch+json", "{\"stringData\":{\"k\":\"changed\"}}");
        assertEquals(422, data.status(), data.body());
        assertTrue(data.body().contains("field is immutable when `immutable` is set"), data.body());
        Reply unfreeze = raw().patch(SECRETS + "/frozen", "application/merge-patch+json", "{\"immutable\":false}");
        assertEquals(422, unfreeze.status(), unfreeze.body());
        Reply labels = raw().patch(SECRETS + "/frozen", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"ok\":\"yes\"}}}");
        assertEquals(200, labels.status(), "metadata still changes: " + labels.body());
    }

    @Test
    void theTableShowsTypeAndDataCount() {
        assertEquals(201, raw().post(SECRETS, "{\"metadata\":{\"name\":\"tabled\"},\"stringData\":{\"a\":\"1\",\"b\":\"2\"}}").status());
        Reply t = raw().get(SECRETS + "/tabled", java.util.Map.of("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io"));
        assertEquals(200, t.status(), t.body());
        assertEquals("Type", t.json().path("columnDefinitions").path(1).path("name").asText(), t.body());
        assertEquals("Opaque", t.json().path("rows").path(0).path("cells").path(1).asText(), t.body());
        assertEquals(2, t.json().path("rows").path(0).path("cells").path(2).asInt(), t.body());
    }
}
