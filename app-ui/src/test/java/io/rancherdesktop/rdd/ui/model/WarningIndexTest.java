package io.rancherdesktop.rdd.ui.model;

import io.fabric8.kubernetes.api.model.Event;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer.Batch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.rancherdesktop.rdd.ui.fake.Objects.image;
import static io.rancherdesktop.rdd.ui.fake.Objects.terminating;
import static io.rancherdesktop.rdd.ui.fake.Objects.warning;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WarningIndexTest {
    private final ResourceTableModel<Container> containers = new ResourceTableModel<>();
    private final ResourceTableModel<Image> images = new ResourceTableModel<>();
    private final ResourceTableModel<Volume> volumes = new ResourceTableModel<>();
    private final WarningIndex index = new WarningIndex(Map.of(
            MirrorKind.CONTAINER, containers, MirrorKind.IMAGE, images, MirrorKind.VOLUME, volumes));

    private static <T> Batch<T> up(T t) {
        return new Batch<>(List.of(t), List.of());
    }

    @Test
    void theLatestWarningAboutAnImageExplainsWhyItsDeletionWaits() {
        Image busy = terminating(image("busybox:latest", 1000));
        images.apply(up(busy));
        index.apply(new Batch<>(List.of(
                warning("Image", busy.getMetadata().getName(), "EngineDeleteFailed", "conflict: image is being used by running container 1", "2026-11-28T11:00:01Z"),
                warning("Image", busy.getMetadata().getName(), "EngineDeleteFailed", "conflict: image is being used by running container 2", "2026-11-28T11:00:05Z")),
                List.of()));
        assertEquals("EngineDeleteFailed: conflict: image is being used by running container 2",
                images.row(ResourceKeys.of(busy)).orElseThrow().warning());
        assertEquals(2, index.warnings(MirrorKind.IMAGE, ResourceKeys.of(busy)).size());
    }

    @Test
    void aWarningThatArrivesBeforeItsObjectIsShownOnceTheRowAppears() {
        Image busy = image("alpine:3", 10);
        index.apply(up(warning("Image", busy.getMetadata().getName(), "EngineDeleteFailed", "in use", "2026-11-28T11:00:01Z")));
        images.apply(up(busy));
        assertEquals("EngineDeleteFailed: in use", images.row(ResourceKeys.of(busy)).orElseThrow().warning());
    }

    @Test
    void normalEventsAndEventsAboutOtherKindsAreIgnoredAndADeletedWarningClearsTheRow() {
        Image img = image("nginx:1", 10);
        images.apply(up(img));
        Event normal = warning("Image", img.getMetadata().getName(), "Pulled", "ok", "2026-11-28T11:00:01Z");
        normal.setType("Normal");
        index.apply(up(normal));
        index.apply(up(warning("Pod", img.getMetadata().getName(), "Failed", "x", "2026-11-28T11:00:01Z")));
        assertEquals("", images.row(ResourceKeys.of(img)).orElseThrow().warning());

        Event w = warning("Image", img.getMetadata().getName(), "EngineDeleteFailed", "in use", "2026-11-28T11:00:02Z");
        index.apply(up(w));
        index.apply(new Batch<>(List.of(), List.of(w)));
        assertEquals("", images.row(ResourceKeys.of(img)).orElseThrow().warning());
    }
}
