package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed Kubernetes label selector: comma-separated requirements {@code k}, {@code !k}, {@code k=v},
 * {@code k==v}, {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k>n}, {@code k<n}.
 */
public record LabelSelector(List<Requirement> requirements) {
    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    public enum Op { EXISTS, DOES_NOT_EXIST, EQUALS, NOT_EQUALS, IN, NOT_IN, GREATER_THAN, LESS_THAN }

    public record Requirement(String key, Op op, Set<String> values) {
        boolean matches(JsonNode labels) {
            JsonNode v = labels.get(key);
            boolean has = v != null && !v.isNull();
            String value = has ? v.asText() : null;
            return switch (op) {
                case EXISTS -> has;
                case DOES_NOT_EXIST -> !has;
                case EQUALS, IN -> has && values.contains(value);
                case NOT_EQUALS, NOT_IN -> !has || !values.contains(value);
                case GREATER_THAN, LESS_THAN -> {
                    if (!has) {
                        yield false;
                    }
                    try {
                        long l = Long.parseLong(value);
                        long bound = Long.parseLong(values.iterator().next());
                        yield op == Op.GREATER_THAN ? l > bound : l < bound;
                    } catch (NumberFormatException e) {
                        yield false;
                    }
                }
            };
        }
    }

    public LabelSelector {
        requirements = List.copyOf(requirements);
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    /** Whether an object with these {@code metadata.labels} (possibly missing) matches. */
    public boolean matches(JsonNode labels) {
        JsonNode l = labels == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : labels;
        for (Requirement r : requirements) {
            if (!r.matches(l)) {
                return false;
            }
        }
        return true;
    }

    /** @throws StatusException 400 BadRequest on a syntax error */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> out = new ArrayList<>();
        Lexer lx = new Lexer(text);
        while (true) {
            lx.skipSpaces();
            if (lx.done()) {
                throw bad(text, "found '', expected: identifier");
            }
            if (lx.peek() == '!') {
                lx.pos++;
                String key = lx.key(text);
                out.add(new Requirement(key, Op.DOES_NOT_EXIST, Set.of()));
            } else {
                String key = lx.key(text);
                lx.skipSpaces();
                if (lx.done() || lx.peek() == ',') {
                    out.add(new Requirement(key, Op.EXISTS, Set.of()));
                } else if (lx.startsWith("==")) {
                    lx.pos += 2;
                    out.add(new Requirement(key, Op.EQUALS, Set.of(lx.value(text))));
                } else if (lx.startsWith("!=")) {
                    lx.pos += 2;
                    out.add(new Requirement(key, Op.NOT_EQUALS, Set.of(lx.value(text))));
                } else if (lx.startsWith("=")) {
                    lx.pos += 1;
                    out.add(new Requirement(key, Op.EQUALS, Set.of(lx.value(text))));
                } else if (lx.startsWith(">") || lx.startsWith("<")) {
                    Op op = lx.peek() == '>' ? Op.GREATER_THAN : Op.LESS_THAN;
                    lx.pos++;
                    String v = lx.value(text);
                    try {
                        Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw bad(text, "for 'Gt', 'Lt' operators, the value must be an integer");
                    }
                    out.add(new Requirement(key, op, Set.of(v)));
                } else if (lx.word("notin")) {
                    out.add(new Requirement(key, Op.NOT_IN, lx.set(text)));
                } else if (lx.word("in")) {
                    out.add(new Requirement(key, Op.IN, lx.set(text)));
                } else {
                    throw bad(text, "found '" + lx.rest() + "', expected: '=', '!=', '==', 'in', notin'");
                }
            }
            lx.skipSpaces();
            if (lx.done()) {
                break;
            }
            if (lx.peek() != ',') {
                throw bad(text, "found '" + lx.rest() + "', expected: ',' or 'end of string'");
            }
            lx.pos++;
        }
        return new LabelSelector(out);
    }

    static StatusException bad(String text, String why) {
        return StatusException.badRequest("unable to parse requirement: " + why + " (in label selector \"" + text + "\")");
    }

    private static final class Lexer {
        final String s;
        int pos;

        Lexer(String s) {
            this.s = s;
        }

        boolean done() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        String rest() {
            return s.substring(pos);
        }

        boolean startsWith(String t) {
            return s.startsWith(t, pos);
        }

        void skipSpaces() {
            while (!done() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        boolean word(String w) {
            if (s.startsWith(w, pos)) {
                int end = pos + w.length();
                if (end < s.length() && (Character.isWhitespace(s.charAt(end)) || s.charAt(end) == '(')) {
                    pos = end;
                    return true;
                }
            }
            return false;
        }

        String key(String text) {
            skipSpaces();
            int start = pos;
            while (!done() && isKeyChar(peek())) {
                pos++;
            }
            String k = s.substring(start, pos);
            if (k.isEmpty()) {
                throw bad(text, "found '" + rest() + "', expected: identifier");
            }
            String err = MetadataValidator.qualifiedNameError(k);
            if (err != null) {
                throw bad(text, "key: Invalid value: \"" + k + "\": " + err);
            }
            return k;
        }

        String value(String text) {
            skipSpaces();
            int start = pos;
            while (!done() && isKeyChar(peek()) && peek() != '/') {
                pos++;
            }
            String v = s.substring(start, pos);
            String err = MetadataValidator.labelValueError(v);
            if (err != null) {
                throw bad(text, "values[0]: Invalid value: \"" + v + "\": " + err);
            }
            return v;
        }

        Set<String> set(String text) {
            skipSpaces();
            if (done() || peek() != '(') {
                throw bad(text, "found '" + rest() + "', expected: '('");
            }
            pos++;
            Set<String> values = new TreeSet<>();
            while (true) {
                skipSpaces();
                if (!done() && peek() == ')') {
                    pos++;
                    break;
                }
                values.add(value(text));
                skipSpaces();
                if (done()) {
                    throw bad(text, "found '', expected: ',', ')'");
                }
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ')') {
                    throw bad(text, "found '" + rest() + "', expected: ',', ')'");
                }
            }
            return values;
        }

        private static boolean isKeyChar(char c) {
            return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/';
        }
    }
}
