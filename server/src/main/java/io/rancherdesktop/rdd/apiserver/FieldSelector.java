package io.rancherdesktop.rdd.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A parsed field selector: comma-separated {@code field=value}, {@code field==value}, {@code field!=value};
 * {@code \} escapes {@code ,}, {@code =}, {@code !} and itself in values.
 */
public record FieldSelector(List<Term> terms) {
    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    public record Term(String field, boolean equals, String value) {
    }

    public FieldSelector {
        terms = List.copyOf(terms);
    }

    public boolean isEverything() {
        return terms.isEmpty();
    }

    /** The value required for {@code field} by an equality term, or {@code null}. */
    public String requiredValue(String field) {
        for (Term t : terms) {
            if (t.equals() && t.field().equals(field)) {
                return t.value();
            }
        }
        return null;
    }

    /** @throws StatusException 400 BadRequest on a syntax error */
    public static FieldSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : splitUnescaped(text, ',')) {
            if (part.isBlank()) {
                continue;
            }
            int i = indexOfOperator(part);
            if (i < 0) {
                throw StatusException.badRequest("invalid selector: '" + text + "'; can't understand '" + part + "'");
            }
            String field = part.substring(0, i).trim();
            boolean eq;
            String rest;
            if (part.startsWith("!=", i)) {
                eq = false;
                rest = part.substring(i + 2);
            } else if (part.startsWith("==", i)) {
                eq = true;
                rest = part.substring(i + 2);
            } else {
                eq = true;
                rest = part.substring(i + 1);
            }
            terms.add(new Term(field, eq, unescape(rest.trim())));
        }
        return new FieldSelector(terms);
    }

    /** @throws StatusException 400 if a term uses a field outside {@code supported} */
    public void checkSupported(Set<String> supported) {
        for (Term t : terms) {
            if (!supported.contains(t.field())) {
                throw StatusException.badRequest("field label not supported: " + t.field());
            }
        }
    }

    private static int indexOfOperator(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=' || (c == '!' && i + 1 < part.length() && part.charAt(i + 1) == '=')) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitUnescaped(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
            } else if (c == sep) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                b.append(s.charAt(++i));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
