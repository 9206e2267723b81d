package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeStatus;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.ui.model.DeleteRequests;
import io.rancherdesktop.rdd.ui.model.ResourceRow;
import io.rancherdesktop.rdd.ui.model.ResourceTableModel;
import io.rancherdesktop.rdd.ui.model.RowView;
import io.rancherdesktop.rdd.ui.model.VolumeFacts;
import io.rancherdesktop.rdd.ui.model.WarningIndex;

import java.util.ArrayList;
import java.util.List;

/** The Volumes tab. */
public final class VolumesView {
    private final MirrorTable<Volume> table;
    private final WarningIndex warnings;
    private final DeleteRequests deletes;

    private final java.util.function.Function<String, String> containerState;

    /** @param containerState a container's state by its Docker name ("exited (0)"), for the users a delete dialog lists */
    public VolumesView(ResourceTableModel<Volume> model, DeleteRequests deletes, WarningIndex warnings,
                       java.util.function.Function<String, String> containerState) {
        this.containerState = containerState;
        this.warnings = warnings;
        this.deletes = deletes;
        table = new MirrorTable<>(MirrorKind.VOLUME, model, VolumeFacts::searchText, this::details);
        table.addColumn("Name", 16, v -> VolumeFacts.name(v.object()), null);
        table.addColumn("Driver", 6, v -> VolumeFacts.driver(v.object()), null);
        table.addColumn("Mount point", 22, v -> VolumeFacts.mountpoint(v.object()), null);
        table.addTimeColumn("Created", 9.5, v -> v.object().getStatus() == null ? null : v.object().getStatus().getCreatedAt());
        table.addColumn("Users", 5.5, v -> String.valueOf(VolumeFacts.usedBy(v.object()).size()),
                java.util.Comparator.comparingInt(v -> VolumeFacts.usedBy(v.object()).size()));
        table.addColumn("Used by", 12, v -> String.join(", ", VolumeFacts.usedBy(v.object())), null);
        // Why a Terminating volume waits: a warning icon beside the state, its text in the tooltip and the details.
        table.addColumn("State", 7, v -> VolumeFacts.state(v.object()), null, null, v -> v.terminating() ? v.warning() : "", null);
        table.addAction("_Delete", "delete", v -> !v.terminating(), this::confirmAndDelete);
        table.setEmptyText("No volumes. Volumes appear here when the engine runs (docker volume create …).");
    }

    public MirrorTable<Volume> table() {
        return table;
    }

    public void deleteSelected() {
        List<ResourceRow<Volume>> rows = table.selected().stream().filter(r -> !r.view().get().terminating()).toList();
        if (!rows.isEmpty()) {
            confirmAndDelete(rows);
        }
    }

    private void confirmAndDelete(List<ResourceRow<Volume>> rows) {
        DeleteConfirmation.show(table.node(), MirrorKind.VOLUME, rows, new DeleteConfirmation.Describe<>(
                VolumeFacts::name, VolumeFacts::usedBy, containerState), deletes);
    }

    private List<DetailSection> details(RowView<Volume> v) {
        Volume vol = v.object();
        VolumeStatus s = vol.getStatus() == null ? new VolumeStatus() : vol.getStatus();
        List<DetailSection> sections = new ArrayList<>();
        sections.add(new DetailSection("Volume", List.of(
                DetailSection.line("Name", VolumeFacts.name(vol)),
                DetailSection.line("Driver", VolumeFacts.driver(vol)),
                DetailSection.line("Mount point", VolumeFacts.mountpoint(vol)),
                DetailSection.line("Scope", s.getScope()),
                DetailSection.line("Created", VolumeFacts.created(vol)),
                DetailSection.line("Used by", String.join(", ", VolumeFacts.usedBy(vol))),
                DetailSection.line("Engine namespace", s.getNamespace()),
                DetailSection.line("Object", vol.getMetadata().getName()))));
        sections.add(new DetailSection("Options", ContainersView.labelLines(s.getOptions())));
        sections.add(new DetailSection("Labels", ContainersView.labelLines(s.getLabels())));
        DetailSection lifecycle = ContainersView.lifecycle(v, warnings.warnings(MirrorKind.VOLUME, v.key()).stream().map(WarningIndex::text).toList());
        // For a Terminating object, why it waits is the first thing to read.
        sections.add(v.terminating() ? 0 : sections.size(), lifecycle);
        return sections;
    }
}
