package io.rancherdesktop.rdd.apiserver;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The registered {@link StreamingSubresource}s, by resource and subresource name; registration may happen while serving. */
public final class StreamingSubresources {
    private final Map<String, StreamingSubresource> byKey = new ConcurrentHashMap<>();

    /** Registers {@code s}; one implementation per resource and subresource name. */
    public void register(StreamingSubresource s) {
        Objects.requireNonNull(s, "subresource");
        if (s.name().isEmpty() || s.name().equals("status") || s.name().contains("/")) {
            throw new IllegalArgumentException("not a streaming subresource name: \"" + s.name() + "\"");
        }
        StreamingSubresource before = byKey.putIfAbsent(key(s.group(), s.resource(), s.name()), s);
        if (before != null) {
            throw new IllegalStateException("the subresource " + s.name() + " of " + StatusException.qualified(s.group(), s.resource())
                    + " is already registered");
        }
    }

    /** The implementation of subresource {@code name} of {@code group}/{@code resource}, if one is registered. */
    public Optional<StreamingSubresource> find(String group, String resource, String name) {
        return Optional.ofNullable(byKey.get(key(group, resource, name)));
    }

    /**
     * Whether the raw request path may name a subresource served over WebSocket: its last segment is the name of a
     * registered one whose {@link StreamingSubresource#webSocket()} is true (the dispatcher checks the whole path
     * when it routes).
     */
    boolean webSocketPath(String rawPath) {
        int slash = rawPath.lastIndexOf('/');
        String last = slash < 0 ? rawPath : rawPath.substring(slash + 1);
        for (StreamingSubresource s : byKey.values()) {
            if (s.webSocket() && s.name().equals(last)) {
                return true;
            }
        }
        return false;
    }

    private static String key(String group, String resource, String name) {
        return group + "/" + resource + "/" + name;
    }
}
