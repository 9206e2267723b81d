package io.rancherdesktop.rdd.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** Reads fields of the plain JSON objects admission sees. */
final class JsonFields {

    private JsonFields() {
    }

    /** The node at this path of object fields, or a missing node. */
    static JsonNode at(JsonNode root, String... path) {
        JsonNode node = root == null ? MissingNode.getInstance() : root;
        for (String field : path) {
            node = node.path(field);
        }
        return node;
    }

    /** The text at this path, if it is a string. */
    static Optional<String> text(JsonNode root, String... path) {
        JsonNode node = at(root, path);
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** The object at this path, if it is one. */
    static Optional<ObjectNode> object(JsonNode root, String... path) {
        JsonNode node = at(root, path);
        return node.isObject() ? Optional.of((ObjectNode) node) : Optional.empty();
    }

    /** Whether {@code metadata.finalizers} contains this finalizer. */
    static boolean hasFinalizer(JsonNode object, String finalizer) {
        for (JsonNode f : at(object, "metadata", "finalizers")) {
            if (finalizer.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }
}
