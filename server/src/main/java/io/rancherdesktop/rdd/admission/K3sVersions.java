package io.rancherdesktop.rdd.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes (k3s) versions this build supports and the channel aliases that point at them, from the
 * bundled {@code k3s-versions.json} (same layout as Rancher Desktop's cache: {@code channels} maps a channel to a
 * concrete version, {@code versions} lists the k3s releases such as {@code v1.32.0+k3s1}).
 *
 * <p>Versions compare in canonical form: no leading {@code v}, no {@code +k3sN} build suffix ({@code 1.32.0}).
 * A leading {@code v} in a request is ignored, both for versions and for channels ({@code v1.32} and
 * {@code 1.32} name the same channel).
 *
 * @param channels  channel name (canonical) → concrete canonical version
 * @param supported canonical versions, in file order
 */
public record K3sVersions(Map<String, String> channels, List<String> supported) {

    /** Class-path location of the bundled data. */
    public static final String RESOURCE = "io/rancherdesktop/rdd/admission/k3s-versions.json";
    public static final String STABLE = "stable";

    public K3sVersions {
        channels = Map.copyOf(channels);
        supported = List.copyOf(supported);
        if (!channels.containsKey(STABLE)) {
            throw new IllegalArgumentException("k3s versions have no \"stable\" channel");
        }
        for (Map.Entry<String, String> channel : channels.entrySet()) {
            if (!supported.contains(channel.getValue())) {
                throw new IllegalArgumentException("k3s channel " + channel.getKey() + " points at "
                        + channel.getValue() + ", which is not in the supported versions");
            }
        }
    }

    /** Loads the data bundled with this build. */
    public static K3sVersions bundled() {
        try (InputStream in = K3sVersions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + RESOURCE);
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses the {@code k3s-versions.json} layout. */
    public static K3sVersions parse(JsonNode root) {
        Map<String, String> channels = new LinkedHashMap<>();
        root.path("channels").properties().forEach(e -> channels.put(canonical(e.getKey()), canonical(e.getValue().asText())));
        List<String> versions = root.path("versions").valueStream().map(v -> canonical(v.asText())).distinct().toList();
        return new K3sVersions(channels, versions);
    }

    /** The concrete version of the {@code stable} channel. */
    public String stable() {
        return channels.get(STABLE);
    }

    /**
     * What a requested {@code kubernetes.version} stands for: the concrete version of a channel, or the canonical
     * form of a supported version; empty when it is neither.
     */
    public Optional<String> resolve(String requested) {
        String key = canonical(requested);
        if (channels.containsKey(key)) {
            return Optional.of(channels.get(key));
        }
        return supported.contains(key) ? Optional.of(key) : Optional.empty();
    }

    /** Canonical form: trimmed, without a leading {@code v} and without a {@code +…} build suffix. */
    static String canonical(String version) {
        String v = version.trim();
        if (v.startsWith("v") || v.startsWith("V")) {
            v = v.substring(1);
        }
        int plus = v.indexOf('+');
        return plus >= 0 ? v.substring(0, plus) : v;
    }
}
