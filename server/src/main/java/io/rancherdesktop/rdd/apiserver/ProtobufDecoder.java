package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Decodes the Kubernetes protobuf encoding ({@code application/vnd.kubernetes.protobuf}) of the builtin
 * kinds kubectl's typed commands send ({@code kubectl create configmap|namespace|secret}) into the JSON the rest of
 * the server works on. Only ConfigMap, Secret, Namespace (with ObjectMeta) and the self-subject reviews are understood; responses are always
 * JSON, which such clients accept too.
 */
final class ProtobufDecoder {
    static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ProtobufDecoder() {
    }

    /** @throws StatusException 400 for malformed input, 415 for kinds this decoder does not know */
    static ObjectNode decode(byte[] body) {
        if (body.length < 4 || body[0] != MAGIC[0] || body[1] != MAGIC[1] || body[2] != MAGIC[2] || body[3] != MAGIC[3]) {
            throw StatusException.badRequest("provided input is not a Kubernetes protobuf message (missing the k8s\\0 prefix)");
        }
        try {
            Reader unknown = new Reader(body, 4, body.length);
            String apiVersion = "";
            String kind = "";
            byte[] raw = new byte[0];
            while (unknown.more()) {
                int tag = unknown.tag();
                switch (tag >>> 3) {
                    case 1 -> {
                        Reader tm = unknown.message();
                        while (tm.more()) {
                            int t = tm.tag();
                            switch (t >>> 3) {
                                case 1 -> apiVersion = tm.string();
                                case 2 -> kind = tm.string();
                                default -> tm.skip(t);
                            }
                        }
                    }
                    case 2 -> raw = unknown.bytes();
                    default -> unknown.skip(tag);
                }
            }
            ObjectNode obj = F.objectNode();
            obj.put("apiVersion", apiVersion);
            obj.put("kind", kind);
            Reader r = new Reader(raw, 0, raw.length);
            switch (apiVersion + "/" + kind) {
                case "v1/ConfigMap" -> configMap(r, obj);
                case "v1/Secret" -> secret(r, obj);
                case "v1/Namespace" -> namespace(r, obj);
                case "authorization.k8s.io/v1/SelfSubjectAccessReview" -> selfSubjectAccessReview(r, obj);
                case "authorization.k8s.io/v1/SelfSubjectRulesReview" -> selfSubjectRulesReview(r, obj);
                case "authentication.k8s.io/v1/SelfSubjectReview" -> selfSubjectReview(r, obj);
                default -> throw new StatusException(415, "UnsupportedMediaType", "protobuf bodies are only accepted for ConfigMap, Secret, Namespace and"
                        + " the self-subject reviews; send "
                        + apiVersion + " " + kind + " as application/json", StatusException.Details.NONE);
            }
            return obj;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw StatusException.badRequest("malformed protobuf body: " + e.getMessage());
        }
    }

