package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.wire.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The properties {@code rdd set} accepts, read at run time from the {@code spec} schema of the App CRD
 * (docs/design/upstream-cli.md §5): nested fields joined with dots, {@code namespace} left out (it is immutable and never settable).
 * Turns {@code PROPERTY=VALUE} arguments into a JSON merge patch of {@code spec}, with the error messages of
 * docs/design/upstream-cli.md §5.2; nothing here talks to the server.
 */
final class AppProperties {

    /** Top-level spec fields that {@code rdd set} never sets. */
    private static final List<String> NOT_SETTABLE = List.of("namespace");

    /** One node of the spec schema: an object with children, or a leaf with a type (and maybe an enum). */
    record Node(String path, String type, List<String> enumValues, Object defaultValue, String description,
                Map<String, Node> children, List<String> required) {
        boolean isObject() {
            return "object".equals(type) && !children.isEmpty();
        }

        /** {@code (boolean)}, {@code (moby|containerd)}: the type column of the help table. */
        String typeLabel() {
            return enumValues.isEmpty() ? "(" + type + ")" : "(" + String.join("|", enumValues) + ")";
        }

        /**
         * The first sentence of the description: up to the first period followed by a space that does not end an
         * abbreviation ("e.g. 1.32.0" goes on), or all of it.
         */
        String summary() {
            if (description == null) {
                return "";
            }
            String d = description.strip().replaceAll("\\s+", " ");
            for (int i = d.indexOf(". "); i >= 0; i = d.indexOf(". ", i + 1)) {
                String word = d.substring(d.lastIndexOf(' ', i) + 1, i).toLowerCase(Locale.ROOT);
                if (!ABBREVIATIONS.contains(word)) {
                    return d.substring(0, i + 1);
                }
            }
            return d;
        }
    }

    /** Words that end with a period without ending a sentence. */
    private static final java.util.Set<String> ABBREVIATIONS = java.util.Set.of("e.g", "i.e", "etc", "vs", "cf");

    private final Node spec;

    private AppProperties(Node spec) {
        this.spec = spec;
    }

    /**
     * From the CRD's {@code openAPIV3Schema} (of the served version).
     *
     * @throws IllegalArgumentException when the schema has no {@code spec} object
     */
    static AppProperties fromOpenApiSchema(Map<?, ?> openApiV3Schema) {
        if (!(openApiV3Schema.get("properties") instanceof Map<?, ?> props) || !(props.get("spec") instanceof Map<?, ?> specSchema)) {
            throw new IllegalArgumentException("the App schema has no spec");
        }
        Node root = node("", specSchema);
        Map<String, Node> settable = new TreeMap<>(root.children());
        NOT_SETTABLE.forEach(settable::remove);
        return new AppProperties(new Node("", root.type(), root.enumValues(), root.defaultValue(), root.description(),
                settable, root.required()));
    }

    /** From a CustomResourceDefinition object: the schema of its storage (else first served) version. */
    static AppProperties fromCrd(Map<?, ?> crd) {
        if (crd.get("spec") instanceof Map<?, ?> spec && spec.get("versions") instanceof List<?> versions) {
            Map<?, ?> chosen = null;
            for (Object o : versions) {
                if (o instanceof Map<?, ?> v && (chosen == null || Boolean.TRUE.equals(v.get("storage")))) {
                    chosen = v;
                }
            }
            if (chosen != null && chosen.get("schema") instanceof Map<?, ?> schema
                    && schema.get("openAPIV3Schema") instanceof Map<?, ?> s) {
                return fromOpenApiSchema(s);
            }
        }
        throw new IllegalArgumentException("the App CustomResourceDefinition has no schema");
    }

