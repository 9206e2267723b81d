package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerPort;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.LastAction;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.ui.model.ContainerFacts;
import io.rancherdesktop.rdd.ui.model.ContainerFacts.Action;
import io.rancherdesktop.rdd.ui.model.ContainerRequests;
import io.rancherdesktop.rdd.ui.model.DeleteRequests;
import io.rancherdesktop.rdd.ui.model.ImageCatalog;
import io.rancherdesktop.rdd.ui.model.MirrorFacts;
import io.rancherdesktop.rdd.ui.model.ResourceRow;
import io.rancherdesktop.rdd.ui.model.ResourceTableModel;
import io.rancherdesktop.rdd.ui.model.RowView;
import io.rancherdesktop.rdd.ui.model.WarningIndex;
import javafx.scene.control.Button;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import org.controlsfx.control.ToggleSwitch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The Containers tab: a running toggle and a pause/resume button per row, bulk start/stop/pause/resume/delete. */
public final class ContainersView {
    private final MirrorTable<Container> table;
    private final ContainerRequests requests;
    private final ImageCatalog images;
    private final WarningIndex warnings;
    private final DeleteRequests deletes;

    public ContainersView(ResourceTableModel<Container> model, ContainerRequests requests, DeleteRequests deletes,
                          ImageCatalog images, WarningIndex warnings) {
        this.requests = requests;
        this.images = images;
        this.warnings = warnings;
        this.deletes = deletes;
        table = new MirrorTable<>(MirrorKind.CONTAINER, model, c -> ContainerFacts.searchText(c, images), this::details);

        table.addColumn(runningColumn());
        table.addColumn("Name", 13, v -> ContainerFacts.name(v.object()), null);
        table.addColumn("Image", 13, v -> ContainerFacts.image(v.object(), images), null);
        table.addColumn("State", 8, ContainersView::stateText, null, ContainersView::dotStyle);
        table.addColumn(pauseColumn());
        table.addColumn("Ports", 12, v -> ContainerFacts.ports(v.object()), null);
        table.addColumn("Created", 13, v -> MirrorFacts.localTime(status(v).getCreatedAt()), null);
        table.addColumn("Message", 10, ContainersView::message, null);

        table.addAction("_Start", "start", v -> canDo(v, Action.START), rows -> requests.request(rows, Action.START));
        table.addAction("S_top", "stop", v -> canDo(v, Action.STOP), rows -> requests.request(rows, Action.STOP));
        table.addAction("_Pause", "pause", v -> canDo(v, Action.PAUSE), rows -> requests.request(rows, Action.PAUSE));
        table.addAction("_Resume", "resume", v -> canDo(v, Action.RESUME), rows -> requests.request(rows, Action.RESUME));
        table.addAction("_Delete", "delete", v -> !v.terminating(), this::confirmAndDelete);
        table.setEmptyText("No containers. Containers appear here when the engine runs (docker run …).");
    }

    public MirrorTable<Container> table() {
        return table;
    }

    /** Deletes the selected containers after confirmation (the Delete key). */
    public void deleteSelected() {
        List<ResourceRow<Container>> rows = table.selected().stream().filter(r -> !r.view().get().terminating()).toList();
        if (!rows.isEmpty()) {
            confirmAndDelete(rows);
        }
    }

    private void confirmAndDelete(List<ResourceRow<Container>> rows) {
        DeleteConfirmation.show(table.node(), MirrorKind.CONTAINER, rows,
                new DeleteConfirmation.Describe<>(c -> ContainerFacts.name(c) + "  (" + ContainerFacts.state(c) + ")",
                        c -> List.of(), n -> ""), deletes);
    }

    private static boolean canDo(RowView<Container> v, Action action) {
        return v.pending().isEmpty() && ContainerFacts.actions(v.object()).contains(action);
    }

    private static ContainerStatus status(RowView<Container> v) {
        return v.object().getStatus() == null ? new ContainerStatus() : v.object().getStatus();
    }

    /** The status dot of a row: running green, paused or changing amber, stopped grey, dead or Terminating red. */
    static String dotStyle(RowView<Container> v) {
        if (v.terminating()) {
            return "dot-error";
        }
        return switch (ContainerFacts.runStatus(v.object())) {
            case RUNNING -> "dot-running";
            case PAUSED, PAUSING, RESTARTING, REMOVING -> "dot-changing";
            case DEAD -> "dot-error";
            default -> "dot-stopped";
        };
    }

