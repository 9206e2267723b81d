package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        ApiException e = assertThrows(ApiException.class, () -> ProtobufDecoder.decode(new byte[] {1, 2, 3, 4, 5}));
        assertEquals(400, e.code());
    }

    @Test
    void rejectsTruncatedMessages() {
        byte[] full = HexFormat.of().parseHex(KUBECTL_CREATE_CONFIGMAP);
        byte[] cut = java.util.Arrays.copyOf(full, 20);
        assertEquals(400, assertThrows(ApiException.class, () -> ProtobufDecoder.decode(cut)).code());
    }
}
