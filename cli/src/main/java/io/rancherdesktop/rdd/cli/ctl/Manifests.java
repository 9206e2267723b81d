package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads manifests for {@code -f}: YAML or JSON files, several documents per file, {@code kind: List} flattened,
 * {@code -} for stdin. Values become the JSON tree of {@link io.rancherdesktop.rdd.wire.Json}. SnakeYAML
 * is loaded only on these (cold) paths.
 */
final class Manifests {
    private Manifests() {
    }

    static List<Map<String, Object>> read(List<String> files) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String f : files) {
            String text;
            try {
                if (f.equals("-")) {
                    InputStream in = System.in;
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } else if (Files.isDirectory(Path.of(f))) {
                    List<String> inDir = new ArrayList<>();
                    try (var s = Files.list(Path.of(f))) {
                        s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().forEach(p -> inDir.add(p.toString()));
                    }
                    out.addAll(read(inDir));
                    continue;
                } else {
                    text = Files.readString(Path.of(f), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw CliException.plain(ExitCodes.GENERIC, "error: the path \"" + f + "\" does not exist");
            }
            out.addAll(parse(text, f));
        }
        if (out.isEmpty()) {
            throw CliException.plain(ExitCodes.GENERIC, "error: no objects passed to apply");
        }
        return out;
    }

    static List<Map<String, Object>> parse(String text, String source) {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            for (Object doc : yaml.loadAll(text)) {
                if (doc == null) {
                    continue;
                }
                Object tree = normalize(doc);
                if (!(tree instanceof Map<?, ?>)) {
                    throw CliException.plain(ExitCodes.GENERIC, "error: error validating \"" + source + "\": a manifest must be an object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) tree;
                if ("List".equals(m.get("kind")) || m.get("kind") instanceof String k && k.endsWith("List") && m.containsKey("items")) {
                    for (Object item : ApiObjects.list(m.get("items"))) {
                        out.add(ApiObjects.map(item));
                    }
                } else {
                    if (!(m.get("apiVersion") instanceof String) || !(m.get("kind") instanceof String)) {
                        throw CliException.plain(ExitCodes.GENERIC, "error: error validating data from \"" + source
                                + "\": apiVersion and kind must be set");
                    }
                    out.add(m);
                }
            }
        } catch (YAMLException e) {
            throw CliException.plain(ExitCodes.GENERIC, "error: error parsing " + source + ": " + e.getMessage());
        }
        return out;
    }

    /** SnakeYAML's types to the JSON tree: longs, RFC 3339 strings for timestamps, base64 for binary. */
    static Object normalize(Object v) {
        return switch (v) {
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, x) -> out.put(String.valueOf(k), normalize(x)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>();
                for (Object x : l) {
                    out.add(normalize(x));
                }
                yield out;
            }
            case Integer i -> i.longValue();
            case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b;
            case Date d -> DateTimeFormatter.ISO_INSTANT.format(d.toInstant().atOffset(ZoneOffset.UTC));
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            default -> v;
        };
    }
}
