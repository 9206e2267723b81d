package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code apiextensions.k8s.io/v1 CustomResourceDefinition} YAML into {@link ResourceDef}s: the CRDs on
 * the class path at {@code META-INF/fabric8/*-v1.yml} (where fabric8's crd-generator writes them), the builtin
 * kinds (written as CRDs too) and the files of extra directories.
 */
public final class CrdLoader {
    private static final Logger log = LoggerFactory.getLogger(CrdLoader.class);
    static final String CLASSPATH_DIR = "META-INF/fabric8";
    static final String ORIGIN_ANNOTATION = "rdd.rancherdesktop.io/origin";
    private static final String BUILTINS = "io/rancherdesktop/rdd/apiserver/builtin-resources.yaml";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** The builtin kinds: Namespace, ConfigMap, Event and the read-only CustomResourceDefinition. */
    public List<ResourceDef> builtins() {
        try (InputStream in = CrdLoader.class.getClassLoader().getResourceAsStream(BUILTINS)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + BUILTINS);
            }
            return parse(in, BUILTINS);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + BUILTINS, e);
        }
    }

    /** Every {@code META-INF/fabric8/*-v1.yml} visible to {@code loader}, in name order. */
    public List<ResourceDef> fromClassPath(ClassLoader loader) {
        List<ResourceDef> out = new ArrayList<>();
        for (String name : classPathCrdFiles(loader)) {
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in != null) {
                    out.addAll(parse(in, name));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading class-path CRD " + name, e);
            }
        }
        return out;
    }

    /** Every {@code *.yaml}/{@code *.yml} file of {@code dir} (not recursive), in name order. */
    public List<ResourceDef> fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("CRD directory " + dir + " does not exist");
        }
        List<ResourceDef> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    out.addAll(parse(in, f.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading CRDs from " + dir, e);
        }
        return out;
    }

    static TreeSet<String> classPathCrdFiles(ClassLoader loader) {
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> dirs = loader.getResources(CLASSPATH_DIR);
            for (URL url : Collections.list(dirs)) {
                switch (url.getProtocol()) {
                    case "file" -> {
                        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                            files.map(p -> p.getFileName().toString()).filter(CrdLoader::isCrdFileName)
                                    .forEach(n -> names.add(CLASSPATH_DIR + "/" + n));
                        }
                    }
                    case "jar" -> {
                        JarURLConnection c = (JarURLConnection) url.openConnection();
                        c.setUseCaches(false);
                        try (JarFile jar = c.getJarFile()) {
                            for (JarEntry e : Collections.list(jar.entries())) {
                                String n = e.getName();
                                if (n.startsWith(CLASSPATH_DIR + "/") && n.indexOf('/', CLASSPATH_DIR.length() + 1) < 0
                                        && isCrdFileName(n.substring(CLASSPATH_DIR.length() + 1))) {
                                    names.add(n);
                                }
                            }
                        }
                    }
                    default -> log.warn("cannot list CRDs at {}", url);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("listing class-path CRDs under " + CLASSPATH_DIR, e);
        }
        return names;
    }

    private static boolean isCrdFileName(String n) {
        return n.endsWith("-v1.yml");
    }

    List<ResourceDef> parse(InputStream in, String source) throws IOException {
        List<ResourceDef> out = new ArrayList<>();
        try (JsonParser p = yaml.getFactory().createParser(in); MappingIterator<JsonNode> docs = yaml.readValues(p, JsonNode.class)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!(doc instanceof ObjectNode crd) || !"CustomResourceDefinition".equals(doc.path("kind").asText())) {
                    throw new IllegalArgumentException(source + ": not a CustomResourceDefinition: " + doc.path("kind").asText("?"));
                }
                out.add(toResource(crd, source));
            }
        }
        return out;
    }

    static ResourceDef toResource(ObjectNode crd, String source) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        String group = spec.path("group").asText("");
        String plural = required(names, "plural", source);
        String kind = required(names, "kind", source);
        String origin = crd.path("metadata").path("annotations").path(ORIGIN_ANNOTATION).asText("custom");
        String expectedName = group.isEmpty() ? plural : plural + "." + group;
        String crdName = crd.path("metadata").path("name").asText("");
        if (!crdName.equals(expectedName)) {
            throw new IllegalArgumentException(source + ": CRD name \"" + crdName + "\" must be \"" + expectedName + "\"");
        }
        List<ResourceVersionDef> versions = new ArrayList<>();
        boolean status = false;
        for (JsonNode v : spec.path("versions")) {
            if (!v.path("served").asBoolean(true)) {
                continue;
            }
            status |= v.path("subresources").has("status");
            List<PrinterColumn> cols = new ArrayList<>();
            for (JsonNode c : v.path("additionalPrinterColumns")) {
                cols.add(new PrinterColumn(c.path("name").asText(), c.path("type").asText("string"), c.path("format").asText(""),
                        c.path("description").asText(""), c.path("priority").asInt(0), c.path("jsonPath").asText()));
            }
            List<String> selectable = new ArrayList<>();
            for (JsonNode f : v.path("selectableFields")) {
                selectable.add(f.path("jsonPath").asText());
            }
            JsonNode schema = v.path("schema").path("openAPIV3Schema");
            versions.add(new ResourceVersionDef(required(v, "name", source), v.path("storage").asBoolean(false),
                    schema.isMissingNode() ? null : schema, cols, selectable));
        }
        if (versions.isEmpty()) {
            throw new IllegalArgumentException(source + ": CRD " + crdName + " serves no version");
        }
        ResourceDef.Origin o = switch (origin) {
            case "builtin" -> ResourceDef.Origin.BUILTIN;
            case "read-only" -> ResourceDef.Origin.READ_ONLY;
            default -> ResourceDef.Origin.CUSTOM;
        };
        return new ResourceDef(group, kind, plural, names.path("singular").asText(kind.toLowerCase(java.util.Locale.ROOT)),
                strings(names.path("shortNames")), strings(names.path("categories")),
                !"Cluster".equals(spec.path("scope").asText("Namespaced")), status, versions, o,
                o == ResourceDef.Origin.CUSTOM ? crd.deepCopy() : null);
    }

    private static String required(JsonNode n, String field, String source) {
        String v = n.path(field).asText("");
        if (v.isEmpty()) {
            throw new IllegalArgumentException(source + ": CRD is missing " + field);
        }
        return v;
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
