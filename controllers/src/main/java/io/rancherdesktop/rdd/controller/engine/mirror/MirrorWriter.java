package io.rancherdesktop.rdd.controller.engine.mirror;

import io.rancherdesktop.rdd.api.MirrorKind;

import java.util.Set;

/**
 * The API side of mirroring: writes mirrors into the resource namespace R. The engine side (full sync, event
 * handling) only calls this; the implementation uses the fabric8 client against the API server (spec
 * docs/design/mirroring-rules.md §4.3–4.6, §7.4). Every method is idempotent and may be called from several threads.
 * Failures are thrown as unchecked exceptions carrying the object and the call.
 */
public interface MirrorWriter {

    /** Applies the ContainerNamespace {@code engineNamespace} ({@code moby}) <em>without</em> the mirror finalizer (§3.4, I2). */
    void applyContainerNamespace(String engineNamespace);

    /**
     * Creates the Container mirror with {@code spec.state=unknown} if absent, never writes {@code spec} of an
     * existing one (§4.5, S7), re-asserts the finalizer unless terminating (§4.4), and writes the status through
     * the status subresource only when it changed (§4.6).
     */
    void applyContainer(ContainerMirror mirror);

    /** Applies an Image mirror: finalizer (unless terminating) and status. */
    void applyImage(ImageMirror mirror);

    /** Applies a Volume mirror: finalizer (unless terminating) and status. */
    void applyVolume(VolumeMirror mirror);

    /**
     * Writes {@code status.usedBy} (and the derived {@code status.inUse}) of one existing Image or Volume mirror,
     * keeping the rest of its status, only when it differs (§4.6). An absent mirror is left alone: its own apply
     * carries the users then. Called when a container event changed who uses the image or volume.
     *
     * @param kind   {@link MirrorKind#IMAGE} or {@link MirrorKind#VOLUME}
     * @param usedBy Docker names of the users, sorted
     */
    void applyUsage(MirrorKind kind, String name, java.util.List<String> usedBy);

    /** Names of all mirrors of {@code kind} in R, read from the API server. */
    Set<String> listNames(MirrorKind kind);

    /** Names of the Image mirrors whose {@code status.id} equals {@code imageId} (a field-selector list). */
    Set<String> listImageNamesWithId(String imageId);

    /**
     * The {@code status.id} values of the Image mirrors whose {@code status.repoTag} equals {@code repoTag} (a
     * field-selector list). Used to find the image a tag moved away from, which Docker announces with no event.
     */
    Set<String> listImageIdsWithTag(String repoTag);

    /**
     * Engine-side removal (§7.4): on each attempt GET a fresh object (NotFound → done), strip the finalizer,
     * UPDATE (retrying on conflict); then DELETE, where NotFound is success. Only NotFound is ignored. Never
     * calls Docker (§7.5).
     */
    void remove(MirrorKind kind, String name);

    /** Dispatches to the apply method of the mirror's kind. */
    default void apply(Mirror mirror) {
        switch (mirror) {
            case ContainerMirror c -> applyContainer(c);
            case ImageMirror i -> applyImage(i);
            case VolumeMirror v -> applyVolume(v);
        }
    }
}
