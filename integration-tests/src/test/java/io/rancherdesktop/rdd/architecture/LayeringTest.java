package io.rancherdesktop.rdd.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md as a build rule. Maven already refuses to compile an import of a module the
 * importing module does not depend on; these tests pin the dependencies themselves (adding an upward one to a pom
 * fails here), keep the lean modules free of Jackson and fabric8, and keep the top-level packages acyclic.
 */
class LayeringTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String BASE = "io.rancherdesktop.rdd.";

    /** Each module and the rdd modules it may use directly, bottom up (docs/architecture.md, "Modules"). */
    static final Map<String, Set<String>> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("wire", Set.of());
        LAYERS.put("logging", Set.of());
        LAYERS.put("instance", Set.of("logging", "wire"));
        LAYERS.put("api", Set.of());
        LAYERS.put("server", Set.of("api", "instance", "logging", "wire"));
        LAYERS.put("controllers", Set.of("api", "instance", "logging", "wire"));
        LAYERS.put("runtime", Set.of("server", "controllers"));
        LAYERS.put("support", Set.of("wire", "instance"));
        LAYERS.put("cli", Set.of("wire", "instance", "logging", "support"));
        LAYERS.put("launcher", Set.of("cli", "runtime"));
        LAYERS.put("app-ui", Set.of("runtime"));
    }

    /** Modules on the CLI's hot path: no Jackson, no fabric8 in their sources (their poms ban the jars too). */
    static final Set<String> LEAN = Set.of("wire", "instance", "logging", "support", "cli");

    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern RDD_ARTIFACT = Pattern.compile(
            "<groupId>io\\.rancherdesktop\\.rdd</groupId>\\s*<artifactId>rdd-([a-z-]+)</artifactId>");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

    @Test
    void eachModuleDependsOnlyOnTheModulesBelowIt() throws IOException {
        Map<String, Set<String>> actual = new TreeMap<>();
        for (String module : LAYERS.keySet()) {
            String pom = Files.readString(REPO.resolve(module).resolve("pom.xml"));
            Set<String> deps = new TreeSet<>();
            Matcher m = DEPENDENCY.matcher(pom);
            while (m.find()) {
                Matcher rdd = RDD_ARTIFACT.matcher(m.group(1));
                if (rdd.find() && !m.group(1).contains("<scope>test</scope>")) {
                    deps.add(rdd.group(1));
                }
            }
            actual.put(module, deps);
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        LAYERS.forEach((k, v) -> expected.put(k, new TreeSet<>(v)));
        assertEquals(expected, actual, "module dependencies differ from the layering in docs/architecture.md");
    }

    @Test
    void leanModulesUseNeitherJacksonNorFabric8() {
        List<String> offenders = new ArrayList<>();
        for (String module : LEAN) {
            for (Path f : sources(module)) {
                for (String imp : imports(f)) {
                    if (imp.startsWith("com.fasterxml.") || imp.startsWith("io.fabric8.")) {
                        offenders.add(REPO.relativize(f) + " imports " + imp);
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), "lean modules must stay free of Jackson and fabric8: " + offenders);
    }

    @Test
    void importsReachOnlyModulesBelow() {
        Map<String, String> moduleOfPackage = new HashMap<>();
        for (String module : LAYERS.keySet()) {
            for (Path f : sources(module)) {
                moduleOfPackage.put(packageOf(f), module);
            }
        }
        List<String> offenders = new ArrayList<>();
        for (String module : LAYERS.keySet()) {
            Set<String> allowed = closure(module);
            for (Path f : sources(module)) {
                for (String imp : imports(f)) {
                    String target = moduleOfPackage.get(packageOfImport(imp));
                    if (target != null && !allowed.contains(target)) {
                        offenders.add(REPO.relativize(f) + " (" + module + ") imports " + imp + " (" + target + ")");
                    }
                }
            }
        }
        assertTrue(offenders.isEmpty(), "upward or sideways imports: " + offenders);
    }

    @Test
    void topLevelPackagesHaveNoCycle() {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String module : LAYERS.keySet()) {
            for (Path f : sources(module)) {
                String from = topLevel(packageOf(f));
                for (String imp : imports(f)) {
                    if (imp.startsWith(BASE)) {
                        String to = topLevel(packageOfImport(imp));
                        if (!to.equals(from)) {
                            edges.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                        }
                    }
                }
            }
        }
        List<String> cycle = findCycle(edges);
        assertTrue(cycle.isEmpty(), "package cycle: " + String.join(" -> ", cycle));
    }

    private static Set<String> closure(String module) {
        Set<String> seen = new HashSet<>(Set.of(module));
        List<String> todo = new ArrayList<>(List.of(module));
        while (!todo.isEmpty()) {
            for (String d : LAYERS.getOrDefault(todo.removeLast(), Set.of())) {
                if (seen.add(d)) {
                    todo.add(d);
                }
            }
        }
        return seen;
    }

    /** A cycle as a path (first node repeated at the end), or empty. */
    static List<String> findCycle(Map<String, Set<String>> edges) {
        Map<String, Integer> state = new HashMap<>(); // 1 on the stack, 2 done
        List<String> stack = new ArrayList<>();
        for (String start : edges.keySet()) {
            List<String> c = visit(start, edges, state, stack);
            if (!c.isEmpty()) {
                return c;
            }
        }
        return List.of();
    }

    private static List<String> visit(String v, Map<String, Set<String>> edges, Map<String, Integer> state, List<String> stack) {
        Integer s = state.get(v);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null) {
            List<String> c = new ArrayList<>(stack.subList(stack.indexOf(v), stack.size()));
            c.add(v);
            return c;
        }
        state.put(v, 1);
        stack.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            List<String> c = visit(w, edges, state, stack);
            if (!c.isEmpty()) {
                return c;
            }
        }
        stack.removeLast();
        state.put(v, 2);
        return List.of();
    }

    private static String topLevel(String pkg) {
        String rest = pkg.startsWith(BASE) ? pkg.substring(BASE.length()) : pkg;
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String packageOfImport(String imp) {
        StringBuilder b = new StringBuilder();
        for (String part : imp.split("\\.")) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                break;
            }
            if (!b.isEmpty()) {
                b.append('.');
            }
            b.append(part);
        }
        return b.toString();
    }

    private static List<Path> sources(String module) {
        Path root = REPO.resolve(module).resolve("src/main/java");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String packageOf(Path f) {
        Matcher m = PACKAGE.matcher(read(f));
        return m.find() ? m.group(1) : "";
    }

    private static List<String> imports(Path f) {
        List<String> out = new ArrayList<>();
        Matcher m = IMPORT.matcher(read(f));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
