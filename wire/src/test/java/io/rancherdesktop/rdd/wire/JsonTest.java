package io.rancherdesktop.rdd.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesEveryValueKindAndKeepsKeyOrder() {
        Object v = Json.parse(" {\"b\": [1, -2.5, true, false, null], \"a\": {\"s\": \"x\\\"y\\u00e9\\n\"}, \"big\": 12345678901234567890} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("b", "a", "big"), List.copyOf(m.keySet()));
        assertEquals(java.util.Arrays.asList(1L, -2.5, true, false, null), m.get("b"));
        assertEquals("x\"yé\n", ((Map<?, ?>) m.get("a")).get("s"));
        assertEquals(new java.math.BigInteger("12345678901234567890"), m.get("big"));
    }

    @Test
    void malformedInputIsAnErrorWithTheOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }"));
        assertEquals("invalid JSON at offset 6: unexpected character '}'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"open"));
    }

    @Test
    void indentedOutputSortsKeysAndEscapesLikeGo() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("z", List.of());
        m.put("a", Map.of("html", "<b>&</b>"));
        m.put("n", 2.0);
        assertEquals("{\n    \"a\": {\n        \"html\": \"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\"\n    },\n    \"n\": 2,\n    \"z\": []\n}",
                Json.writeIndented(m, "    "));
    }

    @Test
    void compactOutputRoundTrips() {
        String text = "{\"k\":[1,\"two\",{\"x\":null}],\"t\":true}";
        assertEquals(text, Json.write(Json.parse(text)));
    }
}
