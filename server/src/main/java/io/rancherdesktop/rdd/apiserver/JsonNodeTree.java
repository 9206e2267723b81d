package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.wire.JsonTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Jackson nodes as a {@link JsonTree}, so the one JSONPath engine ({@link io.rancherdesktop.rdd.wire.JsonPath}) walks stored objects. */
final class JsonNodeTree implements JsonTree<JsonNode> {
    static final JsonNodeTree INSTANCE = new JsonNodeTree();

    private JsonNodeTree() {
    }

    @Override
    public boolean hasField(JsonNode node, String name) {
        return node.isObject() && node.has(name);
    }

    @Override
    public JsonNode field(JsonNode node, String name) {
        return node.get(name);
    }

    @Override
    public List<JsonNode> fieldValuesSorted(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            sorted.put(e.getKey(), e.getValue());
        }
        return new ArrayList<>(sorted.values());
    }

    @Override
    public List<JsonNode> elements(JsonNode node) {
        if (!node.isArray()) {
            return null;
        }
        List<JsonNode> out = new ArrayList<>(node.size());
        node.elements().forEachRemaining(out::add);
        return out;
    }

    @Override
    public Object scalar(JsonNode node) {
        if (node.isNull()) {
            return null;
        } else if (node.isTextual()) {
            return node.asText();
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isNumber()) {
            return node.numberValue();
        }
        return node;
    }
}