    static String stateText(RowView<Container> v) {
        String state = ContainerFacts.state(v.object());
        return v.pending().isEmpty() ? state : state + " → " + v.pending() + "…";
    }

    /** Why a Terminating container waits, else the last failed request, else the engine's error. */
    static String message(RowView<Container> v) {
        if (v.terminating() && !v.warning().isEmpty()) {
            return v.warning();
        }
        Optional<String> failed = ContainerFacts.lastActionError(v.object());
        if (failed.isPresent()) {
            return failed.get();
        }
        String error = status(v).getError();
        return error == null ? "" : error;
    }

    private TableColumn<ResourceRow<Container>, RowView<Container>> runningColumn() {
        TableColumn<ResourceRow<Container>, RowView<Container>> column = new TableColumn<>("Running");
        column.setId("containers-col-running");
        column.setPrefWidth(70);
        column.setStyle("-fx-alignment: center;");
        column.setComparator(Comparator.comparing(v -> ContainerFacts.toggleAction(v.object()) == Action.START));
        column.setCellFactory(c -> new TableCell<>() {
            private final ToggleSwitch toggle = new ToggleSwitch();
            private boolean updating;

            {
                toggle.getStyleClass().add("running-toggle");
                toggle.setFocusTraversable(false);
                toggle.selectedProperty().addListener((obs, was, now) -> {
                    if (updating || getTableRow() == null || getTableRow().getItem() == null) {
                        return;
                    }
                    ResourceRow<Container> row = getTableRow().getItem();
                    requests.request(row, now ? Action.START : Action.STOP);
                });
            }

            @Override
            protected void updateItem(RowView<Container> item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                updating = true;
                try {
                    boolean running = ContainerFacts.toggleAction(item.object()) == Action.STOP;
                    toggle.setSelected(running);
                    toggle.setDisable(item.terminating() || !item.pending().isEmpty() || !table.isLive());
                    String name = ContainerFacts.name(item.object());
                    toggle.setAccessibleText((running ? "Stop " : "Start ") + name);
                    toggle.setId("toggle-" + name);
                } finally {
                    updating = false;
                }
                setGraphic(toggle);
            }
        });
        return column;
    }

    private TableColumn<ResourceRow<Container>, RowView<Container>> pauseColumn() {
        TableColumn<ResourceRow<Container>, RowView<Container>> column = new TableColumn<>("Pause");
        column.setId("containers-col-pause");
        column.setPrefWidth(96);
        column.setMinWidth(96);
        column.setStyle("-fx-alignment: center;");
        column.setSortable(false);
        column.setCellFactory(c -> new TableCell<>() {
            private final Button button = new Button();

            {
                button.getStyleClass().add("row-button");
                // Never cut to "Resu…"; and Tab moves between controls, not through every row's buttons (the
                // bulk buttons and Alt+P/Alt+R act on the selected rows from the keyboard).
                button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                button.setFocusTraversable(false);
                button.setOnAction(e -> {
                    ResourceRow<Container> row = getTableRow() == null ? null : getTableRow().getItem();
                    if (row != null) {
                        ContainerFacts.pauseAction(row.object()).ifPresent(a -> requests.request(row, a));
                    }
                });
            }

            @Override
            protected void updateItem(RowView<Container> item, boolean empty) {
                super.updateItem(item, empty);
                Optional<Action> action = empty || item == null || item.terminating()
                        ? Optional.empty() : ContainerFacts.pauseAction(item.object());
                if (action.isEmpty()) {
                    setGraphic(null);
                    return;
                }
                String name = ContainerFacts.name(item.object());
                button.setText(action.get().label());
                button.setId(action.get().label().toLowerCase() + "-" + name);
                button.setAccessibleText(action.get().label() + " " + name);
                button.setDisable(!item.pending().isEmpty() || !table.isLive());
                setGraphic(button);
            }
        });
        return column;
    }

