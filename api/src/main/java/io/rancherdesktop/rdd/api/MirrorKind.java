package io.rancherdesktop.rdd.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;

/**
 * The engine object kinds mirrored as one API object each (ContainerNamespace is written, never pruned by kind), each
 * with its API class and its names, which the GUI also uses as its words for people.
 */
public enum MirrorKind {
    CONTAINER(Container.class, "Container", "container", "containers"),
    IMAGE(Image.class, "Image", "image", "images"),
    VOLUME(Volume.class, "Volume", "volume", "volumes");

    private final Class<? extends HasMetadata> type;
    private final String kind;
    private final String singular;
    private final String plural;

    MirrorKind(Class<? extends HasMetadata> type, String kind, String singular, String plural) {
        this.type = type;
        this.kind = kind;
        this.singular = singular;
        this.plural = plural;
    }

    public Class<? extends HasMetadata> type() {
        return type;
    }

    /** The API kind, as in an Event's {@code involvedObject.kind}. */
    public String kind() {
        return kind;
    }

    /** "1 image", "3 images". */
    public String count(int n) {
        return n + " " + (n == 1 ? singular : plural);
    }

    public String singular() {
        return singular;
    }

    public String plural() {
        return plural;
    }
}
