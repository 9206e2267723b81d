package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ProtobufDecoderTest {
    /** The body kubectl 1.32 sends for {@code kubectl create configmap c1 --from-literal=a=b}. */
    private static final String KUBECTL_CREATE_CONFIGMAP =
            "6b3873000a0f0a0276311209436f6e6669674d6170121c0a120a026331120" + "01a0022002a0032003800420012060a016112016" + "21a002200";

    @Test
    void decodesTheConfigMapKubectlCreateSends() {
        ObjectNode cm = ProtobufDecoder.decode(HexFormat.of().parseHex(KUBECTL_CREATE_CONFIGMAP));
        assertEquals("v1", cm.path("apiVersion").asText());
        assertEquals("ConfigMap", cm.path("kind").asText());
        assertEquals("c1", cm.path("metadata").path("name").asText());
        assertEquals("b", cm.path("data").path("a").asText());
        assertFalse(cm.path("metadata").has("generateName"), "empty protobuf strings are absent fields");
    }

    @Test
    void rejectsBodiesWithoutTheKubernetesPrefix() {
        StatusException e = assertThrows(StatusException.class, () -> ProtobufDecoder.decode(new byte[] {1, 2, 3, 4, 5}));
        assertEquals(400, e.code());
    }

    @Test
    void rejectsTruncatedMessages() {
        byte[] full = HexFormat.of().parseHex(KUBECTL_CREATE_CONFIGMAP);
        byte[] cut = java.util.Arrays.copyOf(full, 20);
        assertEquals(400, assertThrows(StatusException.class, () -> ProtobufDecoder.decode(cut)).code());
    }

    /** A length-delimited field (wire type 2); fields here are small, so one-byte tags and lengths. */
    private static byte[] field(int number, byte[] value) {
        byte[] out = new byte[value.length + 2];
        out[0] = (byte) (number << 3 | 2);
        out[1] = (byte) value.length;
        System.arraycopy(value, 0, out, 2, value.length);
        return out;
    }

    private static byte[] field(int number, String value) {
        return field(number, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** The envelope: "k8s\0" + Unknown{typeMeta{apiVersion, kind}, raw}. */
    private static byte[] envelope(String apiVersion, String kind, byte[] raw) {
        return concat(new byte[] {'k', '8', 's', 0}, field(1, concat(field(1, apiVersion), field(2, kind))), field(2, raw));
    }

    @Test
    void decodesTheSelfSubjectAccessReviewOfKubectlAuthCanI() {
        // kubectl auth can-i create configmaps -n default: spec.resourceAttributes {namespace 1, verb 2, resource 5}
        byte[] attributes = concat(field(1, "default"), field(2, "create"), field(5, "configmaps"));
        byte[] review = concat(field(1, new byte[0]), field(2, field(1, attributes)));
        ObjectNode o = ProtobufDecoder.decode(envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", review));
        assertEquals("SelfSubjectAccessReview", o.path("kind").asText());
        assertEquals("create", o.path("spec").path("resourceAttributes").path("verb").asText());
        assertEquals("configmaps", o.path("spec").path("resourceAttributes").path("resource").asText());
        assertEquals("default", o.path("spec").path("resourceAttributes").path("namespace").asText());
        byte[] nonResource = concat(field(1, new byte[0]), field(2, field(2, concat(field(1, "/healthz"), field(2, "get")))));
        ObjectNode n = ProtobufDecoder.decode(envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", nonResource));
        assertEquals("/healthz", n.path("spec").path("nonResourceAttributes").path("path").asText());
        ObjectNode rules = ProtobufDecoder.decode(envelope("authorization.k8s.io/v1", "SelfSubjectRulesReview", field(2, field(1, "kube-system"))));
        assertEquals("kube-system", rules.path("spec").path("namespace").asText());
    }

    @Test
    void anUnknownKindIsUnsupportedMediaTypeNamingWhatToSend() {
        StatusException e = assertThrows(StatusException.class, () -> ProtobufDecoder.decode(envelope("apps/v1", "Deployment", new byte[0])));
        assertEquals(415, e.code());
        assertTrue(e.getMessage().contains("send apps/v1 Deployment as application/json"), e.getMessage());
    }
}
