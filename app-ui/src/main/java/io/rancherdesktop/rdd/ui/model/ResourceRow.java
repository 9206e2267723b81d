package io.rancherdesktop.rdd.ui.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One row of a resource table: the latest state of one API object plus what the GUI knows about it beyond the
 * object itself. The row object stays the same while the API object changes, so table selection and focus survive
 * updates. Touched only on the JavaFX application thread.
 */
public final class ResourceRow<T extends HasMetadata> {
    private final String key;
    private final ReadOnlyObjectWrapper<T> object;
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper(this, "warning", "");
    private final ReadOnlyStringWrapper pending = new ReadOnlyStringWrapper(this, "pending", "");
    private ObjectBinding<RowView<T>> view;

    ResourceRow(String key, T object) {
        this.key = key;
        this.object = new ReadOnlyObjectWrapper<>(this, "object", object);
    }

    /**
     * A group header row (a Compose project) shown above its members: {@code object} is a stand-in the table's
     * columns can read (sorting by name puts the group where its name sorts), and {@link #setGroupSummary} changes it.
     */
    public static <T extends HasMetadata> ResourceRow<T> groupHeader(String group, T object) {
        return new ResourceRow<>(RowView.GROUP_KEY_PREFIX + group, object);
    }

    public boolean isGroupHeader() {
        return key.startsWith(RowView.GROUP_KEY_PREFIX);
    }

    /** A group header's stand-in object and summary of its members ("1/2 running"); redraws the header's cells. */
    public void setGroupSummary(T object, String summary) {
        if (!isGroupHeader()) {
            throw new IllegalStateException(key + " is not a group header");
        }
        this.object.set(object);
        pending.set(summary == null ? "" : summary);
    }

    /** {@code namespace/name}, or {@code name} for cluster-scoped objects. */
    public String key() {
        return key;
    }

    public T object() {
        return object.get();
    }

    public ReadOnlyObjectProperty<T> objectProperty() {
        return object.getReadOnlyProperty();
    }

    /**
     * The message of the latest Warning Event about this object (e.g. why a Terminating image waits:
     * {@code EngineDeleteFailed}), or empty.
     */
    public String warning() {
        return warning.get();
    }

    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** A request this GUI made and is waiting for (e.g. "starting"), or empty. */
    public String pending() {
        return pending.get();
    }

    public ReadOnlyStringProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /**
     * Everything a table cell shows about this row, as one value that changes whenever the object, the warning
     * or the pending request changes (cells redraw only when their value changes).
     */
    public ObjectBinding<RowView<T>> view() {
        if (view == null) {
            view = Bindings.createObjectBinding(() -> new RowView<>(key, object.get(), warning.get(), pending.get()),
                    object, warning, pending);
        }
        return view;
    }

    void update(T next) {
        object.set(next);
    }

    void setWarning(String text) {
        warning.set(text == null ? "" : text);
    }

    void setPending(String text) {
        pending.set(text == null ? "" : text);
    }

    @Override
    public String toString() {
        return "ResourceRow[" + key + "]";
    }
}
