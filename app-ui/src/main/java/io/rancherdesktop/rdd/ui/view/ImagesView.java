package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageStatus;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.ui.model.DeleteRequests;
import io.rancherdesktop.rdd.ui.model.ImageFacts;
import io.rancherdesktop.rdd.ui.model.MirrorFacts;
import io.rancherdesktop.rdd.ui.model.ResourceRow;
import io.rancherdesktop.rdd.ui.model.ResourceTableModel;
import io.rancherdesktop.rdd.ui.model.RowView;
import io.rancherdesktop.rdd.ui.model.WarningIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The Images tab: one row per tag (or dangling image), delete with confirmation, Terminating with its reason. */
public final class ImagesView {
    private final MirrorTable<Image> table;
    private final WarningIndex warnings;
    private final DeleteRequests deletes;

    private final java.util.function.Function<String, String> containerState;

    /** @param containerState a container's state by its Docker name ("exited (0)"), for the users a delete dialog lists */
    public ImagesView(ResourceTableModel<Image> model, DeleteRequests deletes, WarningIndex warnings,
                      java.util.function.Function<String, String> containerState) {
        this.containerState = containerState;
        this.warnings = warnings;
        this.deletes = deletes;
        table = new MirrorTable<>(MirrorKind.IMAGE, model, ImageFacts::searchText, this::details);
        table.addColumn("Tag", 16, v -> ImageFacts.tag(v.object()), null);
        table.addColumn("Image ID", 10, v -> ImageFacts.shortId(v.object()), null);
        table.addColumn("Size", 6, v -> ImageFacts.size(v.object()),
                Comparator.comparingLong(v -> ImageFacts.sizeBytes(v.object())));
        table.addTimeColumn("Created", 9.5, v -> v.object().getStatus() == null ? null : v.object().getStatus().getCreatedAt());
        table.addColumn("Users", 5.5, v -> String.valueOf(ImageFacts.usedBy(v.object()).size()),
                Comparator.comparingInt(v -> ImageFacts.usedBy(v.object()).size()));
        table.addColumn("Used by", 14, v -> String.join(", ", ImageFacts.usedBy(v.object())), null);
        // Why a Terminating image waits: a warning icon beside the state, its text in the tooltip and the details.
        table.addColumn("State", 8, v -> ImageFacts.state(v.object()), null, null, ImagesView::message, null);
        table.addAction("_Delete", "delete", v -> !v.terminating(), this::confirmAndDelete);
        table.setEmptyText("No images. Images appear here when the engine runs (docker pull, docker build …).");
    }

    public MirrorTable<Image> table() {
        return table;
    }

    public void deleteSelected() {
        List<ResourceRow<Image>> rows = table.selected().stream().filter(r -> !r.view().get().terminating()).toList();
        if (!rows.isEmpty()) {
            confirmAndDelete(rows);
        }
    }

    private void confirmAndDelete(List<ResourceRow<Image>> rows) {
        DeleteConfirmation.show(table.node(), MirrorKind.IMAGE, rows, new DeleteConfirmation.Describe<>(
                i -> ImageFacts.tag(i) + " (" + ImageFacts.shortId(i) + ")", ImageFacts::usedBy, containerState), deletes);
    }

    private String withState(String user) {
        String st = containerState.apply(user);
        return st == null || st.isEmpty() ? user : user + " (" + st + ")";
    }

    /** Why a Terminating image waits (e.g. EngineDeleteFailed: the image is in use), else nothing. */
    static String message(RowView<Image> v) {
        if (v.terminating()) {
            return v.warning().isEmpty() ? "waiting for the engine to remove it" : v.warning();
        }
        return "";
    }

    private List<DetailSection> details(RowView<Image> v) {
        Image i = v.object();
        ImageStatus s = i.getStatus() == null ? new ImageStatus() : i.getStatus();
        List<DetailSection> sections = new ArrayList<>();
        sections.add(new DetailSection("Image", List.of(
                DetailSection.line("Tag", ImageFacts.tag(i)),
                DetailSection.line("ID", s.getId()),
                DetailSection.line("Digests", s.getRepoDigests() == null ? "" : String.join(", ", s.getRepoDigests())),
                DetailSection.line("Size", ImageFacts.size(i) + (s.getSize() == null ? "" : " (" + s.getSize() + " bytes)")),
                DetailSection.line("Platform", ImageFacts.platform(i)),
                DetailSection.line("Created", ImageFacts.created(i)),
                DetailSection.line("Used by", String.join(", ", ImageFacts.usedBy(i).stream().map(this::withState).toList())),
                DetailSection.line("Engine namespace", s.getNamespace()),
                DetailSection.line("Object", i.getMetadata().getName()))));
        sections.add(new DetailSection("Labels", ContainersView.labelLines(s.getLabels())));
        sections.add(new DetailSection("Conditions", MirrorFacts.conditions(s.getConditions()).stream()
                .map(line -> DetailSection.line("", line)).toList()));
        DetailSection lifecycle = ContainersView.lifecycle(v, warnings.warnings(MirrorKind.IMAGE, v.key()).stream().map(WarningIndex::text).toList());
        // For a Terminating object, why it waits is the first thing to read.
        sections.add(v.terminating() ? 0 : sections.size(), lifecycle);
        return sections;
    }
}
