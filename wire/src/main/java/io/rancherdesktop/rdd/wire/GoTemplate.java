package io.rancherdesktop.rdd.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of Go's {@code text/template} that kubectl's {@code -o go-template=…} is used with, over the JSON tree of
 * {@link Json}: text, {@code {{.a.b}}}, {@code $}/{@code $x} variables, string/number/bool literals, pipelines with
 * {@code |}, parentheses, {@code if}/{@code else if}/{@code else}, {@code range} (with {@code $i, $v :=} and
 * {@code else}), {@code with}, {@code {{- -}}} trimming, comments, and the functions {@code index len printf print
 * println eq ne lt le gt ge and or not base64decode}. Values print as Go prints them ({@code map[k:v]},
 * {@code [a b]}, {@code <no value>} for a missing key).
 */
public final class GoTemplate {
    private final List<Node> nodes;

    private GoTemplate(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** Parses a template; errors ({@link IllegalArgumentException}) read like Go's. */
    public static GoTemplate parse(String text) {
        Parser p = new Parser(lex(text));
        List<Node> nodes = p.list(false);
        if (p.pos < p.tokens.size()) {
            throw new IllegalArgumentException("template: output: unexpected {{" + p.tokens.get(p.pos).text + "}}");
        }
        return new GoTemplate(nodes);
    }

    /** Runs the template over a JSON tree. */
    public String execute(Object data) {
        StringBuilder out = new StringBuilder();
        Map<String, Object> vars = new HashMap<>();
        vars.put("$", data);
        run(nodes, data, vars, out);
        return out.toString();
    }

    // ---- lexing: text and {{actions}} ----

    private record Token(boolean action, String text) {
    }

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int pos = 0;
        while (pos < s.length()) {
            int open = s.indexOf("{{", pos);
            if (open < 0) {
                out.add(new Token(false, s.substring(pos)));
                break;
            }
            String text = s.substring(pos, open);
            int start = open + 2;
            boolean trimLeft = s.startsWith("- ", start) || s.startsWith("-\t", start) || s.startsWith("-\n", start);
            if (trimLeft) {
                text = text.stripTrailing();
                start += 1;
            }
            if (!text.isEmpty()) {
                out.add(new Token(false, text));
            }
            int close = closing(s, start);
            if (close < 0) {
                throw new IllegalArgumentException("template: output:1: unclosed action");
            }
            int end = close;
            boolean trimRight = close - 1 >= start && s.charAt(close - 1) == '-' && close - 2 >= start && Character.isWhitespace(s.charAt(close - 2));
            if (trimRight) {
                end = close - 1;
            }
            String action = s.substring(start, end).strip();
            if (!(action.startsWith("/*") && action.endsWith("*/"))) {
                out.add(new Token(true, action));
            }
            pos = close + 2;
            if (trimRight) {
                while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                    pos++;
                }
            }
        }
        return out;
    }

    /** The index of the action's closing braces, skipping quoted strings. */
    private static int closing(String s, int from) {
        for (int i = from; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '`') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    j += c == '"' && s.charAt(j) == '\\' ? 2 : 1;
                }
                i = j;
            } else if (c == '}' && s.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    // ---- the tree ----

    private sealed interface Node {
    }

    private record Text(String text) implements Node {
    }

    private record Print(Pipeline pipe) implements Node {
    }

    /** if, with and range; {@code elseBody} may hold a nested if ({@code else if}). */
    private record Block(String kind, Pipeline pipe, List<Node> body, List<Node> elseBody) implements Node {
    }

    /** {@code $a := …} or {@code $i, $v := …} (the latter for range only), then the commands. */
    private record Pipeline(List<String> declared, List<List<Term>> commands) {
    }

    private sealed interface Term {
    }

    /** {@code .a.b}, {@code $x.a}, {@code (…).a}: a base and field names. */
    private record Field(Term base, List<String> names) implements Term {
    }

    private record Dot() implements Term {
    }

    private record Var(String name) implements Term {
    }

    private record Literal(Object value) implements Term {
    }

    private record Ident(String name) implements Term {
    }

    private record Sub(Pipeline pipe) implements Term {
    }

    private static final class Parser {
        final List<Token> tokens;
        int pos;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        /** Nodes up to {{end}} or {{else…}} (left for the caller) when nested, else to the end. */
        List<Node> list(boolean nested) {
            List<Node> out = new ArrayList<>();
            while (pos < tokens.size()) {
                Token t = tokens.get(pos);
                if (!t.action) {
                    out.add(new Text(t.text));
                    pos++;
                    continue;
                }
                String a = t.text;
                String word = a.split("[\\s(]", 2)[0];
                switch (word) {
                    case "end", "else" -> {
                        if (!nested) {
                            throw new IllegalArgumentException("template: output: unexpected {{" + word + "}}");
                        }
                        return out;
                    }
                    case "if", "with", "range" -> {
                        pos++;
                        out.add(block(word, a.substring(word.length())));
                    }
                    default -> {
                        pos++;
                        out.add(new Print(pipeline(a)));
                    }
                }
            }
            if (nested) {
                throw new IllegalArgumentException("template: output: unexpected EOF");
            }
            return out;
        }

        private Block block(String kind, String rest) {
            Pipeline pipe = pipeline(rest);
            List<Node> body = list(true);
            List<Node> elseBody = List.of();
            String t = tokens.get(pos).text;
            if (t.startsWith("else")) {
                String after = t.substring(4).strip();
                pos++;
                if (after.startsWith("if ") || after.startsWith("with ")) {
                    String k = after.startsWith("if ") ? "if" : "with";
                    // {{else if X}} … {{end}}: one end closes both
                    elseBody = List.of(block(k, after.substring(k.length())));
                    return new Block(kind, pipe, body, elseBody);
                }
                elseBody = list(true);
            }
            pos++; // {{end}}
            return new Block(kind, pipe, body, elseBody);
        }

        private Pipeline pipeline(String text) {
            Lexer lx = new Lexer(text);
            List<String> declared = new ArrayList<>();
            int save = lx.i;
            List<String> vars = new ArrayList<>();
            while (true) {
                lx.skipSpace();
                String v = lx.variable();
                if (v == null) {
                    break;
                }
                vars.add(v);
                lx.skipSpace();
                if (lx.eat(",")) {
                    continue;
                }
                if (lx.eat(":=") || lx.eat("=")) {
                    declared.addAll(vars);
                }
                break;
            }
            if (declared.isEmpty()) {
                lx.i = save;
            }
            Pipeline p = new Pipeline(declared, lx.commands(')'));
            lx.skipSpace();
            if (!lx.atEnd()) {
                throw new IllegalArgumentException("template: output: unexpected \"" + text.substring(lx.i) + "\" in command");
            }
            return p;
        }
    }

    /** Reads the words of one action. */
    private static final class Lexer {
        final String s;
        int i;

        Lexer(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean eat(String t) {
            if (s.startsWith(t, i)) {
                i += t.length();
                return true;
            }
            return false;
        }

        String variable() {
            if (i >= s.length() || s.charAt(i) != '$') {
                return null;
            }
            int j = i + 1;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            String v = s.substring(i, j);
            i = j;
            return v;
        }

        List<List<Term>> commands(char close) {
            List<List<Term>> cmds = new ArrayList<>();
            List<Term> cmd = new ArrayList<>();
            while (true) {
                skipSpace();
                if (atEnd() || s.charAt(i) == close) {
                    break;
                }
                if (eat("|")) {
                    if (cmd.isEmpty()) {
                        throw new IllegalArgumentException("template: output: missing command before |");
                    }
                    cmds.add(cmd);
                    cmd = new ArrayList<>();
                    continue;
                }
                cmd.add(term());
            }
            if (cmd.isEmpty()) {
                throw new IllegalArgumentException("template: output: missing value for command");
            }
            cmds.add(cmd);
            return cmds;
        }

        private Term term() {
            char c = s.charAt(i);
            Term base;
            if (c == '(') {
                i++;
                List<List<Term>> inner = commands(')');
                if (!eat(")")) {
                    throw new IllegalArgumentException("template: output: unclosed left paren");
                }
                base = new Sub(new Pipeline(List.of(), inner));
            } else if (c == '"' || c == '`') {
                return new Literal(string());
            } else if (c == '$') {
                base = new Var(variable());
            } else if (c == '.') {
                if (i + 1 >= s.length() || !isNameChar(s.charAt(i + 1))) {
                    i++;
                    base = new Dot();
                } else {
                    base = new Dot();
                }
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                String n = s.substring(i, j);
                i = j;
                return new Literal(n.contains(".") ? (Object) Double.parseDouble(n) : (Object) Long.parseLong(n));
            } else {
                int j = i;
                while (j < s.length() && isNameChar(s.charAt(j))) {
                    j++;
                }
                if (j == i) {
                    throw new IllegalArgumentException("template: output: unexpected \"" + c + "\" in command");
                }
                String w = s.substring(i, j);
                i = j;
                return switch (w) {
                    case "true" -> new Literal(Boolean.TRUE);
                    case "false" -> new Literal(Boolean.FALSE);
                    case "nil" -> new Literal(null);
                    default -> new Ident(w);
                };
            }
            List<String> names = new ArrayList<>();
            while (i < s.length() && s.charAt(i) == '.' && i + 1 < s.length() && isNameChar(s.charAt(i + 1))) {
                int j = i + 1;
                while (j < s.length() && isNameChar(s.charAt(j))) {
                    j++;
                }
                names.add(s.substring(i + 1, j));
                i = j;
            }
            return names.isEmpty() ? base : new Field(base, names);
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }

        private String string() {
            char q = s.charAt(i);
            StringBuilder sb = new StringBuilder();
            int j = i + 1;
            while (j < s.length() && s.charAt(j) != q) {
                char c = s.charAt(j);
                if (q == '"' && c == '\\' && j + 1 < s.length()) {
                    char e = s.charAt(++j);
                    sb.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case '0' -> '\0';
                        default -> e;
                    });
                } else {
                    sb.append(c);
                }
                j++;
            }
            if (j >= s.length()) {
                throw new IllegalArgumentException("template: output: unterminated quoted string");
            }
            i = j + 1;
            return sb.toString();
        }
    }

    // ---- execution ----

    /** A missing map key: prints as {@code <no value>}, counts as false. */
    private static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private static void run(List<Node> nodes, Object dot, Map<String, Object> vars, StringBuilder out) {
        for (Node n : nodes) {
            switch (n) {
                case Text t -> out.append(t.text());
                case Print p -> {
                    Object v = pipe(p.pipe(), dot, vars);
                    if (p.pipe().declared().isEmpty()) {
                        out.append(v == NO_VALUE ? "<no value>" : goString(v));
                    }
                }
                case Block b -> block(b, dot, vars, out);
            }
        }
    }

    private static void block(Block b, Object dot, Map<String, Object> outer, StringBuilder out) {
        Map<String, Object> vars = new HashMap<>(outer);
        if (b.kind().equals("range")) {
            Object v = eval(b.pipe().commands(), dot, vars);
            List<Map.Entry<Object, Object>> entries = new ArrayList<>();
            if (v instanceof List<?> l) {
                for (int i = 0; i < l.size(); i++) {
                    entries.add(Map.entry(i, l.get(i) == null ? NULL : l.get(i)));
                }
            } else if (v instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                    entries.add(Map.entry(e.getKey(), e.getValue() == null ? NULL : e.getValue()));
                }
            } else if (truthy(v)) {
                throw new IllegalArgumentException("template: output: range can't iterate over " + goString(v));
            }
            if (entries.isEmpty()) {
                run(b.elseBody(), dot, vars, out);
                return;
            }
            List<String> d = b.pipe().declared();
            for (Map.Entry<Object, Object> e : entries) {
                Object item = e.getValue() == NULL ? null : e.getValue();
                if (d.size() == 1) {
                    vars.put(d.getFirst(), item);
                } else if (d.size() == 2) {
                    vars.put(d.get(0), e.getKey());
                    vars.put(d.get(1), item);
                }
                run(b.body(), item, vars, out);
            }
            return;
        }
        Object v = pipe(b.pipe(), dot, vars);
        if (truthy(v)) {
            run(b.body(), b.kind().equals("with") ? v : dot, vars, out);
        } else {
            run(b.elseBody(), dot, vars, out);
        }
    }

    /** Stands for a JSON null inside a range (a Map.entry cannot hold null). */
    private static final Object NULL = new Object();

    private static Object pipe(Pipeline p, Object dot, Map<String, Object> vars) {
        Object v = eval(p.commands(), dot, vars);
        for (String name : p.declared()) {
            vars.put(name, v);
        }
        return v;
    }

    private static Object eval(List<List<Term>> commands, Object dot, Map<String, Object> vars) {
        Object prev = null;
        boolean piped = false;
        for (List<Term> cmd : commands) {
            prev = command(cmd, dot, vars, piped ? prev : null, piped);
            piped = true;
        }
        return prev;
    }

    private static Object command(List<Term> cmd, Object dot, Map<String, Object> vars, Object piped, boolean hasPiped) {
        Term head = cmd.getFirst();
        if (head instanceof Ident id) {
            List<Object> args = new ArrayList<>();
            for (Term t : cmd.subList(1, cmd.size())) {
                args.add(value(t, dot, vars));
            }
            if (hasPiped) {
                args.add(piped);
            }
            args.replaceAll(a -> a == NO_VALUE ? null : a); // a missing key reaches a function as nil
            return call(id.name(), args);
        }
        if (cmd.size() > 1 || hasPiped) {
            throw new IllegalArgumentException("template: output: can't give argument to non-function " + describe(head));
        }
        return value(head, dot, vars);
    }

    private static String describe(Term t) {
        return switch (t) {
            case Dot d -> ".";
            case Var v -> v.name();
            case Field f -> "." + String.join(".", f.names());
            default -> t.toString();
        };
    }

    private static Object value(Term t, Object dot, Map<String, Object> vars) {
        return switch (t) {
            case Dot d -> dot;
            case Literal l -> l.value();
            case Var v -> {
                if (!vars.containsKey(v.name())) {
                    throw new IllegalArgumentException("template: output: undefined variable: " + v.name());
                }
                yield vars.get(v.name());
            }
            case Sub s -> pipe(s.pipe(), dot, vars);
            case Ident id -> call(id.name(), List.of());
            case Field f -> {
                Object v = value(f.base(), dot, vars);
                for (String name : f.names()) {
                    if (v instanceof Map<?, ?> m) {
                        v = m.containsKey(name) ? m.get(name) : NO_VALUE;
                    } else if (v == null || v == NO_VALUE) {
                        yield NO_VALUE;
                    } else {
                        throw new IllegalArgumentException("template: output: can't evaluate field " + name + " in type " + goType(v));
                    }
                }
                yield v;
            }
        };
    }

    private static Object call(String fn, List<Object> args) {
        return switch (fn) {
            case "len" -> {
                Object a = one(fn, args);
                if (a instanceof String s) {
                    yield (long) s.getBytes(StandardCharsets.UTF_8).length;
                } else if (a instanceof List<?> l) {
                    yield (long) l.size();
                } else if (a instanceof Map<?, ?> m) {
                    yield (long) m.size();
                }
                throw new IllegalArgumentException("template: output: error calling len: len of type " + goType(a));
            }
            case "index" -> {
                Object v = args.getFirst();
                for (Object k : args.subList(1, args.size())) {
                    if (v instanceof Map<?, ?> m) {
                        v = m.get(String.valueOf(k));
                    } else if (v instanceof List<?> l && k instanceof Number n) {
                        int i = n.intValue();
                        if (i < 0 || i >= l.size()) {
                            throw new IllegalArgumentException("template: output: error calling index: index out of range: " + i);
                        }
                        v = l.get(i);
                    } else {
                        throw new IllegalArgumentException("template: output: error calling index: can't index item of type " + goType(v));
                    }
                }
                yield v;
            }
            case "print" -> sprint(args);
            case "println" -> {
                StringBuilder sb = new StringBuilder();
                for (Object a : args) {
                    sb.append(sb.isEmpty() ? "" : " ").append(goString(a));
                }
                yield sb.append('\n').toString();
            }
            case "printf" -> printf(String.valueOf(args.getFirst()), args.subList(1, args.size()));
            case "not" -> !truthy(one(fn, args));
            case "and" -> {
                Object last = null;
                for (Object a : args) {
                    last = a;
                    if (!truthy(a)) {
                        break;
                    }
                }
                yield last;
            }
            case "or" -> {
                Object last = null;
                for (Object a : args) {
                    last = a;
                    if (truthy(a)) {
                        break;
                    }
                }
                yield last;
            }
            case "eq" -> {
                for (Object b : args.subList(1, args.size())) {
                    if (compare(args.getFirst(), b) == 0) {
                        yield true;
                    }
                }
                yield false;
            }
            case "ne" -> compare(args.get(0), args.get(1)) != 0;
            case "lt" -> compare(args.get(0), args.get(1)) < 0;
            case "le" -> compare(args.get(0), args.get(1)) <= 0;
            case "gt" -> compare(args.get(0), args.get(1)) > 0;
            case "ge" -> compare(args.get(0), args.get(1)) >= 0;
            case "base64decode" -> {
                try {
                    yield new String(Base64.getDecoder().decode(String.valueOf(one(fn, args))), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("template: output: error calling base64decode: " + e.getMessage());
                }
            }
            default -> throw new IllegalArgumentException("template: output: function \"" + fn + "\" not defined");
        };
    }

    private static Object one(String fn, List<Object> args) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("template: output: wrong number of args for " + fn + ": want 1 got " + args.size());
        }
        return args.getFirst();
    }

    private static int compare(Object a, Object b) {
        a = a == NO_VALUE ? null : a;
        b = b == NO_VALUE ? null : b;
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.equals(y) ? 0 : 1;
        }
        if (a == null || b == null) {
            return a == b ? 0 : 1;
        }
        throw new IllegalArgumentException("template: output: incompatible types for comparison: " + goType(a) + " and " + goType(b));
    }

    private static boolean truthy(Object v) {
        if (v == null || v == NO_VALUE) {
            return false;
        }
        return switch (v) {
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case List<?> l -> !l.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            case Number n -> new BigDecimal(n.toString()).signum() != 0;
            default -> true;
        };
    }

    /** Go's fmt.Sprint: spaces between operands when neither is a string. */
    private static String sprint(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        Object prev = null;
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (i > 0 && !(a instanceof String) && !(prev instanceof String)) {
                sb.append(' ');
            }
            sb.append(goString(a));
            prev = a;
        }
        return sb.toString();
    }

    /** Go's fmt.Sprintf for the common verbs ({@code %s %v %d %f %q %t %%}, flags, width and precision). */
    private static String printf(String format, List<Object> args) {
        StringBuilder sb = new StringBuilder();
        int arg = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            int j = i + 1;
            while (j < format.length() && "-+ #0".indexOf(format.charAt(j)) >= 0) {
                j++;
            }
            while (j < format.length() && (Character.isDigit(format.charAt(j)) || format.charAt(j) == '.')) {
                j++;
            }
            if (j >= format.length()) {
                sb.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(j);
            String spec = format.substring(i + 1, j);
            i = j;
            if (verb == '%') {
                sb.append('%');
                continue;
            }
            if (arg >= args.size()) {
                sb.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object a = args.get(arg++);
            if (a == null) {
                sb.append(verb == 'v' ? "<nil>" : "%!" + verb + "(<nil>)");
                continue;
            }
            String text = switch (verb) {
                case 'd' -> a instanceof Number n ? String.format("%" + spec + "d", new BigDecimal(n.toString()).toBigInteger()) : "%!d(" + goString(a) + ")";
                case 'f', 'e', 'g' -> a instanceof Number n ? String.format("%" + spec + verb, n.doubleValue()) : "%!" + verb + "(" + goString(a) + ")";
                case 'q' -> String.format("%" + spec + "s", Json.quote(goString(a)));
                default -> String.format("%" + spec.replace("#", "").replace("+", "") + "s", goString(a));
            };
            sb.append(text);
        }
        if (arg < args.size()) {
            sb.append("%!(EXTRA ");
            for (int k = arg; k < args.size(); k++) {
                sb.append(k > arg ? ", " : "").append(goType(args.get(k))).append('=').append(goString(args.get(k)));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** A value as Go's fmt prints it with %v. */
    static String goString(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v == NO_VALUE) {
            return "<no value>";
        }
        return switch (v) {
            case String s -> s;
            case Map<?, ?> m -> {
                StringBuilder sb = new StringBuilder("map[");
                boolean first = true;
                for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                    sb.append(first ? "" : " ").append(e.getKey()).append(':').append(goString(e.getValue()));
                    first = false;
                }
                yield sb.append(']').toString();
            }
            case List<?> l -> {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i > 0 ? " " : "").append(goString(l.get(i)));
                }
                yield sb.append(']').toString();
            }
            case Double d -> goFloat(d);
            case BigDecimal d -> goFloat(d.doubleValue());
            case BigInteger b -> b.toString();
            default -> v.toString();
        };
    }

    /** Go's %v of a float64: shortest representation, exponent form from 1e21. */
    private static String goFloat(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return BigDecimal.valueOf(d).toBigInteger().toString();
        }
        String s = Double.toString(d);
        return s.contains("E") ? s.replace("E", "e+").replace("e+-", "e-") : s;
    }

    private static String goType(Object v) {
        return switch (v) {
            case null -> "<nil>";
            case String s -> "string";
            case Map<?, ?> m -> "map[string]interface {}";
            case List<?> l -> "[]interface {}";
            case Boolean b -> "bool";
            case Long l -> "int64";
            case Number n -> "float64";
            default -> "interface {}";
        };
    }
}
