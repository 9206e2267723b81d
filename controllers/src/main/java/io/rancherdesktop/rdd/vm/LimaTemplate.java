package io.rancherdesktop.rdd.vm;

import io.rancherdesktop.rdd.instance.InstancePaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rendered Lima template of the instance's VM. The base template is the class-path resource
 * {@code io/rancherdesktop/rdd/vm/lima/rd.yaml}; its {@code @@KEY@@} placeholders are filled from the engine
 * config and the instance paths. The templates stay inside the driver (docs/design/upstream-differences.md §2).
 */
public record LimaTemplate(String yaml) {
    static final String RESOURCE = "lima/rd.yaml";
    private static final Pattern PLACEHOLDER = Pattern.compile("@@([A-Z_]+)@@");

    /** The template for {@code config}: engine choice, docker socket forward to {@code <short_dir>/docker.sock}, cpus. */
    public static LimaTemplate render(EngineConfig config, InstancePaths paths) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CONTAINER_ENGINE", config.engine().specValue());
        params.put("CONTAINERD_SYSTEM", Boolean.toString(config.engine() == EngineKind.CONTAINERD));
        params.put("CPUS", config.cpus().isPresent() ? Integer.toString(config.cpus().getAsInt()) : "null");
        params.put("HOST_DOCKER_SOCKET", yamlDoubleQuoted(paths.dockerSocket()));
        return new LimaTemplate(fill(base(), params));
    }

    static String fill(String template, Map<String, String> params) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = params.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("the Lima template has an unknown placeholder @@" + m.group(1) + "@@");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Escapes for use inside a YAML double-quoted scalar. */
    private static String yamlDoubleQuoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String base() {
        try (InputStream in = LimaTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the Lima template resource " + RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the Lima template", e);
        }
    }
}
