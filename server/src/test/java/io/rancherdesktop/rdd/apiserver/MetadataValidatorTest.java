package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"a", "vol-0123", "a.b.c", "0start"})
    void acceptsRfc1123Subdomains(String name) {
        assertNull(MetadataValidator.subdomainError(name));
    }

    @Test
    void namesMayHave253CharactersButNoMore() {
        assertNull(MetadataValidator.subdomainError("x".repeat(253)));
        assertEquals("must be no more than 253 characters", MetadataValidator.subdomainError("x".repeat(254)));
    }

    /** C1: a Docker volume name such as My_Vol_Ume is not a valid object name; it must be rejected, not stored. */
    @ParameterizedTest
    @ValueSource(strings = {"My_Vol_Ume", "UPPER", "under_score", "-lead", "trail-", "a..b", "", "sp ace"})
    void rejectsNamesOutsideRfc1123(String name) {
        assertNotNull(MetadataValidator.subdomainError(name));
    }

    @Test
    void namespacesMustBeDnsLabels() {
        assertNull(MetadataValidator.labelError("default"));
        assertNotNull(MetadataValidator.labelError("a.b"));
        assertNotNull(MetadataValidator.labelError("x".repeat(64)));
    }

    @Test
    void validatesLabelsAnnotationsFinalizersAndOwnerReferences() throws Exception {
        ObjectNode meta = (ObjectNode) JSON.readTree("""
                {"name":"My_Vol_Ume","labels":{"ok":"v","bad key!":"v","k":"bad value!"},"annotations":{"/x":"y"},
                 "finalizers":["example.com/ok","bad finalizer"],
                 "ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"o","uid":"1","controller":true},
                                    {"apiVersion":"v1","kind":"ConfigMap","name":"p","controller":true}]}
                """);
        ResourceDef cm = new CrdLoader().builtins().stream().filter(r -> r.plural().equals("configmaps")).findFirst().orElseThrow();
        List<StatusException.Cause> causes = new ArrayList<>();
        MetadataValidator.validate(meta, cm, causes);
        List<String> fields = causes.stream().map(StatusException.Cause::field).toList();
        assertEquals(List.of("metadata.name", "metadata.labels", "metadata.labels", "metadata.annotations", "metadata.finalizers[1]",
                "metadata.ownerReferences[1].uid", "metadata.ownerReferences"), fields);
        assertTrue(causes.getFirst().message().startsWith("Invalid value: \"My_Vol_Ume\": a lowercase RFC 1123 subdomain"));
    }
}
