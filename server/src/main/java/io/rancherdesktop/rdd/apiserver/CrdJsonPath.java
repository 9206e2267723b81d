package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.wire.JsonPath;
import java.util.List;

/**
 * A CRD printer column's or selectable field's JSONPath: kubectl's dialect ({@link JsonPath}, the one engine)
 * restricted to what CRD paths allow — {@code .a.b}, {@code ['a.b']}, {@code [0]}, {@code [*]}, {@code .*} and
 * filters {@code [?(@.type=="Ready")]} ({@code ==}, {@code !=}, or existence {@code [?(@.x)]}) — and evaluated
 * over the server's Jackson nodes ({@link JsonNodeTree}).
 *
 * @param text the path as the CRD wrote it
 */
public record CrdJsonPath(String text, JsonPath path) {

    /** @throws IllegalArgumentException on a syntax error or an element outside the CRD subset */
    public static CrdJsonPath parse(String text) {
        String t = text.trim();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        if (t.startsWith("$")) {
            t = t.substring(1);
        }
        checkSubset(t, text);
        return new CrdJsonPath(text, JsonPath.parse("{" + t + "}"));
    }

    /** Rejects what the CRD subset does not allow (slices, recursive descent, bare names, other filter operators). */
    private static void checkSubset(String t, String text) {
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '.') {
                i++;
                if (i < t.length() && t.charAt(i) == '*') {
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
            } else if (c == '[') {
                int end = matchingBracket(t, i, text);
                String inner = t.substring(i + 1, end).trim();
                i = end + 1;
                if (inner.equals("*") || inner.startsWith("'") || inner.startsWith("\"")) {
                    continue;
                }
                if (inner.startsWith("?(") && inner.endsWith(")")) {
                    checkFilter(inner.substring(2, inner.length() - 1).trim(), text);
                    continue;
                }
                try {
                    Integer.parseInt(inner);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unsupported JSONPath element [" + inner + "] in " + text);
                }
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' in JSONPath " + text);
            }
        }
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

    private static void checkFilter(String expr, String text) {
        for (String op : List.of("==", "!=")) {
            int k = expr.indexOf(op);
            if (k > 0) {
                checkRelative(expr.substring(0, k).trim(), text);
                return;
            }
        }
        checkRelative(expr, text);
    }

    private static void checkRelative(String s, String text) {
        if (!s.startsWith("@")) {
            throw new IllegalArgumentException("filter must start with @ in JSONPath " + text);
        }
        String rel = s.substring(1);
        checkSubset(rel.trim(), rel);
    }

    /** Every value the path selects in {@code root} (missing fields select nothing). */
    public List<JsonNode> evaluate(JsonNode root) {
        return path.select(root, JsonNodeTree.INSTANCE);
    }

    /** The first selected value, or {@code null}. */
    public JsonNode first(JsonNode root) {
        List<JsonNode> all = evaluate(root);
        return all.isEmpty() ? null : all.getFirst();
    }
}
