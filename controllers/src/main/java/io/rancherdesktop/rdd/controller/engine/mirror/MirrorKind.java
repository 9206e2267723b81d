package io.rancherdesktop.rdd.controller.engine.mirror;

/** The engine object kinds mirrored as one API object each (ContainerNamespace is written, never pruned by kind). */
public enum MirrorKind {
    CONTAINER,
    IMAGE,
    VOLUME
}
