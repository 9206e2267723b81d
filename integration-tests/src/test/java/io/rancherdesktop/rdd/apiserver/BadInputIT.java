package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.RawApiClient.Reply;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets the right Status and changes nothing: after every rejected request the store's revision,
 * the list and the existing object are exactly as before.
 */
@ExtendWith(ApiServerExtension.class)
class BadInputIT {
    private static final String WIDGETS = RestSemanticsIT.WIDGETS;
    private static final String CMS = RestSemanticsIT.CMS;
    private static RawApiClient raw;
    private static ApiServerExtension.Running api;

    @BeforeAll
    static void seed(ApiServerExtension.Running running) {
        api = running;
        raw = running.raw();
        assertEquals(201, raw.post(WIDGETS, RestSemanticsIT.widget("existing", "{\"color\":\"red\"}")).status());
    }

    static Stream<Arguments> badCreates() {
        String ok = RestSemanticsIT.widget("fresh", "{\"color\":\"red\"}");
        return Stream.of(
                Arguments.of("malformed JSON", WIDGETS, "{\"apiVersion\":", 400, "BadRequest", null),
                Arguments.of("not an object", WIDGETS, "[1,2]", 400, "BadRequest", null),
                Arguments.of("trailing garbage", WIDGETS, ok + "}", 400, "BadRequest", null),
                Arguments.of("empty body", WIDGETS, "", 400, "BadRequest", null),
                Arguments.of("wrong type", WIDGETS, RestSemanticsIT.widget("fresh", "{\"color\":\"red\",\"size\":\"big\"}"), 422, "Invalid", "spec.size"),
                Arguments.of("unknown enum value", WIDGETS, RestSemanticsIT.widget("fresh", "{\"color\":\"kvm\"}"), 422, "Invalid", "spec.color"),
                Arguments.of("missing required field", WIDGETS, RestSemanticsIT.widget("fresh", "{}"), 422, "Invalid", "spec.color"),
                Arguments.of("too long", WIDGETS, RestSemanticsIT.widget("fresh", "{\"color\":\"red\",\"note\":\"" + "x".repeat(65) + "\"}"), 422, "Invalid", "spec.note"),
                Arguments.of("out of range", WIDGETS, RestSemanticsIT.widget("fresh", "{\"color\":\"red\",\"size\":101}"), 422, "Invalid", "spec.size"),
                Arguments.of("duplicate list-map key", WIDGETS, RestSemanticsIT.widget("fresh",
                        "{\"color\":\"red\",\"ports\":[{\"name\":\"a\"},{\"name\":\"a\"}]}"), 422, "Invalid", "spec.ports[1]"),
                Arguments.of("unknown field (Strict)", WIDGETS + "?fieldValidation=Strict",
                        RestSemanticsIT.widget("fresh", "{\"color\":\"red\",\"x\":1}"), 400, "BadRequest", null),
                Arguments.of("unknown metadata field (Strict)", WIDGETS + "?fieldValidation=Strict",
                        ok.replace("\"name\":\"fresh\"", "\"name\":\"fresh\",\"colour\":\"x\""), 400, "BadRequest", null),
                Arguments.of("invalid name (C1)", WIDGETS, RestSemanticsIT.widget("My_Vol_Ume", "{\"color\":\"red\"}"), 422, "Invalid", "metadata.name"),
                Arguments.of("name too long", WIDGETS, RestSemanticsIT.widget("x".repeat(254), "{\"color\":\"red\"}"), 422, "Invalid", "metadata.name"),
                Arguments.of("no name", WIDGETS, ok.replace("\"name\":\"fresh\"", "\"labels\":{}"), 422, "Invalid", "metadata.name"),
                Arguments.of("invalid label", WIDGETS, ok.replace("\"name\":\"fresh\"", "\"name\":\"fresh\",\"labels\":{\"a b\":\"c\"}"), 422, "Invalid", "metadata.labels"),
                Arguments.of("name of the wrong type", WIDGETS, ok.replace("\"name\":\"fresh\"", "\"name\":42"), 400, "BadRequest", null),
                Arguments.of("wrong apiVersion", WIDGETS, ok.replace("test.rancherdesktop.io/v1alpha1", "test.rancherdesktop.io/v9"), 400, "BadRequest", null),
                Arguments.of("wrong kind", WIDGETS, ok.replace("\"Widget\"", "\"Gadget\""), 400, "BadRequest", null),
                Arguments.of("missing kind", WIDGETS, ok.replace("\"kind\":\"Widget\",", ""), 400, "BadRequest", null),
                Arguments.of("missing apiVersion", WIDGETS, ok.replace("\"apiVersion\":\"test.rancherdesktop.io/v1alpha1\",", ""), 400, "BadRequest", null),
                Arguments.of("namespace mismatch", WIDGETS, ok.replace("\"name\":\"fresh\"", "\"name\":\"fresh\",\"namespace\":\"other\""), 400, "BadRequest", null),
                Arguments.of("missing namespace", "/apis/test.rancherdesktop.io/v1alpha1/namespaces/ghost/widgets", ok, 404, "NotFound", null),
                Arguments.of("no namespace in the path", "/apis/test.rancherdesktop.io/v1alpha1/widgets", ok, 405, "MethodNotAllowed", null),
                Arguments.of("resourceVersion on create", WIDGETS, ok.replace("\"name\":\"fresh\"", "\"name\":\"fresh\",\"resourceVersion\":\"5\""),
                        400, "BadRequest", null),
                Arguments.of("oversized body", WIDGETS, RestSemanticsIT.widget("fresh", "{\"color\":\"red\",\"extra\":{\"blob\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}}"),
                        413, "RequestEntityTooLarge", null),
                Arguments.of("invalid ConfigMap name (C1)", CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"My_Vol_Ume\"}}",
                        422, "Invalid", "metadata.name"),
                Arguments.of("invalid ConfigMap key", CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"k\"},\"data\":{\"a b\":\"c\"}}",
                        422, "Invalid", "data[a b]"),
                Arguments.of("invalid namespace name", "/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"a.b\"}}",
                        422, "Invalid", "metadata.name"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badCreates")
    void aBadCreateIsRejectedAndChangesNothing(String what, String path, String body, int code, String reason, String field) {
        long revision = api.runtime().store().revision();
        String listBefore = raw.get(WIDGETS).body();
        Reply r = raw.post(path, body);
        assertEquals(code, r.status(), what + ": " + r.body());
        assertEquals("Status", r.json().path("kind").asText(), what);
        assertEquals(reason, r.reason(), what);
        assertEquals(code, r.json().path("code").asInt());
        if (field != null) {
            boolean named = false;
            for (JsonNode c : r.json().path("details").path("causes")) {
                named |= c.path("field").asText().equals(field);
            }
            assertTrue(named, what + ": no cause names " + field + ": " + r.body());
        }
        assertEquals(revision, api.runtime().store().revision(), what + " changed the store");
        assertEquals(listBefore, raw.get(WIDGETS).body(), what + " changed the list");
    }

    /** C1 in kube's words: the message names metadata.name and the rule. */
    @Test
    void theInvalidNameMessageNamesTheFieldAndTheRule() {
        Reply r = raw.post(WIDGETS, RestSemanticsIT.widget("My_Vol_Ume", "{\"color\":\"red\"}"));
        assertEquals("Widget \"My_Vol_Ume\" is invalid: metadata.name: Invalid value: \"My_Vol_Ume\": a lowercase RFC 1123 subdomain must consist of "
                + "lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
                + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')", r.json().path("message").asText());
    }

    static Stream<Arguments> badWrites() {
        return Stream.of(
                Arguments.of("merge patch with a wrong type", "PATCH", "application/merge-patch+json", "{\"spec\":{\"size\":\"big\"}}", 422),
                Arguments.of("merge patch with an unknown enum value", "PATCH", "application/merge-patch+json", "{\"spec\":{\"color\":\"kvm\"}}", 422),
                Arguments.of("merge patch that is not an object", "PATCH", "application/merge-patch+json", "[]", 400),
                Arguments.of("malformed merge patch", "PATCH", "application/merge-patch+json", "{\"spec\":", 400),
                Arguments.of("json patch that is not a list", "PATCH", "application/json-patch+json", "{}", 400),
                Arguments.of("json patch on a missing path", "PATCH", "application/json-patch+json", "[{\"op\":\"remove\",\"path\":\"/spec/nothing\"}]", 422),
                Arguments.of("json patch renaming the object", "PATCH", "application/json-patch+json",
                        "[{\"op\":\"replace\",\"path\":\"/metadata/name\",\"value\":\"other\"}]", 400),
                Arguments.of("patch with an unknown media type", "PATCH", "application/x-whatever", "{}", 415),
                Arguments.of("patch with an invalid label", "PATCH", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"-bad-\":\"x\"}}}", 422),
                Arguments.of("put with a name mismatch", "PUT", "application/json", RestSemanticsIT.widget("other", "{\"color\":\"red\"}"), 400),
                Arguments.of("put without resourceVersion", "PUT", "application/json", RestSemanticsIT.widget("existing", "{\"color\":\"blue\"}"), 422),
                Arguments.of("put with a stale resourceVersion", "PUT", "application/json", RestSemanticsIT.widget("existing", "{\"color\":\"blue\"}")
                        .replace("\"name\":\"existing\"", "\"name\":\"existing\",\"resourceVersion\":\"1\""), 409),
                Arguments.of("put with a malformed resourceVersion", "PUT", "application/json", RestSemanticsIT.widget("existing", "{\"color\":\"blue\"}")
                        .replace("\"name\":\"existing\"", "\"name\":\"existing\",\"resourceVersion\":\"abc\""), 400),
                Arguments.of("oversized patch", "PATCH", "application/merge-patch+json", "{\"spec\":{\"note\":\"" + "y".repeat(3 * 1024 * 1024 + 10) + "\"}}", 413));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badWrites")
    void aBadWriteToAnExistingObjectIsRejectedAndChangesNothing(String what, String method, String contentType, String body, int code) {
        long revision = api.runtime().store().revision();
        String before = raw.get(WIDGETS + "/existing").body();
        Reply r = raw.send(method, WIDGETS + "/existing", contentType, body, true, Map.of());
        assertEquals(code, r.status(), what + ": " + r.body());
        assertEquals("Status", r.json().path("kind").asText());
        assertEquals(revision, api.runtime().store().revision(), what + " changed the store");
        assertEquals(before, raw.get(WIDGETS + "/existing").body(), what + " changed the object");
    }

    @Test
    void badQueryParametersAreBadRequests() {
        for (String q : new String[] {"?labelSelector=a%20in%20(", "?fieldSelector=nope", "?limit=many", "?resourceVersion=x&watch=true",
                "?timeoutSeconds=soon&watch=true"}) {
            Reply r = raw.get(WIDGETS + q);
            assertEquals(400, r.status(), q + ": " + r.body());
            assertEquals("BadRequest", r.reason(), q);
        }
    }
}
