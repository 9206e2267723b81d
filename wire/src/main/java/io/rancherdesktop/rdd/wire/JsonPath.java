package io.rancherdesktop.rdd.wire;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kubectl's JSONPath templates ({@code -o jsonpath=…}, {@code wait --for=jsonpath=…}): literal text and
 * {@code {…}} actions — field paths ({@code .a.b}, {@code ['x.y']}, {@code a\.b}), {@code [n]}, {@code [a:b]},
 * {@code [*]}, {@code ..name}, filters {@code [?(@.type=="Ready")]} with {@code == != < > <= >=} or existence,
 * {@code {range …}…{end}}, string literals {@code {"\n"}}, and {@code $}/{@code @}. Several results of one action
 * are separated by spaces; maps and lists print as JSON; missing keys print nothing (kubectl's default for
 * {@code get}).
 *
 * <p>The one JSONPath engine of the project: it walks any {@link JsonTree}, so the API server evaluates CRD printer
 * columns and selectable fields (a restriction of this dialect) with it too.
 */
public final class JsonPath {
    private final List<Node> nodes;

    private JsonPath(List<Node> nodes) {
        this.nodes = nodes;
    }

    private sealed interface Node permits Text, Expr, Range {
    }

    private record Text(String text) implements Node {
    }

    private record Expr(List<Step> steps) implements Node {
    }

    private record Range(List<Step> steps, List<Node> body) implements Node {
    }

    private sealed interface Step permits Field, Recursive, Index, Slice, Wildcard, Filter, Root, Current {
    }

    private record Field(String name) implements Step {
    }

