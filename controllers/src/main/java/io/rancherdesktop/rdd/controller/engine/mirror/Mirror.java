package io.rancherdesktop.rdd.controller.engine.mirror;

import io.rancherdesktop.rdd.api.MirrorKind;

/** One mirror as the engine side sees it: the API object name and the status to write. */
public sealed interface Mirror permits ContainerMirror, ImageMirror, VolumeMirror {
    MirrorKind kind();

    /** The API object name (the container ID, or a derived {@code img-…}/{@code vol-…} name). */
    String name();
}