    private List<DetailSection> details(RowView<Container> v) {
        Container c = v.object();
        ContainerStatus s = status(v);
        List<DetailSection> sections = new ArrayList<>();
        DetailSection lifecycle = lifecycle(v, warnings.warnings(MirrorKind.CONTAINER, v.key()).stream().map(WarningIndex::text).toList());
        if (v.terminating()) {
            sections.add(lifecycle);
        }
        sections.add(new DetailSection("Container", List.of(
                DetailSection.line("Name", ContainerFacts.name(c)),
                DetailSection.line("ID", c.getMetadata().getName()),
                DetailSection.line("Image", ContainerFacts.image(c, images) + (s.getImage() == null ? "" : "  (" + s.getImage() + ")")),
                DetailSection.line("Command", ContainerFacts.command(c)),
                DetailSection.line("State", stateText(v)),
                DetailSection.line("Engine namespace", s.getNamespace()),
                DetailSection.line("PID", s.getPid() == null ? "" : s.getPid().toString()),
                DetailSection.line("Exit code", s.getExitCode() == null ? "" : s.getExitCode().toString()),
                DetailSection.line("Created", MirrorFacts.localTime(s.getCreatedAt())),
                DetailSection.line("Started", MirrorFacts.localTime(s.getStartedAt())),
                DetailSection.line("Finished", MirrorFacts.localTime(s.getFinishedAt())),
                DetailSection.line("Error", s.getError()))));
        LastAction a = s.getLastAction();
        if (a != null) {
            sections.add(new DetailSection("Last request", List.of(
                    DetailSection.line("Request", requestWord(a.getAction())),
                    DetailSection.line("Outcome", a.getState() == null ? "" : a.getState().value()),
                    DetailSection.line("Error", a.getError()),
                    DetailSection.line("Completed", MirrorFacts.localTime(a.getCompletedAt())))));
        }
        List<DetailSection.Line> ports = new ArrayList<>();
        for (ContainerPort p : s.getPorts() == null ? List.<ContainerPort>of() : s.getPorts()) {
            String bindings = p.getBindings() == null || p.getBindings().isEmpty() ? "not published"
                    : String.join(", ", p.getBindings().stream().map(b -> b.getHostIP() + ":" + b.getHostPort()).toList());
            ports.add(DetailSection.line(p.getName(), bindings));
        }
        sections.add(new DetailSection("Ports", ports));
        sections.add(new DetailSection("Labels", labelLines(s.getLabels())));
        sections.add(new DetailSection("Conditions", MirrorFacts.conditions(s.getConditions()).stream()
                .map(line -> DetailSection.line(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)))
                .toList()));
        if (!v.terminating()) {
            sections.add(lifecycle);
        }
        return sections;
    }

    /** What a person asked for, in their words: {@code created} is a stop, {@code running} a start or resume. */
    static String requestWord(io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState s) {
        if (s == null) {
            return "";
        }
        return switch (s) {
            case RUNNING -> "start";
            case CREATED -> "stop";
            case PAUSED -> "pause";
            default -> s.value();
        };
    }

    /** A finalizer in words: what the object waits for. */
    static String finalizerWords(String finalizer) {
        return switch (finalizer) {
            case "engine.rancherdesktop.io/mirror" -> "the engine to remove it";
            default -> finalizer;
        };
    }

    static List<DetailSection.Line> labelLines(Map<String, String> labels) {
        if (labels == null) {
            return List.of();
        }
        return new TreeMap<>(labels).entrySet().stream().map(e -> DetailSection.line(e.getKey(), e.getValue())).toList();
    }

    /** Deletion state, finalizers and warnings: why an object is still here. */
    static DetailSection lifecycle(RowView<?> v, List<String> warningTexts) {
        List<DetailSection.Line> lines = new ArrayList<>();
        var meta = v.object().getMetadata();
        if (meta.getDeletionTimestamp() != null) {
            lines.add(DetailSection.line("Terminating since", MirrorFacts.localTime(meta.getDeletionTimestamp())));
            lines.add(DetailSection.line("Waiting for", meta.getFinalizers() == null || meta.getFinalizers().isEmpty()
                    ? "nothing" : String.join(", ", meta.getFinalizers().stream().map(ContainersView::finalizerWords).toList())));
        }
        for (String w : warningTexts) {
            lines.add(DetailSection.line("Warning", w));
        }
        return new DetailSection("Lifecycle", lines);
    }
}