    private static Node node(String path, Map<?, ?> schema) {
        String type = schema.get("type") instanceof String t ? t : "object";
        List<String> enums = new ArrayList<>();
        if (schema.get("enum") instanceof List<?> l) {
            l.forEach(v -> enums.add(String.valueOf(v)));
        }
        Object dflt = schema.get("default");
        // The default first: it is what most users want, and it reads like the spec ("moby, containerd").
        if (dflt instanceof String d && enums.remove(d)) {
            enums.addFirst(d);
        }
        Map<String, Node> children = new TreeMap<>();
        if (schema.get("properties") instanceof Map<?, ?> props) {
            for (Map.Entry<?, ?> e : props.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> child) {
                    String name = String.valueOf(e.getKey());
                    children.put(name, node(path.isEmpty() ? name : path + "." + name, child));
                }
            }
        }
        List<String> required = new ArrayList<>();
        if (schema.get("required") instanceof List<?> r) {
            r.forEach(v -> required.add(String.valueOf(v)));
        }
        return new Node(path, type, List.copyOf(enums), dflt,
                schema.get("description") instanceof String d ? d : null, children, List.copyOf(required));
    }

    /** Every settable leaf, in path order. */
    List<Node> leaves() {
        List<Node> out = new ArrayList<>();
        collect(spec, out);
        return out;
    }

    private static void collect(Node n, List<Node> out) {
        for (Node c : n.children().values()) {
            if (c.isObject()) {
                collect(c, out);
            } else {
                out.add(c);
            }
        }
    }

    /** The {@code Available properties:} table of {@code rdd set --help}: path, type, first sentence. */
    String helpTable() {
        List<Node> leaves = leaves();
        int pathWidth = leaves.stream().mapToInt(n -> n.path().length()).max().orElse(0);
        int typeWidth = leaves.stream().mapToInt(n -> n.typeLabel().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder("Available properties:\n");
        for (Node n : leaves) {
            sb.append("  ").append(pad(n.path(), pathWidth)).append("  ").append(pad(n.typeLabel(), typeWidth));
            String summary = n.summary();
            if (!summary.isEmpty()) {
                sb.append("  ").append(summary);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    /** One parsed {@code PROPERTY=VALUE}: the leaf and the typed value. */
    record Assignment(Node property, Object value) {
    }

    /** Splits {@code PROPERTY=VALUE}; the syntax errors need no schema, so they are checked before the service starts. */
    static Map.Entry<String, String> split(String argument) {
        int eq = argument.indexOf('=');
        if (eq < 0) {
            throw CliException.usage("invalid argument " + Json.quote(argument) + ": expected PROPERTY=VALUE format");
        }
        String name = argument.substring(0, eq);
        if (name.isEmpty()) {
            throw CliException.usage("invalid argument " + Json.quote(argument) + ": property name must not be empty");
        }
        return Map.entry(name, argument.substring(eq + 1));
    }

    /** Resolves and converts one argument; every error is a usage error (exit 1) naming the property. */
    Assignment parse(String argument) {
        Map.Entry<String, String> kv = split(argument);
        Node leaf = resolve(kv.getKey());
        return new Assignment(leaf, convert(leaf, kv.getValue()));
    }

    private Node resolve(String name) {
        String[] parts = name.split("\\.", -1);
        Node current = spec;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (!current.isObject()) {
                throw CliException.usage(Json.quote(current.path()) + " is not an object and has no sub-properties");
            }
            Node next = current.children().get(part);
            if (next == null) {
                if (current == spec) {
                    throw CliException.usage("unknown property " + Json.quote(name) + "; valid properties: " + validUnder(spec));
                }
                throw CliException.usage("unknown property " + Json.quote(part) + " under " + Json.quote(current.path())
                        + "; valid properties: " + validUnder(current));
            }
            current = next;
        }
        if (current.isObject()) {
            String example = leavesUnder(current).stream().findFirst().map(Node::path).orElse(current.path() + ".<field>");
            throw CliException.usage(Json.quote(current.path()) + " is an object; set its fields, e.g. " + Json.quote(example));
        }
        return current;
    }

    private static String validUnder(Node n) {
        return leavesUnder(n).stream().map(l -> n.path().isEmpty() ? l.path() : l.path().substring(n.path().length() + 1))
                .collect(Collectors.joining(", "));
    }

    private static List<Node> leavesUnder(Node n) {
        List<Node> out = new ArrayList<>();
        collect(n, out);
        return out;
    }

    private static Object convert(Node leaf, String value) {
        String p = leaf.path();
        switch (leaf.type()) {
            case "boolean" -> {
                return switch (value.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw invalid(value, p, "expected boolean; use \"true\" or \"false\"");
                };
            }
            case "integer" -> {
                try {
                    return Long.parseLong(value.strip());
                } catch (NumberFormatException e) {
                    throw invalid(value, p, "expected integer");
                }
            }
            case "number" -> {
                try {
                    return new java.math.BigDecimal(value.strip());
                } catch (NumberFormatException e) {
                    throw invalid(value, p, "expected number");
                }
            }
            default -> {
                if (!leaf.enumValues().isEmpty() && !leaf.enumValues().contains(value)) {
                    throw invalid(value, p, "valid values: " + String.join(", ", leaf.enumValues()));
                }
                return value; // an empty string clears a plain string field
            }
        }
    }

    private static CliException invalid(String value, String property, String why) {
        return CliException.usage("invalid value " + Json.quote(value) + " for " + Json.quote(property) + ": " + why);
    }

    /** The {@code spec} merge patch of the assignments (a later assignment of the same property wins). */
    static Map<String, Object> specPatch(List<Assignment> assignments) {
        Map<String, Object> spec = new LinkedHashMap<>();
        for (Assignment a : assignments) {
            put(spec, a.property().path().split("\\."), a.value());
        }
        return spec;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> target, String[] path, Object value) {
        Map<String, Object> m = target;
        for (int i = 0; i < path.length - 1; i++) {
            m = (Map<String, Object>) m.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        }
        m.put(path[path.length - 1], value);
    }

    /**
     * A spec for creating the App: {@code values} plus zero values for every required field that is missing, at
     * the top level and inside every object {@code values} creates ({@code running=false}, docs/design/upstream-cli.md §5.3). The
     * server fills in the defaults of everything else.
     */
    Map<String, Object> specForCreate(Map<String, Object> values) {
        Map<String, Object> spec = deepCopy(values);
        fillRequired(this.spec, spec);
        return spec;
    }

    @SuppressWarnings("unchecked")
    private static void fillRequired(Node schema, Map<String, Object> value) {
        for (String r : schema.required()) {
            Node child = schema.children().get(r);
            if (child != null && !value.containsKey(r)) {
                value.put(r, zero(child));
            }
        }
        for (Map.Entry<String, Object> e : value.entrySet()) {
            Node child = schema.children().get(e.getKey());
            if (child != null && child.isObject() && e.getValue() instanceof Map<?, ?> m) {
                fillRequired(child, (Map<String, Object>) m);
            }
        }
    }

    private static Object zero(Node n) {
        if (n.defaultValue() != null) {
            return n.defaultValue();
        }
        return switch (n.type()) {
            case "boolean" -> Boolean.FALSE;
            case "integer" -> 0L;
            case "number" -> 0L;
            case "string" -> n.enumValues().isEmpty() ? "" : n.enumValues().getFirst();
            default -> new LinkedHashMap<String, Object>();
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> child ? deepCopy((Map<String, Object>) child) : v));
        return out;
    }

    /** For tests and messages: the leaf at {@code path}, if settable. */
    Optional<Node> find(String path) {
        return leaves().stream().filter(n -> n.path().equals(path)).findFirst();
    }
}
