package io.rancherdesktop.rdd.wire;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes a JSON tree (see {@link Json}) as YAML in the style kubectl prints ({@code sigs.k8s.io/yaml} over
 * go-yaml v2): sorted keys, two-space indents, sequences not indented under their key, strings quoted only
 * when they would otherwise read as another type or are not plain-safe, multi-line strings as literal blocks.
 * Long strings are not folded (go-yaml folds at 80 columns; both read back the same).
 */
public final class Yaml {
    private static final Set<String> NON_STRING_WORDS = Set.of(
            "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
            "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL", "<<",
            ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN");
    private static final Pattern NUMBER = Pattern.compile(
            "[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|[0-9][0-9_]*|(\\.[0-9_]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?)");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d?-\\d\\d?([Tt ].*)?");

    private Yaml() {
    }

    /** The YAML document for {@code value}, ending in a newline. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        // instanceof chains, not type switches: each pattern switch spins a class at first use (CLI start-up).
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            mapping(sb, m, 0);
        } else if (value instanceof List<?> l && !l.isEmpty()) {
            sequence(sb, l, 0);
        } else {
            sb.append(scalar(value, 0)).append('\n');
        }
        return sb.toString();
    }

    private static void mapping(StringBuilder sb, Map<?, ?> m, int indent) {
        boolean first = true;
        for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
            if (!first) {
                sb.append(" ".repeat(indent));
            }
            first = false;
            sb.append(string(String.valueOf(e.getKey()), indent)).append(':');
            value(sb, e.getValue(), indent, false);
        }
    }

    private static void sequence(StringBuilder sb, List<?> l, int indent) {
        boolean first = true;
        for (Object item : l) {
            if (!first) {
                sb.append(" ".repeat(indent));
            }
            first = false;
            sb.append('-');
            value(sb, item, indent, true);
        }
    }

    /** Writes what follows a {@code key:} or a {@code -}, including the line break. */
    private static void value(StringBuilder sb, Object v, int indent, boolean inSequence) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            if (inSequence) {
                sb.append(' ');
            } else {
                sb.append('\n').append(" ".repeat(indent + 2));
            }
            mapping(sb, m, indent + 2);
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            if (inSequence) {
                sb.append(' ');
                sequence(sb, l, indent + 2);
            } else {
                sb.append('\n').append(" ".repeat(indent));
                sequence(sb, l, indent);
            }
        } else {
            sb.append(' ').append(scalar(v, indent + 2)).append('\n');
        }
    }

    private static String scalar(Object v, int blockIndent) {
        if (v == null) {
            return "null";
        } else if (v instanceof Map<?, ?>) {
            return "{}";
        } else if (v instanceof List<?>) {
            return "[]";
        } else if (v instanceof String s) {
            return string(s, blockIndent);
        } else if (v instanceof Double d) {
            return Json.formatDouble(d);
        } else if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    private static String string(String s, int blockIndent) {
        if (s.isEmpty()) {
            return "\"\"";
        }
        if (s.indexOf('\n') >= 0 && printable(s)) {
            return literalBlock(s, blockIndent);
        }
        if (!printable(s)) {
            return doubleQuoted(s);
        }
        if (resolvesToNonString(s)) {
            return doubleQuoted(s);
        }
        if (!plainSafe(s)) {
            return "'" + s.replace("'", "''") + "'";
        }
        return s;
    }

    private static String literalBlock(String s, int indent) {
        String chomp;
        String body = s;
        if (!s.endsWith("\n")) {
            chomp = "-";
        } else if (s.endsWith("\n\n")) {
            chomp = "+";
            body = s.substring(0, s.length() - 1);
        } else {
            chomp = "";
            body = s.substring(0, s.length() - 1);
        }
        StringBuilder sb = new StringBuilder("|");
        if (s.startsWith(" ")) {
            sb.append(2); // an explicit indentation indicator when the first line starts with a space
        }
        sb.append(chomp);
        String pad = " ".repeat(indent);
        for (String line : body.split("\n", -1)) {
            sb.append('\n');
            if (!line.isEmpty()) {
                sb.append(pad).append(line);
            }
        }
        return sb.toString();
    }

    static boolean resolvesToNonString(String s) {
        return NON_STRING_WORDS.contains(s) || NUMBER.matcher(s).matches() || TIMESTAMP.matcher(s).matches();
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == '\uFEFF') {
                return false;
            }
        }
        return true;
    }

    /** Whether libyaml's emitter allows the plain style for this single-line string in block context. */
    private static boolean plainSafe(String s) {
        if (s.startsWith("---") || s.startsWith("...")) {
            return false;
        }
        char first = s.charAt(0);
        if ("#,[]{}&*!|>'\"%@`".indexOf(first) >= 0) {
            return false;
        }
        if ((first == '-' || first == '?' || first == ':') && (s.length() == 1 || s.charAt(1) == ' ' || s.charAt(1) == '\t')) {
            return false;
        }
        if (first == ' ' || first == '\t' || s.endsWith(" ") || s.endsWith("\t")) {
            return false;
        }
        if (s.endsWith(":") || s.contains(": ") || s.contains(":\t") || s.contains(" #") || s.contains("\t#")) {
            return false;
        }
        return true;
    }

    private static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\uFEFF') {
                        sb.append(String.format("\\x%02X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
