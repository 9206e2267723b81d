package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset of CRD printer columns and selectable fields: {@code .a.b}, {@code ['a.b']},
 * {@code [0]}, {@code [*]}, {@code .*} and filters {@code [?(@.type=="Ready")]} ({@code ==}, {@code !=},
 * or existence {@code [?(@.x)]}).
 */
public record JsonPath(String text, List<Segment> segments) {

    public sealed interface Segment permits Field, Index, Wildcard, Filter {
    }

    public record Field(String name) implements Segment {
    }

    public record Index(int index) implements Segment {
    }

    public record Wildcard() implements Segment {
    }

    /** {@code op} is {@code ==}, {@code !=} or {@code exists}; {@code value} the literal for comparisons. */
    public record Filter(JsonPath path, String op, String value) implements Segment {
    }

    public JsonPath {
        segments = List.copyOf(segments);
    }

    /** @throws IllegalArgumentException on a syntax error */
    public static JsonPath parse(String text) {
        String t = text.trim();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        if (t.startsWith("$")) {
            t = t.substring(1);
        }
        List<Segment> segs = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '.') {
                i++;
                if (i < t.length() && t.charAt(i) == '*') {
                    segs.add(new Wildcard());
                    i++;
                    continue;
                }
                int start = i;
                while (i < t.length() && t.charAt(i) != '.' && t.charAt(i) != '[') {
                    i++;
                }
                if (i == start) {
                    throw new IllegalArgumentException("empty field name in JSONPath " + text);
                }
                segs.add(new Field(t.substring(start, i)));
            } else if (c == '[') {
                int end = matchingBracket(t, i, text);
                String inner = t.substring(i + 1, end).trim();
                i = end + 1;
                if (inner.equals("*")) {
                    segs.add(new Wildcard());
                } else if (inner.startsWith("'") || inner.startsWith("\"")) {
                    segs.add(new Field(inner.substring(1, inner.length() - 1)));
                } else if (inner.startsWith("?(") && inner.endsWith(")")) {
                    segs.add(filter(inner.substring(2, inner.length() - 1).trim(), text));
                } else {
                    try {
                        segs.add(new Index(Integer.parseInt(inner)));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("unsupported JSONPath element [" + inner + "] in " + text);
                    }
                }
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' in JSONPath " + text);
            }
        }
        return new JsonPath(text, segs);
    }

    private static int matchingBracket(String t, int open, String text) {
        int depth = 0;
        char quote = 0;
        for (int j = open; j < t.length(); j++) {
            char c = t.charAt(j);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return j;
            }
        }
        throw new IllegalArgumentException("unclosed [ in JSONPath " + text);
    }

    private static Filter filter(String expr, String text) {
        for (String op : List.of("==", "!=")) {
            int k = expr.indexOf(op);
            if (k > 0) {
                String left = expr.substring(0, k).trim();
                String right = expr.substring(k + 2).trim();
                if (right.length() >= 2 && (right.startsWith("\"") || right.startsWith("'"))) {
                    right = right.substring(1, right.length() - 1);
                }
                return new Filter(relative(left, text), op, right);
            }
        }
        return new Filter(relative(expr, text), "exists", null);
    }

    private static JsonPath relative(String s, String text) {
        if (!s.startsWith("@")) {
            throw new IllegalArgumentException("filter must start with @ in JSONPath " + text);
        }
        return parse(s.substring(1));
    }

    /** Every value the path selects in {@code root} (missing fields select nothing). */
    public List<JsonNode> evaluate(JsonNode root) {
        List<JsonNode> cur = List.of(root);
        for (Segment s : segments) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : cur) {
                switch (s) {
                    case Field f -> {
                        JsonNode v = n.get(f.name());
                        if (v != null && n.isObject()) {
                            next.add(v);
                        }
                    }
                    case Index ix -> {
                        if (n.isArray()) {
                            int idx = ix.index() < 0 ? n.size() + ix.index() : ix.index();
                            if (idx >= 0 && idx < n.size()) {
                                next.add(n.get(idx));
                            }
                        }
                    }
                    case Wildcard w -> n.elements().forEachRemaining(next::add);
                    case Filter f -> n.elements().forEachRemaining(e -> {
                        List<JsonNode> vs = f.path().evaluate(e);
                        boolean keep = switch (f.op()) {
                            case "exists" -> !vs.isEmpty();
                            case "==" -> vs.stream().anyMatch(v -> literal(v).equals(f.value()));
                            default -> vs.stream().noneMatch(v -> literal(v).equals(f.value()));
                        };
                        if (keep) {
                            next.add(e);
                        }
                    });
                }
            }
            cur = next;
        }
        return cur;
    }

    /** The first selected value, or {@code null}. */
    public JsonNode first(JsonNode root) {
        List<JsonNode> all = evaluate(root);
        return all.isEmpty() ? null : all.getFirst();
    }

    private static String literal(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
