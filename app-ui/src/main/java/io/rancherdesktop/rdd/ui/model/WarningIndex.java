package io.rancherdesktop.rdd.ui.model;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer.Batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Warning Events about mirrored objects, by object. The latest one becomes the row's
 * {@linkplain ResourceRow#warning() warning}, which is how the GUI explains why a Terminating object waits
 * (e.g. {@code EngineDeleteFailed: … image is being used by running container …}). JavaFX thread only.
 */
public final class WarningIndex {
    private final Map<MirrorKind, ResourceTableModel<?>> models;
    /** (kind, object key) → event key → event. */
    private final Map<String, Map<String, Event>> byObject = new HashMap<>();

    public WarningIndex(Map<MirrorKind, ResourceTableModel<?>> models) {
        this.models = Map.copyOf(models);
        // An event may arrive before its object's row: give new rows the warnings already known.
        models.forEach((kind, model) -> model.onApplied(batch -> refresh(kind, model, batch)));
    }

    private void refresh(MirrorKind kind, ResourceTableModel<?> model, Batch<?> batch) {
        for (Object o : batch.upserted()) {
            String key = ResourceKeys.of((HasMetadata) o);
            latest(kind, key).ifPresent(e -> model.setWarning(key, text(e)));
        }
    }

    /** Applies a batch of Events (all types; only Warnings about mirror kinds count). */
    public void apply(Batch<Event> batch) {
        List<String[]> touched = new ArrayList<>();
        for (Event e : batch.upserted()) {
            target(e).ifPresent(t -> {
                byObject.computeIfAbsent(t[0] + "|" + t[1], k -> new LinkedHashMap<>()).put(ResourceKeys.of(e), e);
                touched.add(t);
            });
        }
        for (Event e : batch.deleted()) {
            target(e).ifPresent(t -> {
                Map<String, Event> events = byObject.get(t[0] + "|" + t[1]);
                if (events != null) {
                    events.remove(ResourceKeys.of(e));
                    if (events.isEmpty()) {
                        byObject.remove(t[0] + "|" + t[1]);
                    }
                }
                touched.add(t);
            });
        }
        for (String[] t : touched) {
            MirrorKind kind = MirrorKind.valueOf(t[0]);
            ResourceTableModel<?> model = models.get(kind);
            if (model != null) {
                model.setWarning(t[1], latest(kind, t[1]).map(WarningIndex::text).orElse(""));
            }
        }
    }

    /** All Warning Events about one object, oldest first. */
    public List<Event> warnings(MirrorKind kind, String objectKey) {
        Map<String, Event> events = byObject.get(kind.name() + "|" + objectKey);
        if (events == null) {
            return List.of();
        }
        return events.values().stream().sorted(Comparator.comparing(WarningIndex::when)).toList();
    }

    private Optional<Event> latest(MirrorKind kind, String objectKey) {
        List<Event> all = warnings(kind, objectKey);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /** "Reason: message". */
    public static String text(Event e) {
        String reason = e.getReason() == null ? "" : e.getReason();
        String message = e.getMessage() == null ? "" : e.getMessage();
        return reason.isEmpty() ? message : reason + ": " + message;
    }

    /** [kind name, object key] of a Warning about a mirror kind. */
    private static Optional<String[]> target(Event e) {
        if (!"Warning".equals(e.getType()) || e.getInvolvedObject() == null) {
            return Optional.empty();
        }
        ObjectReference ref = e.getInvolvedObject();
        for (MirrorKind kind : MirrorKind.values()) {
            if (kind.kind().equals(ref.getKind()) && ref.getName() != null) {
                String ns = ref.getNamespace() != null ? ref.getNamespace() : e.getMetadata().getNamespace();
                return Optional.of(new String[] {kind.name(), ResourceKeys.of(ns, ref.getName())});
            }
        }
        return Optional.empty();
    }

    /** Sort key: the last time the event was seen, in RFC 3339 (string order is time order for UTC 'Z' times). */
    private static String when(Event e) {
        if (e.getLastTimestamp() != null) {
            return e.getLastTimestamp();
        }
        if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
            return e.getEventTime().getTime();
        }
        if (e.getFirstTimestamp() != null) {
            return e.getFirstTimestamp();
        }
        String created = e.getMetadata().getCreationTimestamp();
        return created == null ? "" : created;
    }
}
