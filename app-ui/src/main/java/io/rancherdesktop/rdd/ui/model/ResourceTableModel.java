package io.rancherdesktop.rdd.ui.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer.Batch;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The rows of one kind, keyed by {@link ResourceKeys}. Applies coalesced feed batches on the JavaFX thread: new
 * objects become rows (one list change per batch), changed objects update their existing row in place, deleted
 * objects drop their row. The item list reports in-place changes (its extractor watches each row's properties), so
 * sorted and filtered views re-evaluate a changed row.
 */
public final class ResourceTableModel<T extends HasMetadata> {
    private final Map<String, ResourceRow<T>> rows = new HashMap<>();
    private final ObservableList<ResourceRow<T>> items = FXCollections.observableArrayList(
            r -> new Observable[] {r.objectProperty(), r.warningProperty(), r.pendingProperty()});
    private final ObservableList<ResourceRow<T>> readOnlyItems = FXCollections.unmodifiableObservableList(items);
    private final List<Consumer<Batch<T>>> appliedListeners = new CopyOnWriteArrayList<>();

    /** All rows, in arrival order; wrap it in a {@code SortedList}/{@code FilteredList} for display. */
    public ObservableList<ResourceRow<T>> items() {
        return readOnlyItems;
    }

    public Optional<ResourceRow<T>> row(String key) {
        return Optional.ofNullable(rows.get(key));
    }

    public int size() {
        return rows.size();
    }

    /** Runs after each applied batch, on the JavaFX thread (benchmarks and dependent views use it). */
    public void onApplied(Consumer<Batch<T>> listener) {
        appliedListeners.add(listener);
    }

    /** Applies one batch; call on the JavaFX thread. */
    public void apply(Batch<T> batch) {
        List<ResourceRow<T>> added = new ArrayList<>();
        for (T object : batch.upserted()) {
            String key = ResourceKeys.of(object);
            ResourceRow<T> row = rows.get(key);
            if (row == null) {
                row = new ResourceRow<>(key, object);
                rows.put(key, row);
                added.add(row);
            } else if (!sameVersion(row.object(), object)) {
                row.update(object);
            }
        }
        Set<ResourceRow<T>> removed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (T object : batch.deleted()) {
            ResourceRow<T> row = rows.remove(ResourceKeys.of(object));
            if (row != null) {
                removed.add(row);
            }
        }
        if (!removed.isEmpty()) {
            items.removeIf(removed::contains);
        }
        if (!added.isEmpty()) {
            items.addAll(added);
        }
        appliedListeners.forEach(l -> l.accept(batch));
    }

    /** Sets the warning text of a row, if the row exists. */
    public void setWarning(String key, String text) {
        row(key).ifPresent(r -> r.setWarning(text));
    }

    /** Marks or clears a pending request on a row, if the row exists. */
    public void setPending(String key, String text) {
        row(key).ifPresent(r -> r.setPending(text));
    }

    /** A resync delivers the same object again; only a new resourceVersion is a change worth redrawing. */
    private static boolean sameVersion(HasMetadata a, HasMetadata b) {
        String va = a.getMetadata().getResourceVersion();
        return va != null && Objects.equals(va, b.getMetadata().getResourceVersion());
    }
}
