package io.rancherdesktop.rdd.controller.engine.events;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.rancherdesktop.rdd.api.MirrorKind;
import java.util.Optional;
import java.util.Set;

/**
 * Maps one Docker event to its §5 action (docs/design/mirroring-rules.md §5.1–5.7). A container's
 * {@code health_status: …} (sent when the HEALTHCHECK status changes, not per probe) re-applies it like §5.1, so
 * {@code status.health} follows. Events that carry no action (5.7: other types, {@code exec_*}, volume
 * {@code mount}, …) map to empty, as do events without the object's ID, which no action could use.
 *
 * <p>{@code prune} events carry no object ID. Container and image prunes also send a {@code destroy}/{@code delete}
 * per removed object, so their summary event needs nothing; a volume prune (Docker 20.10) sends no per-volume
 * {@code destroy}, so its summary maps to {@link MirrorAction.ResyncKind} of the volumes.
 */
public final class DockerEventMapper {
    private static final Set<String> CONTAINER_APPLY =
            Set.of("create", "start", "stop", "die", "pause", "unpause", "restart", "rename");
    /** Docker's action is {@code health_status: healthy} (or {@code unhealthy}, {@code starting}). */
    private static final String HEALTH_STATUS = "health_status";
    private static final Set<String> IMAGE_RECONCILE = Set.of("pull", "import", "load", "tag", "untag");

    private DockerEventMapper() {
    }

    public static Optional<MirrorAction> map(Event event) {
        if (event == null || event.getType() == null) {
            return Optional.empty();
        }
        String action = action(event);
        if (event.getType() == EventType.VOLUME && "prune".equals(action)) {
            return Optional.of(new MirrorAction.ResyncKind(MirrorKind.VOLUME));
        }
        String id = actorId(event);
        if (action == null || id == null || id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(map(event.getType(), action, id));
    }

    private static MirrorAction map(EventType type, String action, String id) {
        return switch (type) {
            case CONTAINER -> CONTAINER_APPLY.contains(action) || action.startsWith(HEALTH_STATUS)
                    ? new MirrorAction.ApplyContainer(id)
                    : action.equals("destroy") ? new MirrorAction.RemoveContainer(id) : null;
            case IMAGE -> IMAGE_RECONCILE.contains(action) ? new MirrorAction.ReconcileImage(id)
                    : action.equals("delete") ? new MirrorAction.RemoveImagesById(id) : null;
            case VOLUME -> switch (action) {
                case "create" -> new MirrorAction.ApplyVolume(id);
                case "destroy" -> new MirrorAction.RemoveVolume(id);
                default -> null;
            };
            default -> null;
        };
    }

    /** {@code Action}, falling back to the legacy {@code status} field of old engines. */
    private static String action(Event event) {
        return event.getAction() != null ? event.getAction() : event.getStatus();
    }

    /** {@code Actor.ID}, falling back to the legacy top-level {@code id}. */
    private static String actorId(Event event) {
        if (event.getActor() != null && event.getActor().getId() != null) {
            return event.getActor().getId();
        }
        return event.getId();
    }
}
