package io.rancherdesktop.rdd.controller.engine.naming;

import java.util.Optional;

/**
 * Names of Image mirrors (docs/design/mirroring-rules.md §4.1, docs/api.md §3.3): one mirror per repo tag,
 * {@code img-} + hex SHA-256 of {@code id + "\0" + tag}; a dangling image has one mirror named after the hash
 * of its ID alone. The NUL separator cannot occur in an ID or a tag, so no (id, tag) pair collides with
 * another or with a dangling name.
 */
public final class ImageMirrorName {
    /** What older Engine APIs list for an untagged image; it means "no tag" (§4.1). */
    public static final String PLACEHOLDER_TAG = "<none>:<none>";
    private static final String PREFIX = "img-";

    private ImageMirrorName() {
    }

    /**
     * The mirror name for {@code imageId} and {@code tag}; a null, empty or placeholder tag gives the dangling
     * name, so names derived from a list response and from an inspect response always agree.
     *
     * @throws IllegalArgumentException when {@code imageId} is null or blank
     */
    public static String of(String imageId, String tag) {
        requireId(imageId);
        return realTag(tag)
                .map(t -> DerivedMirrorName.hash(PREFIX, imageId + "\0" + t))
                .orElseGet(() -> DerivedMirrorName.hash(PREFIX, imageId));
    }

    /** The mirror name of the image when it has no tags. */
    public static String dangling(String imageId) {
        return of(imageId, null);
    }

    /** The tag, or empty for null, blank and {@value #PLACEHOLDER_TAG}. */
    public static Optional<String> realTag(String tag) {
        if (tag == null || tag.isBlank() || tag.equals(PLACEHOLDER_TAG)) {
            return Optional.empty();
        }
        return Optional.of(tag);
    }

    private static void requireId(String imageId) {
        if (imageId == null || imageId.isBlank()) {
            throw new IllegalArgumentException("an image mirror name needs the image ID, got " + (imageId == null ? "null" : "\"\""));
        }
    }
}
