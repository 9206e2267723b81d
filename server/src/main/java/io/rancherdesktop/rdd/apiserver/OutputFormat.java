package io.rancherdesktop.rdd.apiserver;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the client accepts, from the {@code Accept} header (first supported media range wins). */
enum OutputFormat {
    JSON, YAML, TABLE, PARTIAL_METADATA;

    static OutputFormat negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        for (String range : accept.split(",")) {
            String r = range.trim().toLowerCase(Locale.ROOT);
            String base = r.split(";", 2)[0].trim();
            Optional<String> as = param(r, "as");
            if (as.isPresent()) {
                if (!base.equals("application/json")) {
                    continue;
                }
                String g = param(r, "g").orElse("");
                String v = param(r, "v").orElse("");
                if (!g.equals("meta.k8s.io") || !(v.equals("v1") || v.equals("v1beta1"))) {
                    continue;
                }
                switch (as.get()) {
                    case "table" -> {
                        return TABLE;
                    }
                    case "partialobjectmetadata", "partialobjectmetadatalist" -> {
                        return PARTIAL_METADATA;
                    }
                    default -> {
                        continue;
                    }
                }
            }
            switch (base) {
                case "application/json", "*/*", "application/*", "application/json-patch+json", "application/merge-patch+json" -> {
                    return JSON;
                }
                case "application/yaml" -> {
                    return YAML;
                }
                default -> {
                    // e.g. protobuf: clients list JSON after it, which is what they get
                }

            }
        }
        throw StatusException.notAcceptable(List.of("application/json", "application/yaml"));
    }

    private static Optional<String> param(String range, String name) {
        for (String p : range.split(";")) {
            String[] kv = p.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equals(name)) {
                return Optional.of(kv[1].trim());
            }
        }
        return Optional.empty();
    }
}
