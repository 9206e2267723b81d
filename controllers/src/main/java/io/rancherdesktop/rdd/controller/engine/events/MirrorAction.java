package io.rancherdesktop.rdd.controller.engine.events;

import io.rancherdesktop.rdd.api.MirrorKind;
import java.util.Objects;

/** What a Docker event asks the mirror side to do (docs/design/mirroring-rules.md §5). */
public sealed interface MirrorAction {

    /** 5.1: inspect the container and apply its mirror; NotFound is a no-op. */
    record ApplyContainer(String containerId) implements MirrorAction {
        public ApplyContainer {
            requireText(containerId, "containerId");
        }
    }

    /** 5.2: engine-side removal of the mirror named by the container ID. */
    record RemoveContainer(String containerId) implements MirrorAction {
        public RemoveContainer {
            requireText(containerId, "containerId");
        }
    }

    /**
     * 5.3: reconcile by image: inspect {@code imageRef} (an ID, or the reference a {@code pull} event carries);
     * if NotFound do 5.4, else apply one mirror per current tag and remove the image's other mirrors.
     */
    record ReconcileImage(String imageRef) implements MirrorAction {
        public ReconcileImage {
            requireText(imageRef, "imageRef");
        }
    }

    /** 5.4: remove every mirror whose {@code status.id} is {@code imageId}. */
    record RemoveImagesById(String imageId) implements MirrorAction {
        public RemoveImagesById {
            requireText(imageId, "imageId");
        }
    }

    /** 5.5: inspect the volume and apply its mirror. */
    record ApplyVolume(String volumeName) implements MirrorAction {
        public ApplyVolume {
            requireText(volumeName, "volumeName");
        }
    }

    /** 5.6: engine-side removal of {@code vol-<hash(name)>}. */
    record RemoveVolume(String volumeName) implements MirrorAction {
        public RemoveVolume {
            requireText(volumeName, "volumeName");
        }
    }

    /**
     * An engine operation removed objects of {@code kind} without an event per object (Docker 20.10 reports
     * {@code docker volume prune} as one volume {@code prune} event and no {@code destroy}): list the kind and
     * apply and prune its mirrors, as the full sync does for that kind. Bursts are coalesced by the watcher.
     */
    record ResyncKind(MirrorKind kind) implements MirrorAction {
        public ResyncKind {
            Objects.requireNonNull(kind, "kind");
        }
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