    private record Recursive(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private record Slice(Integer from, Integer to) implements Step {
    }

    private record Wildcard() implements Step {
    }

    /** {@code [?(@.path op literal)]}; op null means "exists". */
    private record Filter(List<Step> left, String op, Object right) implements Step {
    }

    private record Root() implements Step {
    }

    private record Current() implements Step {
    }

    /** Parses a template; a syntax error is an {@link IllegalArgumentException} naming the problem. */
    public static JsonPath parse(String template) {
        List<Node> out = new ArrayList<>();
        int[] pos = {0};
        List<Node> rest = parseNodes(template, pos, out, false);
        return new JsonPath(rest);
    }

    private static List<Node> parseNodes(String t, int[] pos, List<Node> out, boolean inRange) {
        StringBuilder text = new StringBuilder();
        while (pos[0] < t.length()) {
            char c = t.charAt(pos[0]);
            if (c != '{') {
                text.append(c);
                pos[0]++;
                continue;
            }
            int end = findClose(t, pos[0]);
            String action = t.substring(pos[0] + 1, end).trim();
            pos[0] = end + 1;
            if (!text.isEmpty()) {
                out.add(new Text(text.toString()));
                text.setLength(0);
            }
            if (action.equals("end")) {
                if (!inRange) {
                    throw new IllegalArgumentException("not in range, nothing to end");
                }
                return out;
            }
            if (action.startsWith("range ") || action.equals("range")) {
                List<Step> steps = parseExpr(action.substring(5).trim());
                List<Node> body = parseNodes(t, pos, new ArrayList<>(), true);
                out.add(new Range(steps, body));
                continue;
            }
            if (action.startsWith("\"")) {
                out.add(new Text(unquote(action)));
                continue;
            }
            out.add(new Expr(parseExpr(action)));
        }
        if (inRange) {
            throw new IllegalArgumentException("unclosed range: missing {end}");
        }
        if (!text.isEmpty()) {
            out.add(new Text(text.toString()));
        }
        return out;
    }

    private static int findClose(String t, int open) {
        boolean quoted = false;
        char quote = 0;
        for (int i = open + 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quoted = false;
                }
            } else if (c == '"' || c == '\'') {
                quoted = true;
                quote = c;
            } else if (c == '}') {
                return i;
            }
        }
        throw new IllegalArgumentException("unclosed action in template \"" + t + "\"");
    }

    private static String unquote(String s) {
        if (s.length() < 2 || s.charAt(s.length() - 1) != s.charAt(0)) {
            throw new IllegalArgumentException("unterminated string " + s);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() - 1) {
                char e = s.charAt(++i);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static List<Step> parseExpr(String e) {
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < e.length()) {
            char c = e.charAt(i);
            if (c == '$') {
                steps.add(new Root());
                i++;
            } else if (c == '@') {
                steps.add(new Current());
                i++;
            } else if (c == '.' && i + 1 < e.length() && e.charAt(i + 1) == '.') {
                i += 2;
                int start = i;
                StringBuilder name = new StringBuilder();
                i = readName(e, i, name);
                if (i == start) {
                    throw new IllegalArgumentException("expected a name after .. in " + e);
                }
                steps.add(new Recursive(name.toString()));
            } else if (c == '.') {
                i++;
                if (i < e.length() && e.charAt(i) == '*') {
                    steps.add(new Wildcard());
                    i++;
                    continue;
                }
                StringBuilder name = new StringBuilder();
                i = readName(e, i, name);
                if (!name.isEmpty()) {
                    steps.add(new Field(name.toString()));
                }
            } else if (c == '[') {
                int close = matchingBracket(e, i);
                steps.add(parseBracket(e.substring(i + 1, close).trim()));
                i = close + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '\\') {
                StringBuilder name = new StringBuilder();
                i = readName(e, i, name);
                steps.add(new Field(name.toString()));
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                throw new IllegalArgumentException("unrecognized character '" + c + "' in " + e);
            }
        }
        return steps;
    }

    private static int readName(String e, int i, StringBuilder name) {
        while (i < e.length()) {
            char c = e.charAt(i);
            if (c == '\\' && i + 1 < e.length()) {
                name.append(e.charAt(i + 1));
                i += 2;
            } else if (c == '.' || c == '[' || Character.isWhitespace(c)) {
                break;
            } else {
                name.append(c);
                i++;
            }
        }
        return i;
    }

    private static int matchingBracket(String e, int open) {
        int depth = 0;
        boolean quoted = false;
        char quote = 0;
        for (int i = open; i < e.length(); i++) {
            char c = e.charAt(i);
            if (quoted) {
                if (c == quote) {
                    quoted = false;
                }
            } else if (c == '\'' || c == '"') {
                quoted = true;
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated [ in " + e);
    }

    private static Step parseBracket(String b) {
        if (b.equals("*")) {
            return new Wildcard();
        }
        if (b.startsWith("'") || b.startsWith("\"")) {
            return new Field(unquote(b));
        }
        if (b.startsWith("?(") && b.endsWith(")")) {
            String cond = b.substring(2, b.length() - 1).trim();
            for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
                int at = indexOutsideQuotes(cond, op);
                if (at > 0) {
                    List<Step> left = parseExpr(cond.substring(0, at).trim());
                    String lit = cond.substring(at + op.length()).trim();
                    return new Filter(left, op, literal(lit));
                }
            }
            return new Filter(parseExpr(cond), null, null);
        }
        int colon = b.indexOf(':');
        try {
            if (colon >= 0) {
                String a = b.substring(0, colon).trim();
                String z = b.substring(colon + 1).trim();
                int colon2 = z.indexOf(':');
                if (colon2 >= 0) {
                    z = z.substring(0, colon2).trim(); // a step is not supported; kubectl rarely sees one
                }
                return new Slice(a.isEmpty() ? null : Integer.parseInt(a), z.isEmpty() ? null : Integer.parseInt(z));
            }
            return new Index(Integer.parseInt(b));
        } catch (NumberFormatException e) {
            return new Field(b);
        }
    }

    private static int indexOutsideQuotes(String s, String op) {
        boolean quoted = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == quote) {
                    quoted = false;
                }
            } else if (c == '\'' || c == '"') {
                quoted = true;
                quote = c;
            } else if (s.startsWith(op, i)) {
                return i;
            }
        }
        return -1;
    }

    private static Object literal(String lit) {
        if (lit.startsWith("'") || lit.startsWith("\"")) {
            return unquote(lit);
        }
        if (lit.equals("true") || lit.equals("false")) {
            return Boolean.valueOf(lit);
        }
        try {
            return new BigDecimal(lit);
        } catch (NumberFormatException e) {
            return lit;
        }
    }

    /** Renders the template against {@code root}, a plain tree ({@link JsonTree#PLAIN}). */
    public String execute(Object root) {
        StringBuilder sb = new StringBuilder();
        render(nodes, root, root, sb);
        return sb.toString();
    }

    /**
     * The values the template's expressions select (for {@code wait --for=jsonpath}): the results of the first
     * expression.
     */
    public List<Object> select(Object root) {
        return select(root, JsonTree.PLAIN);
    }

    /** {@link #select(Object)} over any tree representation. */
    public <N> List<N> select(N root, JsonTree<N> tree) {
        for (Node n : nodes) {
            if (n instanceof Expr e) {
                return eval(e.steps(), root, root, tree);
            }
        }
        return List.of();
    }

    // The evaluator uses instanceof chains rather than type switches: each pattern switch spins a class at first
    // use, and -o jsonpath is on the CLI's hot path.
    private static void render(List<Node> nodes, Object root, Object current, StringBuilder sb) {
        for (Node n : nodes) {
            if (n instanceof Text t) {
                sb.append(t.text());
            } else if (n instanceof Expr e) {
                List<Object> vals = eval(e.steps(), root, current, JsonTree.PLAIN);
                for (int i = 0; i < vals.size(); i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    sb.append(format(vals.get(i)));
                }
            } else if (n instanceof Range r) {
                for (Object item : eval(r.steps(), root, current, JsonTree.PLAIN)) {
                    if (item instanceof List<?> l) { // {range .items} walks the list's elements
                        for (Object element : l) {
                            render(r.body(), root, element, sb);
                        }
                    } else {
                        render(r.body(), root, item, sb);
                    }
                }
            }
        }
    }

    /** How kubectl prints one selected value. */
    public static String format(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof String s) {
            return s;
        } else if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return Json.write(v);
        } else if (v instanceof Double d) {
            return Json.formatDouble(d);
        }
        return v.toString();
    }

    private static <N> List<N> eval(List<Step> steps, N root, N current, JsonTree<N> tree) {
        List<N> vals = new ArrayList<>();
        vals.add(current);
        for (Step step : steps) {
            List<N> next = new ArrayList<>();
            for (N v : vals) {
                apply(step, v, root, next, tree);
            }
            vals = next;
        }
        return vals;
    }

    private static <N> void apply(Step step, N v, N root, List<N> out, JsonTree<N> tree) {
        if (step instanceof Root) {
            out.add(root);
        } else if (step instanceof Current) {
            out.add(v);
        } else if (step instanceof Field f) {
            if (tree.hasField(v, f.name())) {
                out.add(tree.field(v, f.name()));
            }
        } else if (step instanceof Wildcard) {
            List<N> elements = tree.elements(v);
            if (elements != null) {
                out.addAll(elements);
            } else {
                List<N> fields = tree.fieldValuesSorted(v);
                if (fields != null) {
                    out.addAll(fields);
                }
            }
        } else if (step instanceof Index ix) {
            List<N> l = tree.elements(v);
            if (l != null) {
                int i = ix.index() < 0 ? l.size() + ix.index() : ix.index();
                if (i >= 0 && i < l.size()) {
                    out.add(l.get(i));
                }
            }
        } else if (step instanceof Slice s) {
            List<N> l = tree.elements(v);
            if (l != null) {
                int from = s.from() == null ? 0 : s.from() < 0 ? Math.max(0, l.size() + s.from()) : Math.min(s.from(), l.size());
                int to = s.to() == null ? l.size() : s.to() < 0 ? Math.max(0, l.size() + s.to()) : Math.min(s.to(), l.size());
                if (from < to) {
                    out.addAll(l.subList(from, to));
                }
            }
        } else if (step instanceof Recursive r) {
            recurse(v, r.name(), out, tree);
        } else if (step instanceof Filter f) {
            List<N> l = tree.elements(v);
            if (l != null) {
                for (N item : l) {
                    if (matches(f, item, root, tree)) {
                        out.add(item);
                    }
                }
            }
        }
    }

    private static <N> void recurse(N v, String name, List<N> out, JsonTree<N> tree) {
        List<N> fields = tree.fieldValuesSorted(v);
        if (fields != null) {
            if (tree.hasField(v, name)) {
                out.add(tree.field(v, name));
            }
            for (N child : fields) {
                recurse(child, name, out, tree);
            }
            return;
        }
        List<N> elements = tree.elements(v);
        if (elements != null) {
            for (N child : elements) {
                recurse(child, name, out, tree);
            }
        }
    }

    private static <N> boolean matches(Filter f, N item, N root, JsonTree<N> tree) {
        List<N> left = eval(f.left(), root, item, tree);
        if (f.op() == null) {
            // client-go's "exists": the path selects something, whatever its value (false and null included)
            return !left.isEmpty();
        }
        if (left.isEmpty()) {
            return false;
        }
        Object l = tree.scalar(left.getFirst());
        Object r = f.right();
        if (l instanceof Number || r instanceof Number) {
            try {
                int cmp = new BigDecimal(String.valueOf(l)).compareTo(new BigDecimal(String.valueOf(r)));
                return compare(f.op(), cmp);
            } catch (NumberFormatException e) {
                return f.op().equals("!=");
            }
        }
        String ls = String.valueOf(l);
        String rs = String.valueOf(r);
        return compare(f.op(), ls.compareTo(rs));
    }

    private static boolean compare(String op, int cmp) {
        return switch (op) {
            case "==" -> cmp == 0;
            case "!=" -> cmp != 0;
            case "<" -> cmp < 0;
            case ">" -> cmp > 0;
            case "<=" -> cmp <= 0;
            default -> cmp >= 0;
        };
    }
}
