package io.rancherdesktop.rdd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SchemaMergePatchTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void nestedObjectsAreMergedNotReplaced() throws Exception {
        JsonNode target = json("{\"properties\":{\"conditions\":{\"type\":\"array\",\"items\":{\"type\":\"object\"}}}}");
        JsonNode patch = json("{\"properties\":{\"conditions\":{\"x-kubernetes-list-type\":\"map\","
                + "\"items\":{\"required\":[\"type\"]}}}}");
        assertEquals(json("{\"properties\":{\"conditions\":{\"type\":\"array\",\"x-kubernetes-list-type\":\"map\","
                + "\"items\":{\"type\":\"object\",\"required\":[\"type\"]}}}}"), SchemaMergePatch.merge(target, patch));
    }

    @Test
    void nullRemovesAFieldAndArraysAreReplaced() throws Exception {
        JsonNode target = json("{\"properties\":{\"spec\":{\"type\":\"object\"}},\"required\":[\"a\"]}");
        JsonNode patch = json("{\"properties\":{\"spec\":null},\"required\":[\"b\"]}");
        assertEquals(json("{\"properties\":{},\"required\":[\"b\"]}"), SchemaMergePatch.merge(target, patch));
    }
}
