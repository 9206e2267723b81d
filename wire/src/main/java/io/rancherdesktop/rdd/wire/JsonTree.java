package io.rancherdesktop.rdd.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The view of a JSON document that {@link JsonPath} walks: objects with named fields, arrays with elements, and
 * scalars. {@link #PLAIN} reads the maps, lists and scalars {@link Json#parse} builds; other representations (the
 * API server's Jackson nodes) bring an adapter of their own, so there is one JSONPath engine for both.
 *
 * @param <N> the node type
 */
public interface JsonTree<N> {

    /** Whether {@code node} is an object that has a field {@code name} (a field holding JSON null counts). */
    boolean hasField(N node, String name);

    /** The value of field {@code name} of an object for which {@link #hasField} holds. */
    N field(N node, String name);

    /** An object's fields in key order (the order wildcards and recursive descent visit them), or null if {@code node} is not an object. */
    List<N> fieldValuesSorted(N node);

    /** An array's elements, or null if {@code node} is not an array. */
    List<N> elements(N node);

    /**
     * A node's value for filter comparisons: a {@link String}, {@link Number}, {@link Boolean} or null for a scalar
     * or JSON null; any other object for a container.
     */
    Object scalar(N node);

    /** Plain {@link Map}/{@link List}/scalar trees, as {@link Json#parse} returns them. */
    JsonTree<Object> PLAIN = new JsonTree<>() {
        @Override
        public boolean hasField(Object node, String name) {
            return node instanceof Map<?, ?> m && m.containsKey(name);
        }

        @Override
        public Object field(Object node, String name) {
            return ((Map<?, ?>) node).get(name);
        }

        @Override
        public List<Object> fieldValuesSorted(Object node) {
            return node instanceof Map<?, ?> m ? new ArrayList<Object>(new TreeMap<Object, Object>(m).values()) : null;
        }

        @SuppressWarnings("unchecked")
        @Override
        public List<Object> elements(Object node) {
            return node instanceof List<?> l ? (List<Object>) l : null;
        }

        @Override
        public Object scalar(Object node) {
            return node;
        }
    };
}
