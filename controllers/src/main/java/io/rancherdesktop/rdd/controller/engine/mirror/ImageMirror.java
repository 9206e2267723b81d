package io.rancherdesktop.rdd.controller.engine.mirror;

import io.rancherdesktop.rdd.api.MirrorKind;

import io.rancherdesktop.rdd.controller.engine.naming.ImageMirrorName;
import java.util.Objects;

/** An Image mirror: one per repo tag, or one for a dangling image (docs/api.md §3.3). */
public record ImageMirror(String name, ImageMirrorStatus status) implements Mirror {
    public ImageMirror {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }

    /** The mirror of {@code status}, named from its ID and tag. */
    public static ImageMirror of(ImageMirrorStatus status) {
        return new ImageMirror(ImageMirrorName.of(status.id(), status.repoTag()), status);
    }

    /** The same mirror with {@code status.usedBy} replaced. */
    public ImageMirror withUsedBy(java.util.List<String> users) {
        return new ImageMirror(name, status.withUsedBy(users));
    }

    /** The same mirror with {@code status.history} replaced. */
    public ImageMirror withHistory(java.util.List<ImageHistoryStep> steps) {
        return new ImageMirror(name, status.withHistory(steps));
    }

    @Override
    public MirrorKind kind() {
        return MirrorKind.IMAGE;
    }
}
