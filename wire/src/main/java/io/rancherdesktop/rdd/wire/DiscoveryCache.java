package io.rancherdesktop.rdd.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI learnt from one run of the service, on disk ({@code <dir>/cli-cache.json}) so that the next
 * command need not ask again: that the service became ready, and its discovery (resource types). The entry is
 * keyed by the service's run id (PID and PID-file time) and ignored once the service restarts, so with a warm
 * cache an {@code rdd ctl get} is one request. The file is advisory: unreadable or stale content is a miss.
 */
public final class DiscoveryCache {
    private final Path file;

    public DiscoveryCache(Path file) {
        this.file = file;
    }

    /** @param resources the discovered types, or null when only readiness is known yet */
    public record Entry(String runId, List<ApiResource> resources) {
    }

    public Optional<Entry> load(String runId) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            Map<String, Object> m = Json.parseObject(text);
            if (!runId.equals(m.get("runId"))) {
                return Optional.empty();
            }
            List<ApiResource> resources = null;
            if (m.get("resources") instanceof List<?> l) {
                resources = new ArrayList<>();
                for (Object o : l) {
                    if (o instanceof Map<?, ?> r) {
                        resources.add(ApiResource.fromJson(r, "", ""));
                    }
                }
            }
            return Optional.of(new Entry(runId, resources));
        } catch (IllegalArgumentException corrupt) {
            return Optional.empty();
        }
    }

    /** Replaces the file atomically; a failure to write only costs the next command a few requests. */
    public void store(String runId, List<ApiResource> resources) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", runId);
        if (resources != null) {
            List<Object> l = new ArrayList<>();
            for (ApiResource r : resources) {
                l.add(r.toJson());
            }
            m.put("resources", l);
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, Json.write(m), StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // advisory cache: ignore
        }
    }

    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // advisory cache: ignore
        }
    }
}
