package io.rancherdesktop.rdd.apiserver;

import java.util.List;
import java.util.Optional;

/** The PATCH body formats, by media type. */
public enum PatchType {
    JSON("application/json-patch+json"),
    MERGE("application/merge-patch+json"),
    STRATEGIC("application/strategic-merge-patch+json"),
    APPLY("application/apply-patch+yaml");

    private final String mediaType;

    PatchType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<PatchType> fromMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String base = contentType.split(";", 2)[0].trim();
        for (PatchType t : values()) {
            if (t.mediaType.equalsIgnoreCase(base)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The patch types a resource accepts: custom resources do not take strategic merge patches (as in kube). */
    public static List<PatchType> acceptedBy(ResourceDef r) {
        return r.isCustom() ? List.of(JSON, MERGE, APPLY) : List.of(values());
    }
}
