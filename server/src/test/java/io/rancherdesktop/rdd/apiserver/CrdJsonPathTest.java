package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrdJsonPathTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode OBJ;

    static {
        try {
            OBJ = JSON.readTree("""
                    {"metadata":{"name":"n","labels":{"a.b/c":"v"}},
                     "status":{"namespace":"moby","conditions":[{"type":"Running","status":"True"},{"type":"Paused","status":"False"}],
                               "ports":[{"name":"80/tcp"},{"name":"443/tcp"}]}}
                    """);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static List<String> eval(String path) {
        return CrdJsonPath.parse(path).evaluate(OBJ).stream().map(JsonNode::asText).toList();
    }

    @Test
    void evaluatesThePrinterColumnSubset() {
        assertEquals(List.of("moby"), eval(".status.namespace"));
        assertEquals(List.of("True"), eval(".status.conditions[?(@.type==\"Running\")].status"));
        assertEquals(List.of("False"), eval(".status.conditions[?(@.type!='Running')].status"));
        assertEquals(List.of("80/tcp", "443/tcp"), eval(".status.ports[*].name"));
        assertEquals(List.of("443/tcp"), eval(".status.ports[-1].name"));
        assertEquals(List.of("v"), eval(".metadata.labels['a.b/c']"));
        assertEquals(List.of("n"), eval("{.metadata.name}"));
        assertEquals(List.of(), eval(".status.missing.deeper"));
        assertNull(CrdJsonPath.parse(".spec.x").first(OBJ));
    }

    @Test
    void rejectsWhatItCannotEvaluate() {
        assertThrows(IllegalArgumentException.class, () -> CrdJsonPath.parse(".a[?(x)]"));
        assertThrows(IllegalArgumentException.class, () -> CrdJsonPath.parse(".a[1"));
        assertThrows(IllegalArgumentException.class, () -> CrdJsonPath.parse("a.b"));
    }
}