    private static void configMap(Reader r, ObjectNode obj) {
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> obj.set("metadata", objectMeta(r.message()));
                case 2 -> mapEntry(r.message(), obj.withObject("data"), false);
                case 3 -> mapEntry(r.message(), obj.withObject("binaryData"), true);
                case 4 -> obj.put("immutable", r.varint() != 0);
                default -> r.skip(tag);
            }
        }
    }

    /** k8s.io/api/core/v1 Secret: metadata 1, data 2 (bytes), type 3, stringData 4, immutable 5. */
    private static void secret(Reader r, ObjectNode obj) {
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> obj.set("metadata", objectMeta(r.message()));
                case 2 -> mapEntry(r.message(), obj.withObject("data"), true);
                case 3 -> obj.put("type", r.string());
                case 4 -> mapEntry(r.message(), obj.withObject("stringData"), false);
                case 5 -> obj.put("immutable", r.varint() != 0);
                default -> r.skip(tag);
            }
        }
    }

    /** kubectl auth can-i sends these (k8s.io/api/authorization/v1): spec 2 = {resourceAttributes 1, nonResourceAttributes 2}. */
    private static void selfSubjectAccessReview(Reader r, ObjectNode obj) {
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> obj.set("metadata", objectMeta(r.message()));
                case 2 -> {
                    Reader spec = r.message();
                    ObjectNode s = obj.withObject("spec");
                    while (spec.more()) {
                        int t = spec.tag();
                        switch (t >>> 3) {
                            // field and label selectors (8, 9) are not decoded: every answer is "allowed" anyway
                            case 1 -> s.set("resourceAttributes",
                                    stringFields(spec.message(), "namespace", "verb", "group", "version", "resource", "subresource", "name"));
                            case 2 -> s.set("nonResourceAttributes", stringFields(spec.message(), "path", "verb"));
                            default -> spec.skip(t);
                        }
                    }
                }
                default -> r.skip(tag); // status is the server's
            }
        }
    }

    private static void selfSubjectRulesReview(Reader r, ObjectNode obj) {
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> obj.set("metadata", objectMeta(r.message()));
                case 2 -> obj.set("spec", stringFields(r.message(), "namespace"));
                default -> r.skip(tag);
            }
        }
    }

    /** kubectl auth whoami sends this (k8s.io/api/authentication/v1): metadata 1, status 2 (the server's). */
    private static void selfSubjectReview(Reader r, ObjectNode obj) {
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> obj.set("metadata", objectMeta(r.message()));
                default -> r.skip(tag);
            }
        }
    }

    /** A message whose fields 1..n are the strings {@code names}; other fields are skipped. */
    private static ObjectNode stringFields(Reader r, String... names) {
        ObjectNode o = F.objectNode();
        while (r.more()) {
            int t = r.tag();
            int field = t >>> 3;
            if (field >= 1 && field <= names.length && (t & 7) == 2) {
                o.put(names[field - 1], r.string());
            } else {
                r.skip(t);
            }
        }
        return o;
    }

    private static void namespace(Reader r, ObjectNode obj) {
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> obj.set("metadata", objectMeta(r.message()));
                case 2 -> {
                    Reader spec = r.message();
                    ObjectNode s = obj.withObject("spec");
                    while (spec.more()) {
                        int t = spec.tag();
                        if (t >>> 3 == 1) {
                            s.withArray("finalizers").add(spec.string());
                        } else {
                            spec.skip(t);
                        }
                    }
                }
                default -> r.skip(tag); // status is the server's
            }
        }
    }

    private static ObjectNode objectMeta(Reader r) {
        ObjectNode m = F.objectNode();
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> m.put("name", r.string());
                case 2 -> m.put("generateName", r.string());
                case 3 -> m.put("namespace", r.string());
                case 5 -> m.put("uid", r.string());
                case 6 -> m.put("resourceVersion", r.string());
                case 7 -> m.put("generation", r.varint());
                case 11 -> mapEntry(r.message(), m.withObject("labels"), false);
                case 12 -> mapEntry(r.message(), m.withObject("annotations"), false);
                case 13 -> m.withArray("ownerReferences").add(ownerReference(r.message()));
                case 14 -> m.withArray("finalizers").add(r.string());
                case 8, 9 -> {
                    Reader t = r.message();
                    long seconds = 0;
                    while (t.more()) {
                        int tt = t.tag();
                        if (tt >>> 3 == 1) {
                            seconds = t.varint();
                        } else {
                            t.skip(tt);
                        }
                    }
                    if (seconds != 0) { // the zero Time is an unset field
                        m.put((tag >>> 3) == 8 ? "creationTimestamp" : "deletionTimestamp", Timestamps.format(Instant.ofEpochSecond(seconds)));
                    }
                }
                default -> r.skip(tag);
            }
        }
        // Empty strings are protobuf's absent values.
        m.properties().removeIf(e -> e.getValue().isTextual() && e.getValue().asText().isEmpty());
        return m;
    }

    private static ObjectNode ownerReference(Reader r) {
        ObjectNode o = F.objectNode();
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> o.put("kind", r.string());
                case 3 -> o.put("name", r.string());
                case 4 -> o.put("uid", r.string());
                case 5 -> o.put("apiVersion", r.string());
                case 6 -> o.put("controller", r.varint() != 0);
                case 7 -> o.put("blockOwnerDeletion", r.varint() != 0);
                default -> r.skip(tag);
            }
        }
        return o;
    }

    private static void mapEntry(Reader r, ObjectNode into, boolean bytesValue) {
        String key = "";
        String value = "";
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> key = r.string();
                case 2 -> value = bytesValue ? Base64.getEncoder().encodeToString(r.bytes()) : r.string();
                default -> r.skip(tag);
            }
        }
        into.put(key, value);
    }

    /** A protobuf wire-format reader over a slice of a byte array. */
    private static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;

        Reader(byte[] buf, int from, int to) {
            this.buf = buf;
            this.pos = from;
            this.end = to;
        }

        boolean more() {
            return pos < end;
        }

        int tag() {
            return (int) varint();
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalArgumentException("truncated varint");
                }
                byte b = buf[pos++];
                v |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        byte[] bytes() {
            int len = (int) varint();
            if (len < 0 || pos + len > end) {
                throw new IllegalArgumentException("length " + len + " beyond the message");
            }
            byte[] out = new byte[len];
            System.arraycopy(buf, pos, out, 0, len);
            pos += len;
            return out;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            int len = (int) varint();
            if (len < 0 || pos + len > end) {
                throw new IllegalArgumentException("length " + len + " beyond the message");
            }
            Reader r = new Reader(buf, pos, pos + len);
            pos += len;
            return r;
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> {
                    int len = (int) varint(); // read before adding: `pos += varint()` would add to the old pos
                    pos += len;
                }
                case 5 -> pos += 4;
                default -> throw new IllegalArgumentException("unsupported wire type " + (tag & 7));
            }
            if (pos > end) {
                throw new IllegalArgumentException("field beyond the message");
            }
        }
    }

}
