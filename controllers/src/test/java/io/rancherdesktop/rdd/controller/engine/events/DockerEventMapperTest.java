package io.rancherdesktop.rdd.controller.engine.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.model.Event;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.EventType;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The §5 table of docs/design/mirroring-rules.md. */
class DockerEventMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** An event as dockerd 20.10 streams it. */
    private static Event event(EventType type, String action, String actorId) {
        Map<String, Object> actor = new java.util.HashMap<>(Map.of("Attributes", Map.of("name", "x")));
        actor.put("ID", actorId);
        Map<String, Object> e = Map.of("Type", type.getValue(), "Action", action, "Actor", actor,
                "scope", "local", "time", 1714557600L, "timeNano", 1714557600000000042L);
        return JSON.convertValue(e, Event.class);
    }

    private static Optional<MirrorAction> expected(String kind, String id) {
        return Optional.ofNullable(switch (kind) {
            case "ApplyContainer" -> new MirrorAction.ApplyContainer(id);
            case "RemoveContainer" -> new MirrorAction.RemoveContainer(id);
            case "ReconcileImage" -> new MirrorAction.ReconcileImage(id);
            case "RemoveImagesById" -> new MirrorAction.RemoveImagesById(id);
            case "ApplyVolume" -> new MirrorAction.ApplyVolume(id);
            case "RemoveVolume" -> new MirrorAction.RemoveVolume(id);
            default -> null;
        });
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "CONTAINER,create,ApplyContainer", "CONTAINER,start,ApplyContainer", "CONTAINER,stop,ApplyContainer",
        "CONTAINER,die,ApplyContainer", "CONTAINER,pause,ApplyContainer", "CONTAINER,unpause,ApplyContainer",
        "CONTAINER,restart,ApplyContainer", "CONTAINER,rename,ApplyContainer", "CONTAINER,destroy,RemoveContainer",
        "CONTAINER,kill,none", "CONTAINER,attach,none", "CONTAINER,exec_create: sh,none", "CONTAINER,health_status: healthy,ApplyContainer",
        "CONTAINER,health_status: unhealthy,ApplyContainer",
        "IMAGE,pull,ReconcileImage", "IMAGE,import,ReconcileImage", "IMAGE,load,ReconcileImage", "IMAGE,tag,ReconcileImage",
        "IMAGE,untag,ReconcileImage", "IMAGE,delete,RemoveImagesById", "IMAGE,save,none", "IMAGE,push,none",
        "VOLUME,create,ApplyVolume", "VOLUME,destroy,RemoveVolume", "VOLUME,mount,none", "VOLUME,unmount,none",
        "NETWORK,create,none", "DAEMON,reload,none",
    })
    void mapsEachEventToItsAction(EventType type, String action, String kind) {
        assertEquals(expected(kind, "the-id"), DockerEventMapper.map(event(type, action, "the-id")));
    }

    @ParameterizedTest
    @CsvSource({"CONTAINER,destroy", "VOLUME,create", "IMAGE,delete"})
    void eventsWithoutAnActorIdMapToNothing(EventType type, String action) {
        assertEquals(Optional.empty(), DockerEventMapper.map(event(type, action, null)));
        assertEquals(Optional.empty(), DockerEventMapper.map(event(type, action, "")));
    }

    @ParameterizedTest
    @CsvSource({"container,die,ApplyContainer", "image,untag,ReconcileImage"})
    void legacyStatusAndIdFieldsAreUnderstood(String type, String status, String kind) {
        Event legacy = new Event(status, "legacy-id", "busybox", 1L).withType(EventType.forValue(type));
        assertEquals(expected(kind, "legacy-id"), DockerEventMapper.map(legacy));
    }

    /**
     * Issue 14: dockerd 20.10 reports {@code docker volume prune} as one volume {@code prune} event without an
     * actor ID and no {@code destroy} per volume, so it asks for a resync of the volumes; container and image
     * prunes send an event per object, so their summary needs nothing.
     */
    @ParameterizedTest(name = "{0} prune -> {1}")
    @CsvSource({"VOLUME,VOLUME", "CONTAINER,none", "IMAGE,none"})
    void aVolumePruneAsksForAResyncOfTheVolumesOtherPrunesNeedNothing(EventType type, String resync) {
        Optional<MirrorAction> want = resync.equals("none") ? Optional.empty()
                : Optional.of(new MirrorAction.ResyncKind(io.rancherdesktop.rdd.api.MirrorKind.valueOf(resync)));
        assertEquals(want, DockerEventMapper.map(event(type, "prune", "")));
        assertEquals(want, DockerEventMapper.map(event(type, "prune", null)));
    }

    @org.junit.jupiter.api.Test
    void anEventWithoutATypeMapsToNothing() {
        assertEquals(Optional.empty(), DockerEventMapper.map(new Event("start", "id", null, 0L)));
        assertEquals(Optional.empty(), DockerEventMapper.map(null));
    }
}
