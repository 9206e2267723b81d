package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.RawApiClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST semantics of docs/api-server.md#rest-semantics-implemented over real HTTPS, one behaviour per test. */
class RestSemanticsIT {
    private static final TestAdmissionPlugin PLUGIN = new TestAdmissionPlugin();

    @RegisterExtension
    static final ApiServerExtension API = ApiServerExtension.builder().admission(List.of(PLUGIN)).build();

    static final String WIDGETS = "/apis/test.rancherdesktop.io/v1alpha1/namespaces/default/widgets";
    static final String CMS = "/api/v1/namespaces/default/configmaps";
    static final String MERGE = "application/merge-patch+json";
    static final String JSONPATCH = "application/json-patch+json";

    private static RawApiClient raw() {
        return API.running().raw();
    }

    static String widget(String name, String spec) {
        return "{\"apiVersion\":\"test.rancherdesktop.io/v1alpha1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}";
    }

    private static JsonNode create(String name, String spec) {
        Reply r = raw().post(WIDGETS, widget(name, spec));
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50); // polling an observable condition with a deadline
        }
    }

    // ------------------------------------------------------------------------------------------- create/get

    /** kube-apiserver defaults a builtin kind's apiVersion and kind from the URL (typed clients and tutorials omit them). */
    @Test
    void aBuiltinKindWithoutApiVersionOrKindTakesThemFromTheUrl() {
        Reply cm = raw().post(CMS, "{\"metadata\":{\"name\":\"no-type-meta\"},\"data\":{\"a\":\"1\"}}");
        assertEquals(201, cm.status(), cm.body());
        assertEquals("v1", cm.json().path("apiVersion").asText());
        assertEquals("ConfigMap", cm.json().path("kind").asText());
        Reply stored = raw().get(CMS + "/no-type-meta");
        assertEquals("ConfigMap", stored.json().path("kind").asText(), stored.body());
        assertEquals("v1", stored.json().path("apiVersion").asText(), stored.body());

        Reply onlyKind = raw().put(CMS + "/no-type-meta", "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"no-type-meta\",\"resourceVersion\":\""
                + cm.json().path("metadata").path("resourceVersion").asText() + "\"},\"data\":{\"a\":\"2\"}}");
        assertEquals(200, onlyKind.status(), onlyKind.body());
        assertEquals("v1", onlyKind.json().path("apiVersion").asText());

        Reply ns = raw().post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"no-type-meta\"}}");
        assertEquals(201, ns.status(), ns.body());
        assertEquals("Namespace", ns.json().path("kind").asText());

        Reply ev = raw().post("/api/v1/namespaces/default/events", "{\"metadata\":{\"name\":\"no-type-meta\"},\"involvedObject\":"
                + "{\"kind\":\"ConfigMap\",\"name\":\"no-type-meta\",\"namespace\":\"default\"},\"reason\":\"Test\",\"message\":\"m\"}");
        assertEquals(201, ev.status(), ev.body());
        assertEquals("Event", ev.json().path("kind").asText());

        Reply wrong = raw().post(CMS, "{\"apiVersion\":\"v2\",\"metadata\":{\"name\":\"wrong-version\"}}");
        assertEquals(400, wrong.status(), "a wrong apiVersion is still refused: " + wrong.body());
    }

    /** Custom resources are decoded as unstructured in kube-apiserver: kind is required, and so (in effect) is apiVersion. */
    @Test
    void aCustomResourceStillNeedsApiVersionAndKind() {
        Reply noKind = raw().post(WIDGETS, widget("no-kind", "{\"color\":\"red\"}").replace("\"kind\":\"Widget\",", ""));
        assertEquals(400, noKind.status(), noKind.body());
        assertTrue(noKind.json().path("message").asText().startsWith("Object 'Kind' is missing in '"), noKind.body());
        Reply noVersion = raw().post(WIDGETS, widget("no-version", "{\"color\":\"red\"}").replace("\"apiVersion\":\"test.rancherdesktop.io/v1alpha1\",", ""));
        assertEquals(400, noVersion.status(), noVersion.body());
        assertEquals("the API version in the data () does not match the expected API version (test.rancherdesktop.io/v1alpha1)",
                noVersion.json().path("message").asText(), noVersion.body());
    }

    @Test
    void createSetsSystemMetadataAndSchemaDefaults() {
        JsonNode w = create("defaults", "{\"color\":\"red\"}");
        JsonNode meta = w.path("metadata");
        assertFalse(meta.path("uid").asText().isEmpty());
        assertFalse(meta.path("creationTimestamp").asText().isEmpty());
        assertEquals(1, meta.path("generation").asInt());
        assertTrue(meta.path("resourceVersion").asLong() > 0);
        assertEquals("default", meta.path("namespace").asText());
        assertEquals(1, w.path("spec").path("size").asInt());
        assertEquals("unknown", w.path("spec").path("state").asText());
        assertFalse(w.path("spec").path("options").path("verbose").asBoolean(true));
        Reply got = raw().get(WIDGETS + "/defaults");
        assertEquals(200, got.status());
        assertEquals(w, got.json());
    }

    @Test
    void createWithGenerateNameGetsAUniqueName() {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"gen-\"}}";
        String a = raw().post(CMS, body).json().path("metadata").path("name").asText();
        String b = raw().post(CMS, body).json().path("metadata").path("name").asText();
        assertTrue(a.matches("gen-[a-z0-9]{5}"), a);
        assertNotEquals(a, b);
    }

    @Test
    void aSecondCreateOfTheSameNameIsAlreadyExists() {
        create("twice", "{\"color\":\"red\"}");
        Reply r = raw().post(WIDGETS, widget("twice", "{\"color\":\"blue\"}"));
        assertEquals(409, r.status());
        assertEquals("AlreadyExists", r.reason());
        assertEquals("widgets.test.rancherdesktop.io \"twice\" already exists", r.json().path("message").asText());
        assertEquals("twice", r.json().path("details").path("name").asText());
        assertEquals("red", raw().get(WIDGETS + "/twice").json().path("spec").path("color").asText());
    }

    @Test
    void aMissingObjectIsNotFoundWithDetails() {
        Reply r = raw().get(WIDGETS + "/nope");
        assertEquals(404, r.status());
        assertEquals("NotFound", r.reason());
        assertEquals("widgets", r.json().path("details").path("kind").asText());
        assertEquals("test.rancherdesktop.io", r.json().path("details").path("group").asText());
        assertEquals(404, raw().get("/apis/nope.example.com/v1/things").status());
    }

    @Test
    void createInAMissingNamespaceIsNotFound() {
        Reply r = raw().post("/apis/test.rancherdesktop.io/v1alpha1/namespaces/ghost/widgets", widget("x", "{\"color\":\"red\"}"));
        assertEquals(404, r.status());
        assertEquals("namespaces \"ghost\" not found", r.json().path("message").asText());
    }

    // ------------------------------------------------------------------------------------------- update/patch

    @Test
    void updateWithAStaleResourceVersionIsAConflict() {
        JsonNode w = create("stale", "{\"color\":\"red\"}");
        String fresh = w.toString().replace("\"red\"", "\"green\"");
        assertEquals(200, raw().put(WIDGETS + "/stale", fresh).status());
        Reply r = raw().put(WIDGETS + "/stale", w.toString().replace("\"red\"", "\"blue\""));
        assertEquals(409, r.status());
        assertEquals("Conflict", r.reason());
        assertTrue(r.json().path("message").asText().contains("the object has been modified"));
        assertEquals("green", raw().get(WIDGETS + "/stale").json().path("spec").path("color").asText());
    }

    @Test
    void aCustomResourceUpdateWithoutResourceVersionIsInvalid() {
        create("norv", "{\"color\":\"red\"}");
        Reply r = raw().put(WIDGETS + "/norv", widget("norv", "{\"color\":\"blue\"}"));
        assertEquals(422, r.status());
        assertEquals("metadata.resourceVersion", r.json().path("details").path("causes").get(0).path("field").asText());
    }

    @Test
    void generationChangesOnlyWithTheSpec() {
        create("gen", "{\"color\":\"red\"}");
        raw().patch(WIDGETS + "/gen", MERGE, "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
        raw().patch(WIDGETS + "/gen/status", MERGE, "{\"status\":{\"phase\":\"Up\"}}");
        assertEquals(1, raw().get(WIDGETS + "/gen").json().path("metadata").path("generation").asInt());
        raw().patch(WIDGETS + "/gen", MERGE, "{\"spec\":{\"size\":3}}");
        assertEquals(2, raw().get(WIDGETS + "/gen").json().path("metadata").path("generation").asInt());
    }

    @Test
    void aWriteThatChangesNothingKeepsTheResourceVersion() {
        JsonNode w = create("noop", "{\"color\":\"red\"}");
        Reply r = raw().patch(WIDGETS + "/noop", MERGE, "{\"spec\":{\"color\":\"red\"}}");
        assertEquals(200, r.status());
        assertEquals(w.path("metadata").path("resourceVersion"), r.json().path("metadata").path("resourceVersion"));
    }

    @Test
    void theStatusSubresourceSplitsWritesBetweenSpecAndStatus() {
        Reply created = raw().post(WIDGETS, widget("split", "{\"color\":\"red\"}").replace("}}", "},\"status\":{\"phase\":\"Fake\"}}"));
        assertFalse(created.json().has("status"), "status is dropped on create");
        // A main-resource write cannot change the status ...
        raw().patch(WIDGETS + "/split", MERGE, "{\"spec\":{\"size\":4},\"status\":{\"phase\":\"Ignored\"}}");
        JsonNode afterMain = raw().get(WIDGETS + "/split").json();
        assertEquals(4, afterMain.path("spec").path("size").asInt());
        assertFalse(afterMain.has("status"));
        // ... and a status write cannot change anything else.
        Reply s = raw().patch(WIDGETS + "/split/status", MERGE, "{\"spec\":{\"size\":9},\"metadata\":{\"labels\":{\"x\":\"y\"}},\"status\":{\"phase\":\"Up\"}}");
        assertEquals(200, s.status(), s.body());
        JsonNode afterStatus = raw().get(WIDGETS + "/split").json();
        assertEquals("Up", afterStatus.path("status").path("phase").asText());
        assertEquals(4, afterStatus.path("spec").path("size").asInt());
        assertFalse(afterStatus.path("metadata").path("labels").has("x"));
        assertEquals(404, raw().patch(CMS + "/whatever/status", MERGE, "{}").status(), "ConfigMaps have no status subresource");
    }

    @Test
    void jsonPatchAndMergePatchApply() {
        create("patched", "{\"color\":\"red\",\"labels\":{\"a\":\"1\"}}");
        assertEquals(200, raw().patch(WIDGETS + "/patched", JSONPATCH,
                "[{\"op\":\"replace\",\"path\":\"/spec/color\",\"value\":\"blue\"},{\"op\":\"add\",\"path\":\"/spec/labels/b\",\"value\":\"2\"}]").status());
        assertEquals(200, raw().patch(WIDGETS + "/patched", MERGE, "{\"spec\":{\"labels\":{\"a\":null}}}").status());
        JsonNode w = raw().get(WIDGETS + "/patched").json();
        assertEquals("blue", w.path("spec").path("color").asText());
        assertEquals(Map.of("b", "2"), Map.of("b", w.path("spec").path("labels").path("b").asText()));
        assertEquals(1, w.path("spec").path("labels").size());
        Reply failedTest = raw().patch(WIDGETS + "/patched", JSONPATCH, "[{\"op\":\"test\",\"path\":\"/spec/color\",\"value\":\"red\"}]");
        assertEquals(422, failedTest.status());
    }

    @Test
    void aPatchCarryingAStaleResourceVersionIsAConflict() {
        JsonNode w = create("patchrv", "{\"color\":\"red\"}");
        raw().patch(WIDGETS + "/patchrv", MERGE, "{\"spec\":{\"size\":2}}");
        Reply r = raw().patch(WIDGETS + "/patchrv", MERGE, "{\"metadata\":{\"resourceVersion\":\"" + w.path("metadata").path("resourceVersion").asText()
                + "\"},\"spec\":{\"size\":3}}");
        assertEquals(409, r.status());
        assertEquals(2, raw().get(WIDGETS + "/patchrv").json().path("spec").path("size").asInt());
    }

    @Test
    void strategicMergePatchWorksOnBuiltinsAndIsUnsupportedOnCustomResources() {
        raw().post(CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"smp\",\"finalizers\":[\"a.io/x\"]},\"data\":{\"k\":\"v\"}}");
        Reply ok = raw().patch(CMS + "/smp", "application/strategic-merge-patch+json",
                "{\"metadata\":{\"finalizers\":[\"a.io/y\"]},\"data\":{\"k2\":\"v2\"}}");
        assertEquals(200, ok.status(), ok.body());
        assertEquals("[\"a.io/x\",\"a.io/y\"]", ok.json().path("metadata").path("finalizers").toString());
        assertEquals(2, ok.json().path("data").size());
        raw().patch(CMS + "/smp", MERGE, "{\"metadata\":{\"finalizers\":null}}");
        create("nosmp", "{\"color\":\"red\"}");
        Reply r = raw().patch(WIDGETS + "/nosmp", "application/strategic-merge-patch+json", "{\"spec\":{\"size\":2}}");
        assertEquals(415, r.status());
        assertEquals("UnsupportedMediaType", r.reason());
        assertEquals(415, raw().patch(WIDGETS + "/nosmp", "text/plain", "x").status());
    }

    // ------------------------------------------------------------------------------------------- delete

    @Test
    void deleteWithAFinalizerWaitsForItsRemoval() {
        create("held", "{\"color\":\"red\"}");
        raw().patch(WIDGETS + "/held", MERGE, "{\"metadata\":{\"finalizers\":[\"test.rancherdesktop.io/hold\"]}}");
        Reply del = raw().delete(WIDGETS + "/held");
        assertEquals(200, del.status());
        assertFalse(del.json().path("metadata").path("deletionTimestamp").asText().isEmpty());
        JsonNode held = raw().get(WIDGETS + "/held").json();
        assertFalse(held.path("metadata").path("deletionTimestamp").isMissingNode());
        Reply more = raw().patch(WIDGETS + "/held", MERGE, "{\"metadata\":{\"finalizers\":[\"test.rancherdesktop.io/hold\",\"x.io/new\"]}}");
        assertEquals(422, more.status());
        assertTrue(more.json().path("message").asText().contains("no new finalizers can be added if the object is being deleted"));
        Reply release = raw().patch(WIDGETS + "/held", MERGE, "{\"metadata\":{\"finalizers\":[]}}");
        assertEquals(200, release.status());
        assertEquals(404, raw().get(WIDGETS + "/held").status());
    }

    @Test
    void deleteWithoutFinalizersReturnsASuccessStatus() {
        JsonNode w = create("gone", "{\"color\":\"red\"}");
        Reply del = raw().delete(WIDGETS + "/gone");
        assertEquals(200, del.status());
        assertEquals("Success", del.json().path("status").asText());
        assertEquals(w.path("metadata").path("uid"), del.json().path("details").path("uid"));
        assertEquals(404, raw().delete(WIDGETS + "/gone").status());
    }

    @Test
    void deletePreconditionsAreChecked() {
        create("precond", "{\"color\":\"red\"}");
        Reply r = raw().delete(WIDGETS + "/precond", "{\"preconditions\":{\"uid\":\"not-the-uid\"}}");
        assertEquals(409, r.status());
        assertEquals(200, raw().get(WIDGETS + "/precond").status());
    }

    @Test
    void deletingAnOwnerDeletesItsDependentsInTheBackground() throws InterruptedException {
        JsonNode owner = create("owner", "{\"color\":\"red\"}");
        String uid = owner.path("metadata").path("uid").asText();
        String ref = "{\"apiVersion\":\"test.rancherdesktop.io/v1alpha1\",\"kind\":\"Widget\",\"name\":\"owner\",\"uid\":\"" + uid + "\",\"controller\":true}";
        raw().post(CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"dep1\",\"ownerReferences\":[" + ref + "]}}");
        raw().post(CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"dep2\",\"ownerReferences\":[" + ref + "]}}");
        JsonNode other = create("other-owner", "{\"color\":\"red\"}");
        String ref2 = ref.replace("owner", "other-owner").replace(uid, other.path("metadata").path("uid").asText()).replace("true", "false");
        raw().post(CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"shared\",\"ownerReferences\":[" + ref + "," + ref2 + "]}}");
        assertEquals(200, raw().delete(WIDGETS + "/owner").status());
        eventually("dependents deleted", () -> raw().get(CMS + "/dep1").status() == 404 && raw().get(CMS + "/dep2").status() == 404);
        eventually("dangling owner reference removed", () -> raw().get(CMS + "/shared").json().path("metadata").path("ownerReferences").size() == 1);
        assertEquals(200, raw().get(CMS + "/shared").status(), "an object with a live owner stays");
    }

    @Test
    void orphanDeletionKeepsTheDependents() throws InterruptedException {
        JsonNode owner = create("orphaner", "{\"color\":\"red\"}");
        String ref = "{\"apiVersion\":\"test.rancherdesktop.io/v1alpha1\",\"kind\":\"Widget\",\"name\":\"orphaner\",\"uid\":\""
                + owner.path("metadata").path("uid").asText() + "\"}";
        raw().post(CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"orphan\",\"ownerReferences\":[" + ref + "]}}");
        assertEquals(200, raw().delete(WIDGETS + "/orphaner", "{\"propagationPolicy\":\"Orphan\"}").status());
        eventually("owner gone", () -> raw().get(WIDGETS + "/orphaner").status() == 404);
        JsonNode orphan = raw().get(CMS + "/orphan").json();
        assertEquals(0, orphan.path("metadata").path("ownerReferences").size());
    }

    @Test
    void deleteCollectionHonoursTheLabelSelector() {
        for (String n : List.of("dc-a", "dc-b", "dc-c")) {
            raw().post(CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + n + "\",\"labels\":{\"set\":\""
                    + (n.equals("dc-c") ? "keep" : "drop") + "\"}}}");
        }
        Reply r = raw().delete(CMS + "?labelSelector=set%3Ddrop");
        assertEquals(200, r.status());
        assertEquals(2, r.json().path("items").size());
        assertEquals(404, raw().get(CMS + "/dc-a").status());
        assertEquals(200, raw().get(CMS + "/dc-c").status());
    }

    @Test
    void deletingANamespaceDeletesWhatIsInItAndRefusesNewContent() throws InterruptedException {
        raw().post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"doomed\"}}");
        String ns = "/api/v1/namespaces/doomed/configmaps";
        raw().post(ns, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}");
        raw().post(ns, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"held\",\"finalizers\":[\"x.io/hold\"]}}");
        Reply del = raw().delete("/api/v1/namespaces/doomed");
        assertEquals(200, del.status());
        assertEquals("Terminating", del.json().path("status").path("phase").asText());
        eventually("plain content deleted", () -> raw().get(ns + "/a").status() == 404);
        Reply refused = raw().post(ns, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"late\"}}");
        assertEquals(403, refused.status());
        assertEquals(200, raw().get("/api/v1/namespaces/doomed").status(), "the namespace waits for the finalizer");
        raw().patch(ns + "/held", MERGE, "{\"metadata\":{\"finalizers\":null}}");
        eventually("namespace gone", () -> raw().get("/api/v1/namespaces/doomed").status() == 404);
        assertEquals(403, raw().delete("/api/v1/namespaces/default").status());
    }

    // ------------------------------------------------------------------------------------------- lists

    @Test
    void listsFilterByLabelAndFieldSelectorsIncludingSelectableFields() {
        raw().post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"sel\"}}");
        String base = "/apis/test.rancherdesktop.io/v1alpha1/namespaces/sel/widgets";
        for (String[] w : new String[][] {{"s1", "red", "a"}, {"s2", "green", "a"}, {"s3", "blue", "b"}}) {
            raw().post(base, widget(w[0], "{\"color\":\"" + w[1] + "\"}").replace("\"name\":\"" + w[0] + "\"",
                    "\"name\":\"" + w[0] + "\",\"labels\":{\"grp\":\"" + w[2] + "\"}"));
        }
        assertEquals(List.of("s1", "s2"), names(raw().get(base + "?labelSelector=grp%3Da")));
        assertEquals(List.of("s3"), names(raw().get(base + "?labelSelector=grp+notin+(a)")));
        assertEquals(List.of("s2"), names(raw().get(base + "?fieldSelector=spec.color%3Dgreen")));
        assertEquals(List.of("s1", "s3"), names(raw().get(base + "?fieldSelector=spec.color!%3Dgreen")));
        assertEquals(List.of("s3"), names(raw().get(base + "?fieldSelector=metadata.name%3Ds3")));
        assertEquals(List.of("s1"), names(raw().get("/apis/test.rancherdesktop.io/v1alpha1/widgets?fieldSelector=metadata.namespace%3Dsel,spec.color%3Dred")));
        Reply bad = raw().get(base + "?fieldSelector=spec.size%3D1");
        assertEquals(400, bad.status());
        assertEquals("field label not supported: spec.size", bad.json().path("message").asText());
    }

    @Test
    void limitAndContinuePageThroughAList() {
        raw().post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"pages\"}}");
        String base = "/api/v1/namespaces/pages/configmaps";
        for (int i = 0; i < 5; i++) {
            raw().post(base, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"p" + i + "\"}}");
        }
        List<String> all = new ArrayList<>();
        String cont = "";
        int pages = 0;
        do {
            JsonNode page = raw().get(base + "?limit=2" + (cont.isEmpty() ? "" : "&continue=" + cont)).json();
            page.path("items").forEach(i -> all.add(i.path("metadata").path("name").asText()));
            cont = page.path("metadata").path("continue").asText("");
            if (pages == 0) {
                assertEquals(3, page.path("metadata").path("remainingItemCount").asInt());
            }
            pages++;
        } while (!cont.isEmpty());
        assertEquals(List.of("p0", "p1", "p2", "p3", "p4"), all);
        assertEquals(3, pages);
        assertEquals(400, raw().get(base + "?limit=2&continue=garbage!").status());
    }

    static List<String> names(Reply list) {
        assertEquals(200, list.status(), list.body());
        List<String> out = new ArrayList<>();
        list.json().path("items").forEach(i -> out.add(i.path("metadata").path("name").asText()));
        return out;
    }

    // ------------------------------------------------------------------------------------------- dry run, validation, admission

    @Test
    void dryRunRunsEverythingAndStoresNothing() {
        long before = API.running().runtime().store().revision();
        Reply r = raw().post(WIDGETS + "?dryRun=All", widget("dry", "{\"color\":\"red\"}"));
        assertEquals(201, r.status());
        assertEquals(1, r.json().path("spec").path("size").asInt());
        assertTrue(PLUGIN.seen.contains("validate CREATE dry dry"));
        assertEquals(404, raw().get(WIDGETS + "/dry").status());
        create("drydel", "{\"color\":\"red\"}");
        long mid = API.running().runtime().store().revision();
        assertEquals(200, raw().send("DELETE", WIDGETS + "/drydel?dryRun=All", null, null, true, Map.of()).status());
        assertEquals(200, raw().patch(WIDGETS + "/drydel?dryRun=All", MERGE, "{\"spec\":{\"size\":5}}").status());
        assertEquals(mid, API.running().runtime().store().revision());
        assertTrue(before < mid);
        assertEquals(400, raw().post(WIDGETS + "?dryRun=Some", widget("dry2", "{\"color\":\"red\"}")).status());
    }

    @Test
    void fieldValidationStrictRejectsWarnPrunesWithAWarningIgnorePrunesSilently() {
        String body = widget("fv", "{\"color\":\"red\",\"bogus\":1}");
        Reply strict = raw().post(WIDGETS + "?fieldValidation=Strict", body);
        assertEquals(400, strict.status());
        assertEquals("Widget in version \"v1alpha1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.bogus\"",
                strict.json().path("message").asText());
        Reply warn = raw().post(WIDGETS, body);
        assertEquals(201, warn.status());
        assertEquals(List.of("299 - \"unknown field \\\"spec.bogus\\\"\""), warn.header("Warning"));
        assertFalse(warn.json().path("spec").has("bogus"));
        Reply ignore = raw().post(WIDGETS + "?fieldValidation=Ignore", body.replace("\"fv\"", "\"fv2\""));
        assertEquals(201, ignore.status());
        assertTrue(ignore.header("Warning").isEmpty());
        assertEquals(400, raw().post(WIDGETS + "?fieldValidation=Loose", body).status());
    }

    @Test
    void admissionMutatesValidatesWarnsAndDenies() {
        Reply mutated = raw().post(WIDGETS, widget("adm", "{\"color\":\"red\",\"note\":\"warn\"}").replace("\"name\":\"adm\"",
                "\"name\":\"adm\",\"annotations\":{\"test/mutate\":\"yes\"}"));
        assertEquals(201, mutated.status(), mutated.body());
        assertEquals("true", mutated.json().path("metadata").path("labels").path("mutated").asText());
        assertEquals(List.of("299 - \"this note is \\\"suspicious\\\"\""), mutated.header("Warning"));
        Reply denied = raw().post(WIDGETS, widget("adm2", "{\"color\":\"red\",\"note\":\"deny\"}"));
        assertEquals(422, denied.status());
        assertEquals("Invalid", denied.reason());
        assertEquals("spec.note", denied.json().path("details").path("causes").get(0).path("field").asText());
        assertTrue(denied.json().path("message").asText().contains("widget-test.test.rancherdesktop.io"));
        Reply forbidden = raw().patch(WIDGETS + "/adm", MERGE, "{\"spec\":{\"note\":\"forbid\"}}");
        assertEquals(403, forbidden.status());
        assertEquals("warn", raw().get(WIDGETS + "/adm").json().path("spec").path("note").asText());
        raw().patch(WIDGETS + "/adm", MERGE, "{\"metadata\":{\"labels\":{\"protected\":\"true\"}}}");
        assertEquals(403, raw().delete(WIDGETS + "/adm").status());
        assertEquals(200, raw().get(WIDGETS + "/adm").status());
    }

    // ------------------------------------------------------------------------------------------- tables, versions

    @Test
    void tablesCarryNameThePrinterColumnsAndAge() {
        create("tbl", "{\"color\":\"blue\",\"size\":7}");
        raw().patch(WIDGETS + "/tbl/status", MERGE, "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        Reply t = raw().get(WIDGETS + "?fieldSelector=metadata.name%3Dtbl",
                Map.of("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"));
        assertEquals(200, t.status());
        JsonNode table = t.json();
        assertEquals("Table", table.path("kind").asText());
        List<String> cols = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> cols.add(c.path("name").asText()));
        assertEquals(List.of("Name", "Color", "Size", "Ready", "Age"), cols);
        JsonNode row = table.path("rows").get(0);
        assertEquals("tbl", row.path("cells").get(0).asText());
        assertEquals("blue", row.path("cells").get(1).asText());
        assertEquals(7, row.path("cells").get(2).asInt());
        assertEquals("True", row.path("cells").get(3).asText());
        assertTrue(row.path("cells").get(4).asText().matches("\\d+s"));
        assertEquals("PartialObjectMetadata", row.path("object").path("kind").asText());
        JsonNode cmTable = raw().get(CMS, Map.of("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")).json();
        assertEquals("Data", cmTable.path("columnDefinitions").get(1).path("name").asText());
    }

    @Test
    void objectsAreServedInEveryServedVersion() {
        Reply c = raw().post("/apis/test.rancherdesktop.io/v1beta1/gadgets",
                "{\"apiVersion\":\"test.rancherdesktop.io/v1beta1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"g1\"},\"spec\":{\"mode\":\"fast\"}}");
        assertEquals(201, c.status(), c.body());
        assertEquals("test.rancherdesktop.io/v1beta1", c.json().path("apiVersion").asText());
        assertEquals(3, c.json().path("spec").path("level").asInt());
        assertEquals("test.rancherdesktop.io/v1alpha1", raw().get("/apis/test.rancherdesktop.io/v1alpha1/gadgets/g1").json().path("apiVersion").asText());
        assertEquals(404, raw().get("/apis/test.rancherdesktop.io/v1alpha1/namespaces/default/gadgets/g1").status(), "cluster-scoped");
    }

    // ------------------------------------------------------------------------------------------- server-side apply

    @Test
    void serverSideApplyCreatesMergesDetectsConflictsAndRemovesDroppedFields() {
        String path = WIDGETS + "/ssa?fieldManager=alice";
        String cfg = "{\"apiVersion\":\"test.rancherdesktop.io/v1alpha1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"ssa\"},"
                + "\"spec\":{\"color\":\"red\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}}}";
        Reply created = raw().patch(path, "application/apply-patch+yaml", cfg);
        assertEquals(200, created.status(), created.body());
        assertEquals("alice", created.json().path("metadata").path("managedFields").get(0).path("manager").asText());
        assertEquals("Apply", created.json().path("metadata").path("managedFields").get(0).path("operation").asText());
        raw().patch(WIDGETS + "/ssa?fieldManager=bob", MERGE, "{\"spec\":{\"size\":42}}");
        Reply conflict = raw().patch(WIDGETS + "/ssa?fieldManager=carol", "application/apply-patch+yaml",
                "apiVersion: test.rancherdesktop.io/v1alpha1\nkind: Widget\nmetadata: {name: ssa}\nspec: {color: red, size: 1}\n");
        assertEquals(409, conflict.status());
        assertEquals(".spec.size", conflict.json().path("details").path("causes").get(0).path("field").asText());
        Reply forced = raw().patch(WIDGETS + "/ssa?fieldManager=carol&force=true", "application/apply-patch+yaml",
                "apiVersion: test.rancherdesktop.io/v1alpha1\nkind: Widget\nmetadata: {name: ssa}\nspec: {color: red, size: 1}\n");
        assertEquals(200, forced.status(), forced.body());
        assertEquals(1, forced.json().path("spec").path("size").asInt());
        // alice drops label b: it goes away (nobody else owns it); color stays (carol co-owns it).
        Reply reapplied = raw().patch(path, "application/apply-patch+yaml", cfg.replace(",\"b\":\"2\"", ""));
        assertEquals(200, reapplied.status(), reapplied.body());
        assertEquals("{\"a\":\"1\"}", reapplied.json().path("spec").path("labels").toString());
        assertEquals(400, raw().patch(WIDGETS + "/ssa", "application/apply-patch+yaml", cfg).status(), "fieldManager is required");
    }

    @Test
    void finalizersAppliedByDifferentManagersAllStay() {
        create("fins", "{\"color\":\"red\"}");
        raw().patch(WIDGETS + "/fins", MERGE, "{\"metadata\":{\"finalizers\":[\"webhook.io/cleanup\"]}}");
        String apply = "{\"apiVersion\":\"test.rancherdesktop.io/v1alpha1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"fins\",\"finalizers\":[%s]}}";
        Reply r = raw().patch(WIDGETS + "/fins?fieldManager=operator&force=true", "application/apply-patch+yaml", apply.formatted("\"operator.io/f\""));
        assertEquals(200, r.status(), r.body());
        assertEquals("[\"webhook.io/cleanup\",\"operator.io/f\"]", r.json().path("metadata").path("finalizers").toString());
        Reply removed = raw().patch(WIDGETS + "/fins?fieldManager=operator&force=true", "application/apply-patch+yaml", apply.formatted(""));
        assertEquals("[\"webhook.io/cleanup\"]", removed.json().path("metadata").path("finalizers").toString());
    }

    // ------------------------------------------------------------------------------------------- discovery, openapi, misc

    @Test
    void discoveryListsResourcesWithVerbsShortNamesCategoriesAndSubresources() {
        JsonNode groups = raw().get("/apis").json();
        assertEquals("APIGroupList", groups.path("kind").asText());
        JsonNode list = raw().get("/apis/test.rancherdesktop.io/v1alpha1").json();
        JsonNode widgets = null;
        JsonNode status = null;
        for (JsonNode r : list.path("resources")) {
            if (r.path("name").asText().equals("widgets")) {
                widgets = r;
            }
            if (r.path("name").asText().equals("widgets/status")) {
                status = r;
            }
        }
        assertEquals("[\"wd\"]", widgets.path("shortNames").toString());
        assertEquals("[\"all\",\"rdd-test\"]", widgets.path("categories").toString());
        assertEquals("widget", widgets.path("singularName").asText());
        assertTrue(widgets.path("namespaced").asBoolean());
        assertEquals(8, widgets.path("verbs").size());
        assertEquals("[\"get\",\"patch\",\"update\"]", status.path("verbs").toString());
        assertEquals("v1", raw().get("/api").json().path("versions").get(0).asText());
        assertEquals("1", raw().get("/version").json().path("major").asText());
        JsonNode crds = raw().get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions").json();
        assertTrue(crds.path("items").size() >= 2);
        assertEquals(405, raw().post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", "{}").status(), "CRDs are read-only");
    }

    @Test
    void openApiV3AdvertisesServerSideFieldValidationAndPatchTypes() {
        JsonNode index = raw().get("/openapi/v3").json();
        String url = index.path("paths").path("apis/test.rancherdesktop.io/v1alpha1").path("serverRelativeURL").asText();
        assertTrue(url.startsWith("/openapi/v3/apis/test.rancherdesktop.io/v1alpha1?hash="), url);
        JsonNode doc = raw().get(url).json();
        JsonNode patch = doc.path("paths").path("/apis/test.rancherdesktop.io/v1alpha1/namespaces/{namespace}/widgets/{name}").path("patch");
        assertEquals("Widget", patch.path("x-kubernetes-group-version-kind").path("kind").asText());
        List<String> params = new ArrayList<>();
        patch.path("parameters").forEach(p -> params.add(p.path("name").asText()));
        assertTrue(params.contains("fieldValidation"));
        assertFalse(patch.path("requestBody").path("content").has("application/strategic-merge-patch+json"));
        assertTrue(doc.path("components").path("schemas").has("io.rancherdesktop.test.v1alpha1.Widget"));
        JsonNode core = raw().get(index.path("paths").path("api/v1").path("serverRelativeURL").asText()).json();
        assertTrue(core.path("paths").path("/api/v1/namespaces/{namespace}/configmaps/{name}").path("patch").path("requestBody").path("content")
                .has("application/strategic-merge-patch+json"));
        // v2 has no definitions (kubectl validates a List's items against v2 and skips kinds it does not define)
        Reply v2 = raw().get("/openapi/v2", Map.of("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"));
        assertEquals(200, v2.status());
        assertEquals(List.of("application/com.github.proto-openapi.spec.v2.v1.0+protobuf"), v2.header("Content-Type"));
        assertEquals("", v2.body());
        assertEquals("2.0", raw().get("/openapi/v2").json().path("swagger").asText());
    }

    /** No RBAC: every self-subject review is allowed, and says why; bad reviews are rejected as kube does. */
    @Test
    void selfSubjectReviewsAnswerThatEverythingIsAllowed() {
        String ssar = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
        Reply r = raw().post(ssar, "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\","
                + "\"spec\":{\"resourceAttributes\":{\"verb\":\"delete\",\"resource\":\"volumes\",\"group\":\"containers.rancherdesktop.io\"}}}");
        assertEquals(201, r.status(), r.body());
        assertTrue(r.json().path("status").path("allowed").asBoolean(), r.body());
        assertTrue(r.json().path("status").path("reason").asText().contains("no RBAC"), r.body());
        assertEquals("delete", r.json().path("spec").path("resourceAttributes").path("verb").asText());
        Reply invalid = raw().post(ssar, "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":{}}");
        assertEquals(422, invalid.status(), invalid.body());
        assertEquals("spec.resourceAttributes", invalid.json().path("details").path("causes").path(0).path("field").asText());
        assertEquals(400, raw().post(ssar, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}").status());
        assertEquals(405, raw().get(ssar).status());
        assertEquals(404, raw().post("/apis/authorization.k8s.io/v1/subjectaccessreviews", "{}").status());
        Reply rules = raw().post("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
                "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectRulesReview\",\"spec\":{\"namespace\":\"default\"}}");
        assertEquals(201, rules.status(), rules.body());
        assertEquals("*", rules.json().path("status").path("resourceRules").path(0).path("verbs").path(0).asText());
        JsonNode discovery = raw().get("/apis/authorization.k8s.io/v1").json();
        assertEquals("create", discovery.path("resources").path(0).path("verbs").path(0).asText());
        assertTrue(raw().get("/apis").body().contains("\"authorization.k8s.io\""));
    }

    @Test
    void unsupportedMethodsAndMediaTypesGetTheirStatusCodes() {
        assertEquals(405, raw().put(WIDGETS, "{}").status());
        assertEquals(405, raw().post(WIDGETS + "/x", "{}").status());
        assertEquals(405, raw().post("/apis/test.rancherdesktop.io/v1alpha1/widgets", widget("x", "{\"color\":\"red\"}")).status());
        assertEquals(406, raw().get(WIDGETS, Map.of("Accept", "application/vnd.kubernetes.protobuf")).status());
        assertEquals(415, raw().send("POST", WIDGETS, "text/plain", "x", true, Map.of()).status());
        assertEquals("ok", raw().get("/healthz").body());
        assertEquals(200, raw().get("/readyz").status());
    }
}
