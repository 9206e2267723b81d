package io.rancherdesktop.rdd.ui.model;

import java.util.Optional;

/** Resolves image IDs to tags for display, from the images the GUI currently knows. */
@FunctionalInterface
public interface ImageCatalog {

    ImageCatalog EMPTY = id -> Optional.empty();

    /** A repository tag of the image with this ID ({@code sha256:…}), if one is known. */
    Optional<String> tagOf(String imageId);
}
