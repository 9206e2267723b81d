package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seeded, reproducible API fuzzing over real HTTPS. Starting from a valid object of every served kind, it sends a
 * few thousand mutated requests (wrong types, missing and extra fields, unicode and control characters in names,
 * labels and annotations, deep nesting, huge numbers, duplicate keys, truncated JSON, invalid UTF-8, random
 * content types and query parameters; POST, PUT, PATCH merge/json/apply, DELETE, GET) and checks every reply:
 * never a 5xx; an error is a JSON {@code Status} whose {@code code} is the HTTP status; a rejected (or dry-run)
 * request leaves the store revision unchanged; {@code /readyz} stays 200 throughout.
 *
 * <p>The seed is printed; reproduce a failure with {@code -Drdd.fuzz.seed=N} (and {@code -Drdd.fuzz.iterations=N}).
 */
@ExtendWith(ApiServerExtension.class)
class ApiFuzzIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int DEFAULT_ITERATIONS = 5000;
    private static final String NS = "/api/v1/namespaces";

    /** A served kind: its collection path and a valid object to start from. */
    record Kind(String name, String collection, String seed, String seedName) {
        String item(String name) {
            return collection + "/" + encodeSegment(name);
        }
    }

    static final List<Kind> KINDS = List.of(
            new Kind("ConfigMap", "/api/v1/namespaces/default/configmaps",
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"fz-cm\",\"labels\":{\"a\":\"b\"}},\"data\":{\"k\":\"v\",\"k2\":\"v2\"}}", "fz-cm"),
            new Kind("Namespace", NS,
                    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"fz-ns\",\"annotations\":{\"x\":\"y\"}}}", "fz-ns"),
            new Kind("App", "/apis/app.rancherdesktop.io/v1alpha1/apps",
                    "{\"apiVersion\":\"app.rancherdesktop.io/v1alpha1\",\"kind\":\"App\",\"metadata\":{\"name\":\"app\"},"
                            + "\"spec\":{\"running\":false,\"containerEngine\":{\"name\":\"moby\"},\"kubernetes\":{\"enabled\":false},\"vm\":{\"driver\":\"process\"}}}", "app"),
            new Kind("VirtualMachine", "/apis/vm.rancherdesktop.io/v1alpha1/namespaces/default/virtualmachines",
                    "{\"apiVersion\":\"vm.rancherdesktop.io/v1alpha1\",\"kind\":\"VirtualMachine\",\"metadata\":{\"name\":\"rd\"},"
                            + "\"spec\":{\"driver\":\"process\",\"running\":false,\"containerEngine\":{\"name\":\"moby\"}}}", "rd"),
            new Kind("ContainerNamespace", "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/default/containernamespaces",
                    "{\"apiVersion\":\"containers.rancherdesktop.io/v1alpha1\",\"kind\":\"ContainerNamespace\",\"metadata\":{\"name\":\"moby\"}}", "moby"),
            new Kind("Container", "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/default/containers",
                    "{\"apiVersion\":\"containers.rancherdesktop.io/v1alpha1\",\"kind\":\"Container\",\"metadata\":{\"name\":\"fz-ctr\"},\"spec\":{\"state\":\"running\"}}", "fz-ctr"),
            new Kind("Image", "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/default/images",
                    "{\"apiVersion\":\"containers.rancherdesktop.io/v1alpha1\",\"kind\":\"Image\",\"metadata\":{\"name\":\"img-fz\"},\"spec\":{}}", "img-fz"),
            new Kind("Volume", "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/default/volumes",
                    "{\"apiVersion\":\"containers.rancherdesktop.io/v1alpha1\",\"kind\":\"Volume\",\"metadata\":{\"name\":\"vol-fz\"},\"spec\":{}}", "vol-fz"),
            new Kind("Widget", RestSemanticsIT.WIDGETS,
                    RestSemanticsIT.widget("fz-widget", "{\"color\":\"red\",\"size\":3,\"note\":\"n\",\"labels\":{\"a\":\"b\"},\"ports\":[{\"name\":\"p\",\"port\":1}],"
                            + "\"extra\":{\"free\":[1,{\"x\":true}]}}"), "fz-widget"));

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8", "application/yaml",
            "application/merge-patch+json", "application/json-patch+json", "application/apply-patch+yaml", "application/strategic-merge-patch+json",
            "application/vnd.kubernetes.protobuf", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=latin1", "*/*", "application/", "garbage", "application/json;;;");

    private static final String[] ODD = {"é", "日本", "😀", "\u202e", "\u200b", "\u0000", "\u0001", "\u001f", "\u007f", "\t", "\n", "\r", " ", "\"", "\\", "/",
            "..", "%", "%2f", "?", "#", "&", "=", "{", "}", "[", "]", "<script>", "'", "\ufeff", "\uffff", "ａ", "Ⅻ", "-", ".", "_", "~"};

    private final Random rnd;
    private final long seed;
    private final int iterations;
    private ApiServerExtension.Running api;
    private final List<String> createdNamespaces = new ArrayList<>();
    /** The last few requests and their status, for a failure report. */
    private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();

    ApiFuzzIT() {
        Long fixed = Long.getLong("rdd.fuzz.seed");
        this.seed = fixed != null ? fixed : new java.security.SecureRandom().nextLong();
        this.iterations = Integer.getInteger("rdd.fuzz.iterations", DEFAULT_ITERATIONS);
        this.rnd = new Random(seed);
    }

    /** One request as sent; {@link #describe()} is what a failure report shows. */
    record FuzzRequest(String method, String path, String contentType, byte[] body, boolean dryRun) {
        String describe() {
            String b = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            if (b.length() > 400) {
                b = b.substring(0, 400) + "…(" + body.length + " bytes)";
            }
            return method + " " + path + (contentType == null ? "" : " [" + contentType + "]") + " " + b;
        }
    }

    record Reply(int status, String contentType, String body, String headers) {
    }

    @Test
    void thousandsOfMutatedRequestsNeverGiveA5xxNeverChangeTheStoreWhenRejectedAndLeaveTheServerReady(ApiServerExtension.Running running) {
        this.api = running;
        String repro = "ApiFuzzIT seed=" + seed + " iterations=" + iterations + " (reproduce: -Drdd.fuzz.seed=" + seed + " -Drdd.fuzz.iterations=" + iterations + ")";
        System.out.println(repro);
        for (Kind k : KINDS) {
            Reply r = send(new FuzzRequest("POST", k.collection(), "application/json", k.seed().getBytes(StandardCharsets.UTF_8), false));
            assertEquals(201, r.status(), k.name() + " seed: " + r.body());
        }
        Instant start = Instant.now();
        for (int i = 0; i < iterations; i++) {
            FuzzRequest req = generate();
            String where = repro + ", request #" + i + ": " + req.describe();
            long before = api.runtime().store().revision();
            Reply r = send(req);
            if (r.status() == -1) {
                // Known limitation (see jettyRejectsBeforeReading): no answer, but nothing may have changed either.
                assertEquals(before, api.runtime().store().revision(), where + "\n-> the unanswered request changed the store");
                continue;
            }
            assertTrue(r.status() < 500, where + "\n-> " + r.status() + " " + r.body());
            if (r.status() >= 400) {
                JsonNode status = parseStatus(r, where);
                assertEquals(r.status(), status.path("code").asInt(), where + "\n-> code differs: " + r.body());
                assertEquals("Failure", status.path("status").asText(), where + "\n-> " + r.body());
            }
            recent.addLast("#" + i + " -> " + r.status() + " " + r.headers() + ": " + req.describe());
            if (recent.size() > 8) {
                recent.removeFirst();
            }
            if (r.status() >= 400 || req.dryRun()) {
                long after = api.runtime().store().revision();
                assertEquals(before, after, where + "\n-> " + r.status() + " changed the store: " + r.body() + "\nchanged: " + changedSince(before)
                        + "\nrecent requests:\n" + String.join("\n", recent));
            } else if (req.method().equals("DELETE") && r.status() < 300) {
                awaitDeleteSettled(req.path(), r, where);
            }
            if (i % 25 == 0) {
                assertReady(where);
            }
        }
        assertReady(repro + ", at the end");
        for (Kind k : KINDS) {
            assertEquals(200, send(new FuzzRequest("GET", k.collection(), null, null, false)).status(), repro + ": list " + k.name());
        }
        System.out.println("ApiFuzzIT: " + iterations + " requests in " + Duration.between(start, Instant.now()).toMillis() + " ms");
    }

    // ====================================================================================== generation

    private FuzzRequest generate() {
        Kind kind = KINDS.get(rnd.nextInt(KINDS.size()));
        int verb = rnd.nextInt(100);
        Map<String, String> query = new LinkedHashMap<>();
        randomQuery(query);
        if (verb < 35) {
            ObjectNode obj = mutate(seedOf(kind));
            if (rnd.nextInt(3) == 0 && obj.path("metadata") instanceof ObjectNode md) {
                md.put("name", freshName());
            }
            return build("POST", kind.collection(), query, pickContentType("application/json"), bodyOf(obj));
        }
        String name = rnd.nextInt(10) < 8 ? kind.seedName() : randomName();
        String item = kind.item(name);
        if (verb < 50) {
            ObjectNode base = rnd.nextBoolean() ? current(kind, name) : seedOf(kind);
            return build("PUT", item, query, pickContentType("application/json"), bodyOf(mutate(base)));
        }
        if (verb < 65) {
            return build("PATCH", item, query, pickContentType("application/merge-patch+json"), bodyOf(mutate(mergePatchFrom(seedOf(kind)))));
        }
        if (verb < 75) {
            return build("PATCH", item, query, pickContentType("application/json-patch+json"), textBody(jsonPatch(kind)));
        }
        if (verb < 85) {
            if (rnd.nextInt(4) != 0) {
                query.put("fieldManager", rnd.nextInt(5) == 0 ? randomString(rnd.nextInt(200)) : "fuzz");
            }
            if (rnd.nextInt(4) == 0) {
                query.put("force", pick("true", "false", "yes", ""));
            }
            return build("PATCH", item, query, pickContentType("application/apply-patch+yaml"), bodyOf(mutate(seedOf(kind))));
        }
        if (verb < 93) {
            if (rnd.nextInt(3) == 0) {
                query.put("propagationPolicy", pick("Background", "Foreground", "Orphan", "Sideways", ""));
            }
            if (rnd.nextInt(4) == 0) {
                query.put("gracePeriodSeconds", pick("0", "-1", "30", "x", "99999999999999999999"));
            }
            // Namespaces: only the ones the fuzzer made (the seed namespaces hold the other kinds' objects).
            if (kind.name().equals("Namespace")) {
                if (createdNamespaces.isEmpty()) {
                    item = NS + "/" + encodeSegment(randomName());
                } else {
                    item = NS + "/" + encodeSegment(createdNamespaces.get(rnd.nextInt(createdNamespaces.size())));
                }
            }
            byte[] body = rnd.nextInt(3) == 0 ? textBody(deleteOptions()) : null;
            return build("DELETE", item, query, body == null ? null : pickContentType("application/json"), body);
        }
        query.keySet().removeIf(k -> !k.equals("resourceVersion") && !k.equals("pretty"));
        if (rnd.nextBoolean()) {
            query.put(pick("labelSelector", "fieldSelector", "limit", "continue"), randomString(rnd.nextInt(30)));
        }
        return build("GET", rnd.nextBoolean() ? item : kind.collection(), query, null, null);
    }

    private FuzzRequest build(String method, String path, Map<String, String> query, String contentType, byte[] body) {
        boolean dryRun = "All".equals(query.get("dryRun"))
                || method.equals("DELETE") && body != null && new String(body, StandardCharsets.UTF_8).contains("\"dryRun\":[\"All\"]");
        StringBuilder p = new StringBuilder(path);
        char sep = '?';
        for (var e : query.entrySet()) {
            p.append(sep).append(encodeQuery(e.getKey())).append('=').append(encodeQuery(e.getValue()));
            sep = '&';
        }
        if (method.equals("POST") && body != null && path.equals(NS)) {
            rememberNamespace(body);
        }
        return new FuzzRequest(method, p.toString(), contentType, body, dryRun);
    }

    private void rememberNamespace(byte[] body) {
        try {
            String n = JSON.readTree(body).path("metadata").path("name").asText("");
            if (n.startsWith("fz") && !n.equals("fz-ns")) {
                createdNamespaces.add(n);
            }
        } catch (IOException | RuntimeException notJson) {
            // a mangled body creates nothing
        }
    }

    private void randomQuery(Map<String, String> q) {
        if (rnd.nextInt(100) < 25) {
            q.put("dryRun", rnd.nextInt(6) == 0 ? pick("all", "None", "", "All,All", randomString(5)) : "All");
        }
        if (rnd.nextInt(100) < 10) {
            q.put("fieldManager", rnd.nextBoolean() ? "m-" + rnd.nextInt(3) : randomString(rnd.nextInt(300)));
        }
        if (rnd.nextInt(100) < 15) {
            q.put("fieldValidation", pick("Strict", "Warn", "Ignore", "strict", "", randomString(6)));
        }
        if (rnd.nextInt(100) < 6) {
            q.put("resourceVersion", pick("0", "1", "-1", "999999999999", "abc", "", "18446744073709551616"));
        }
        if (rnd.nextInt(100) < 4) {
            q.put("pretty", pick("true", "1", "x"));
        }
        if (rnd.nextInt(100) < 3) {
            q.put(randomString(1 + rnd.nextInt(10)), randomString(rnd.nextInt(10)));
        }
    }

    private ObjectNode seedOf(Kind kind) {
        try {
            return (ObjectNode) JSON.readTree(kind.seed());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored object (so an update can succeed), or the seed when it is gone. */
    private ObjectNode current(Kind kind, String name) {
        Reply r = send(new FuzzRequest("GET", kind.item(name), null, null, false));
        if (r.status() == 200) {
            try {
                if (JSON.readTree(r.body()) instanceof ObjectNode o) {
                    return o;
                }
            } catch (IOException e) {
                fail("GET " + kind.item(name) + " answered 200 with a body that is not JSON: " + r.body());
            }
        }
        return seedOf(kind);
    }

    private ObjectNode mergePatchFrom(ObjectNode obj) {
        ObjectNode patch = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (rnd.nextBoolean()) {
                patch.set(e.getKey(), e.getValue());
            }
        }
        return patch;
    }

    private String jsonPatch(Kind kind) {
        ArrayNode ops = NODES.arrayNode();
        int n = 1 + rnd.nextInt(3);
        List<String> pointers = new ArrayList<>();
        collectPointers(seedOf(kind), "", pointers);
        pointers.addAll(List.of("", "/", "/metadata/name", "/metadata/labels/a~1b", "/spec/~2", "/spec/x/y/z", "/metadata/resourceVersion",
                "/metadata/uid", "/status", "/spec/ports/-", "/spec/ports/99", "/spec/ports/-1", "/kind", "/apiVersion"));
        for (int i = 0; i < n; i++) {
            ObjectNode op = ops.addObject();
            op.put("op", pick("add", "remove", "replace", "move", "copy", "test", "bogus", ""));
            op.put("path", pointers.get(rnd.nextInt(pointers.size())));
            if (rnd.nextBoolean()) {
                op.put("from", pointers.get(rnd.nextInt(pointers.size())));
            }
            if (rnd.nextInt(5) != 0) {
                op.set("value", randomValue(2));
            }
        }
        if (rnd.nextInt(10) == 0) {
            return "{\"op\":\"add\"}";
        }
        return ops.toString();
    }

    private String deleteOptions() {
        ObjectNode o = NODES.objectNode();
        if (rnd.nextBoolean()) {
            o.put("apiVersion", pick("v1", "meta.k8s.io/v1", "x"));
            o.put("kind", pick("DeleteOptions", "Status", "x"));
        }
        if (rnd.nextBoolean()) {
            o.set("preconditions", NODES.objectNode().put("uid", randomString(8)).put("resourceVersion", pick("1", "x", "")));
        }
        if (rnd.nextBoolean()) {
            o.set("propagationPolicy", randomValue(0));
        }
        if (rnd.nextBoolean()) {
            o.set("dryRun", NODES.arrayNode().add(pick("All", "x")));
        }
        return o.toString();
    }

    /** One to three mutations of a copy of an object. */
    private ObjectNode mutate(ObjectNode original) {
        ObjectNode obj = original.deepCopy();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            List<String> pointers = new ArrayList<>();
            collectPointers(obj, "", pointers);
            switch (rnd.nextInt(7)) {
                case 0 -> { // wrong type anywhere
                    if (!pointers.isEmpty()) {
                        setAt(obj, pointers.get(rnd.nextInt(pointers.size())), randomValue(2));
                    }
                }
                case 1 -> { // a missing field
                    if (!pointers.isEmpty()) {
                        removeAt(obj, pointers.get(rnd.nextInt(pointers.size())));
                    }
                }
                case 2 -> { // an extra field in some object
                    List<ObjectNode> objects = new ArrayList<>();
                    collectObjects(obj, objects);
                    String key = randomString(1 + rnd.nextInt(12));
                    if (!key.equals("ownerReferences")) { // the GC would act on them in the background
                        objects.get(rnd.nextInt(objects.size())).set(key, randomValue(2));
                    }
                }
                case 3 -> metadata(obj).put("name", randomName());
                case 4 -> metadata(obj).set("labels", randomStringMap());
                case 5 -> metadata(obj).set("annotations", randomStringMap());
                default -> metadata(obj).put(pick("generateName", "namespace", "resourceVersion", "uid", "creationTimestamp", "deletionTimestamp"),
                        rnd.nextBoolean() ? randomName() : randomString(rnd.nextInt(40)));
            }
        }
        return obj;
    }

    private ObjectNode metadata(ObjectNode obj) {
        if (obj.get("metadata") instanceof ObjectNode md) {
            return md;
        }
        return obj.putObject("metadata");
    }

    /** The JSON text of an object, possibly mangled at the byte level. */
    private byte[] bodyOf(ObjectNode obj) {
        String text = obj.toString();
        switch (rnd.nextInt(14)) {
            case 0 -> { // deep nesting
                int depth = pick(50, 900, 1100, 5000, 30000);
                String nested = "[".repeat(depth) + "]".repeat(depth);
                if (rnd.nextBoolean()) {
                    nested = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                }
                return textBody(text.replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement("{\"deep\":" + nested + ",")));
            }
            case 1 -> { // huge numbers
                String num = pick("1e999999", "-1e-999999", new BigInteger(300, rnd).toString(), "99999999999999999999", "-0", "1.0e+308", "4.9e-324",
                        "9".repeat(5000), "0x10", "NaN", "Infinity", "01");
                return textBody(text.replaceFirst("\\{", "{\"num\":" + num + ",").replace("\"size\":3", "\"size\":" + num));
            }
            case 2 -> { // duplicate keys
                String dup = pick("\"metadata\":{\"name\":\"dup\"},", "\"kind\":\"Other\",", "\"apiVersion\":\"v1\",", "\"spec\":{},", "\"a\":1,\"a\":2,");
                return textBody(text.replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement("{" + dup)));
            }
            case 3 -> { // truncated
                return textBody(text.substring(0, rnd.nextInt(Math.max(1, text.length()))));
            }
            case 4 -> { // invalid UTF-8 inside a string or anywhere
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                int at = text.indexOf("\"name\":\"");
                at = at >= 0 && rnd.nextBoolean() ? text.substring(0, at + 8).getBytes(StandardCharsets.UTF_8).length : rnd.nextInt(b.length + 1);
                byte[] bad = pick(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3, 0x28}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                        new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {(byte) 0xe2, (byte) 0x82});
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, at);
                out.writeBytes(bad);
                out.write(b, at, b.length - at);
                return out.toByteArray();
            }
            case 5 -> { // not JSON at all
                return textBody(pick("", "null", "[]", "\"str\"", "42", "{", "}", "a: [", "---\n- x\n", "{}{}", "{\"a\":1}\n{\"b\":2}", "\u0000", randomString(50)));
            }
            case 6 -> { // a YAML rendering (valid for the yaml content type, invalid JSON otherwise)
                try {
                    return new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsBytes(obj);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case 7 -> { // a huge annotation
                metadata(obj).putObject("annotations").put("big", "x".repeat(pick(1000, 300_000, 270_000)));
                return textBody(obj.toString());
            }
            case 8 -> { // a JSON string escape that is not valid unicode
                return textBody(text.replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement("{\"esc\":\"" + pick("\\ud800", "\\udc00x", "\\u00", "\\x41", "\\", "\\u0000") + "\",")));
            }
            default -> {
                return textBody(text);
            }
        }
    }

    private String pickContentType(String usual) {
        return rnd.nextInt(100) < 80 ? usual : CONTENT_TYPES.get(rnd.nextInt(CONTENT_TYPES.size()));
    }

    private JsonNode randomValue(int depth) {
        return switch (rnd.nextInt(depth > 0 ? 10 : 8)) {
            case 0 -> NODES.textNode(randomString(rnd.nextInt(20)));
            case 1 -> NODES.numberNode(rnd.nextInt());
            case 2 -> NODES.numberNode(new BigInteger(200, rnd));
            case 3 -> NODES.numberNode(rnd.nextDouble() * 1e300);
            case 4 -> NODES.booleanNode(rnd.nextBoolean());
            case 5 -> NODES.nullNode();
            case 6 -> NODES.textNode(pick("red", "moby", "containerd", "running", "true", "1", ""));
            case 7 -> NODES.numberNode(pick(-1L, 0L, 101L, Long.MAX_VALUE, Long.MIN_VALUE));
            case 8 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = rnd.nextInt(4); i > 0; i--) {
                    a.add(randomValue(depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = rnd.nextInt(4); i > 0; i--) {
                    o.set(randomString(1 + rnd.nextInt(8)), randomValue(depth - 1));
                }
                yield o;
            }
        };
    }

    private ObjectNode randomStringMap() {
        ObjectNode m = NODES.objectNode();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            String key = rnd.nextBoolean() ? randomString(1 + rnd.nextInt(70)) : pick("app", "example.com/x", "a/b/c", "-x", "x-", "k8s.io/" + randomString(5), "a".repeat(64));
            m.put(key, rnd.nextInt(4) == 0 ? randomString(rnd.nextInt(80)) : "v");
        }
        return m;
    }

    /** A name that may be valid: fresh-looking most of the time, odd otherwise. */
    private String randomName() {
        return switch (rnd.nextInt(5)) {
            case 0 -> freshName();
            case 1 -> "fz-" + randomString(1 + rnd.nextInt(10));
            case 2 -> "x".repeat(pick(63, 64, 253, 254, 1000));
            case 3 -> pick("", ".", "..", "-a", "a-", "A", "a.b", "a..b", "a_b", "default", "kube-system", "app", "rd", "moby");
            default -> randomString(1 + rnd.nextInt(20));
        };
    }

    private String freshName() {
        return "fz" + Long.toString(rnd.nextLong() & Long.MAX_VALUE, 36);
    }

    private String randomString(int len) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < len) {
            int c = rnd.nextInt(10);
            if (c < 5) {
                sb.append((char) ('a' + rnd.nextInt(26)));
            } else if (c < 7) {
                sb.append(ODD[rnd.nextInt(ODD.length)]);
            } else if (c < 8) {
                sb.append((char) ('0' + rnd.nextInt(10)));
            } else if (c < 9) {
                sb.append((char) (0x80 + rnd.nextInt(0xd700))); // any BMP character below the surrogates
            } else {
                sb.append(pick("-", ".", "/"));
            }
        }
        return sb.toString();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static byte[] textBody(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void collectPointers(JsonNode n, String prefix, List<String> out) {
        if (n instanceof ObjectNode o) {
            o.properties().forEach(e -> {
                String p = prefix + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                out.add(p);
                collectPointers(e.getValue(), p, out);
            });
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(prefix + "/" + i);
                collectPointers(a.get(i), prefix + "/" + i, out);
            }
        }
    }

    private static void collectObjects(JsonNode n, List<ObjectNode> out) {
        if (n instanceof ObjectNode o) {
            out.add(o);
        }
        n.forEach(c -> collectObjects(c, out));
    }

    private static void setAt(ObjectNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash <= 0 ? root : root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        }
    }

    private static void removeAt(ObjectNode root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash <= 0 ? root : root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            o.remove(last);
        } else if (parent instanceof ArrayNode a) {
            a.remove(Integer.parseInt(last));
        }
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, so any string is a single path segment. */
    static String encodeSegment(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    private static String encodeQuery(String s) {
        return encodeSegment(s);
    }

    // ====================================================================================== sending

    private Reply send(FuzzRequest req) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.raw().base() + req.path())).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + api.runtime().tls().token());
        if (req.contentType() != null) {
            b.header("Content-Type", req.contentType());
        }
        b.method(req.method(), req.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(req.body()));
        try {
            HttpResponse<String> r = api.raw().http().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                    r.headers().firstValue("Connection").map(c -> "Connection: " + c).orElse(""));
        } catch (IOException e) {
            if (jettyRejectsBeforeReading(req)) {
                return new Reply(-1, "", e.toString(), "");
            }
            throw new AssertionError("seed " + seed + ": " + req.describe() + ": the connection failed: " + e
                    + "\nrecent requests:\n" + String.join("\n", recent), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Jetty refuses a path with an encoded NUL or a malformed percent escape while parsing the request line, whatever
     * the URI compliance, answers 400 (a Status, {@code Connection: close}) and closes the connection without reading
     * the body. A client still sending a large body can then see a reset instead of the answer. Only that case may go
     * unanswered; it changes nothing.
     */
    private static boolean jettyRejectsBeforeReading(FuzzRequest req) {
        String path = req.path().contains("?") ? req.path().substring(0, req.path().indexOf('?')) : req.path();
        boolean unparsable = path.contains("%00") || java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})").matcher(path).find();
        return unparsable && req.body() != null && req.body().length > 64 * 1024;
    }

    private JsonNode parseStatus(Reply r, String where) {
        JsonNode n;
        try {
            n = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(where + "\n-> " + r.status() + " is not JSON (" + r.contentType() + "): " + r.body());
        }
        assertEquals("Status", n.path("kind").asText(), where + "\n-> " + r.status() + " is not a Status (" + r.contentType() + "): " + r.body());
        return n;
    }

    /** What the store holds that was written after a revision (a failure report). */
    private String changedSince(long revision) {
        StringBuilder sb = new StringBuilder();
        var store = api.runtime().store();
        for (String res : store.resources()) {
            for (var o : store.list(res, null, null).items()) {
                if (o.resourceVersion() > revision) {
                    sb.append(res).append(' ').append(o.key()).append(" rv=").append(o.resourceVersion()).append("; ");
                }
            }
        }
        return sb.length() == 0 ? "(nothing left: a delete)" : sb.toString();
    }

    private void assertReady(String where) {
        Reply r = send(new FuzzRequest("GET", "/readyz", null, null, false));
        assertEquals(200, r.status(), where + "\n-> /readyz: " + r.body());
    }

    /**
     * Some deletes finish in the background: a namespace (NamespaceLifecycle), and an object deleted with
     * {@code propagationPolicy=Orphan|Foreground} (the garbage collector removes the {@code orphan} /
     * {@code foregroundDeletion} finalizer). Wait until that is done, so that it does not move the revision
     * during a later request.
     */
    private void awaitDeleteSettled(String path, Reply reply, String where) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        createdNamespaces.removeIf(n -> p.equals(NS + "/" + encodeSegment(n)));
        if (reply.body().contains("\"kind\":\"Status\"") || !reply.body().contains("\"deletionTimestamp\"")) {
            return; // deleted at once, or not at all
        }
        try {
            JsonNode items = JSON.readTree(reply.body()).path("items");
            if (items.isArray()) { // deletecollection: each item that is still terminating
                String collection = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
                for (JsonNode item : items) {
                    if (item.path("metadata").has("deletionTimestamp")) {
                        String name = item.path("metadata").path("name").asText();
                        awaitDeleteSettled(collection + "/" + encodeSegment(name), new Reply(200, "", item.toString(), ""), where);
                    }
                }
                return;
            }
        } catch (IOException e) {
            fail(where + "\n-> a 2xx delete answered something that is not JSON: " + reply.body());
        }
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            Reply r = send(new FuzzRequest("GET", p, null, null, false));
            if (r.status() == 404) {
                return;
            }
            String finalizers = r.body().contains("\"finalizers\"") ? r.body() : "";
            boolean pending = p.startsWith(NS + "/") || finalizers.contains("\"orphan\"") || finalizers.contains("\"foregroundDeletion\"");
            if (!pending) {
                return; // held by a finalizer nobody in this test releases: nothing happens in the background
            }
            if (Instant.now().isAfter(deadline)) {
                fail(where + "\n-> the delete did not finish within 20 s: " + r.body());
            }
            Thread.onSpinWait();
        }
    }
}
