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
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import org.controlsfx.control.ToggleSwitch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Containers tab: a running toggle and an actions column (start/stop, pause/resume, delete; the container tools
 * add restart, logs and terminal) per row, bulk start/stop/pause/resume/delete, and containers of a Compose project
 * ({@value #COMPOSE_PROJECT}) grouped under a header row with group start, stop and delete.
 */
public final class ContainersView {
    /** The label Docker Compose puts on the containers of a project. */
    public static final String COMPOSE_PROJECT = "com.docker.compose.project";
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
        table.addColumn("Name", 12, v -> v.group() ? v.groupName() : ContainerFacts.name(v.object()), null);
        table.addColumn("Image", 10, v -> v.group() ? "Compose" : ContainerFacts.image(v.object(), images), null);
        // A failed request or the engine's error: a warning icon beside the state, its text in the tooltip and details.
        table.addColumn("State", 10.5, ContainersView::stateText, null, ContainersView::dotStyle, ContainersView::message, null);
        table.addActionsColumn(13.5);
        table.addColumn("Ports", 9, v -> v.group() ? "" : ContainerFacts.ports(v.object()), null);
        table.addTimeColumn("Created", 9, v -> v.group() ? null : status(v).getCreatedAt());
        addRowActions();
        table.setGrouping(new MirrorTable.Grouping<>(ContainersView::project, ContainersView::groupStandIn, ContainersView::groupSummary));

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

    /** The Compose project of a container ({@value #COMPOSE_PROJECT}), or null. */
    static String project(Container c) {
        Map<String, String> labels = c.getStatus() == null ? null : c.getStatus().getLabels();
        String p = labels == null ? null : labels.get(COMPOSE_PROJECT);
        return p == null || p.isBlank() ? null : p;
    }

    /** The object a project's header row reads: named like the project, in the members' namespace, no state. */
    static Container groupStandIn(String project, List<Container> members) {
        Container c = new Container();
        c.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("compose-" + project)
                .withNamespace(members.isEmpty() ? null : members.getFirst().getMetadata().getNamespace()).build());
        ContainerStatus s = new ContainerStatus();
        s.setName(project);
        s.setLabels(Map.of(COMPOSE_PROJECT, project));
        c.setStatus(s);
        return c;
    }

    /** "2/3 running". */
    static String groupSummary(List<Container> members) {
        long running = members.stream().filter(c -> ContainerFacts.runStatus(c) == io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus.RUNNING).count();
        return running + "/" + members.size() + " running";
    }

    /** The buttons of the actions column: per container and, on a project's header, for all its containers. */
    private void addRowActions() {
        table.addRowAction(new MirrorTable.RowAction<>(10, v -> {
            if (v.group()) {
                return null;
            }
            String name = ContainerFacts.name(v.object());
            return ContainerFacts.toggleAction(v.object()) == Action.STOP
                    ? new MirrorTable.Look(Icons.STOP, "Stop " + name, "stop-" + name)
                    : new MirrorTable.Look(Icons.START, "Start " + name, "start-" + name);
        }, v -> canDo(v, ContainerFacts.toggleAction(v.object())),
                row -> requests.request(row, ContainerFacts.toggleAction(row.object()))));
        table.addRowAction(new MirrorTable.RowAction<>(20, v -> {
            if (v.group()) {
                return null;
            }
            String name = ContainerFacts.name(v.object());
            return ContainerFacts.pauseAction(v.object()).orElse(Action.PAUSE) == Action.RESUME
                    ? new MirrorTable.Look(Icons.RESUME, "Resume " + name, "resume-" + name)
                    : new MirrorTable.Look(Icons.PAUSE, "Pause " + name, "pause-" + name);
        }, v -> ContainerFacts.pauseAction(v.object()).map(a -> canDo(v, a)).orElse(false),
                row -> ContainerFacts.pauseAction(row.object()).ifPresent(a -> requests.request(row, a))));
        table.addRowAction(new MirrorTable.RowAction<>(90, v -> v.group() ? null
                : new MirrorTable.Look(Icons.DELETE, "Delete " + ContainerFacts.name(v.object()), "delete-" + ContainerFacts.name(v.object())),
                v -> !v.terminating(), row -> confirmAndDelete(List.of(row))));
        // A project's header: start, stop and delete all its containers (each through the same requests).
        table.addRowAction(new MirrorTable.RowAction<>(11, v -> v.group()
                ? new MirrorTable.Look(Icons.START, "Start all containers of " + v.groupName(), "group-start-" + v.groupName()) : null,
                v -> groupRows(v, Action.START).findAny().isPresent(),
                row -> requests.request(groupRows(row.view().get(), Action.START).toList(), Action.START)));
        table.addRowAction(new MirrorTable.RowAction<>(12, v -> v.group()
                ? new MirrorTable.Look(Icons.STOP, "Stop all containers of " + v.groupName(), "group-stop-" + v.groupName()) : null,
                v -> groupRows(v, Action.STOP).findAny().isPresent(),
                row -> requests.request(groupRows(row.view().get(), Action.STOP).toList(), Action.STOP)));
        table.addRowAction(new MirrorTable.RowAction<>(91, v -> v.group()
                ? new MirrorTable.Look(Icons.DELETE, "Delete all containers of " + v.groupName(), "group-delete-" + v.groupName()) : null,
                v -> table.groupMembers(v.groupName()).stream().anyMatch(r -> !r.view().get().terminating()),
                row -> confirmAndDelete(table.groupMembers(row.view().get().groupName()).stream()
                        .filter(r -> !r.view().get().terminating()).toList())));
    }

    /** The members of a project's header that {@code action} applies to now. */
    private java.util.stream.Stream<ResourceRow<Container>> groupRows(RowView<Container> header, Action action) {
        return table.groupMembers(header.groupName()).stream().filter(r -> canDo(r.view().get(), action));
    }

    private static boolean canDo(RowView<Container> v, Action action) {
        return v.pending().isEmpty() && ContainerFacts.actions(v.object()).contains(action);
    }

    private static ContainerStatus status(RowView<Container> v) {
        return v.object().getStatus() == null ? new ContainerStatus() : v.object().getStatus();
    }

    /** The status dot of a row: running green, paused or changing amber, stopped grey, dead or Terminating red. */
    static String dotStyle(RowView<Container> v) {
        if (v.group()) {
            return v.groupSummary().startsWith("0/") ? "dot-stopped" : "dot-running";
        }
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
        if (v.group()) {
            return v.groupSummary();
        }
        String state = ContainerFacts.state(v.object());
        return v.pending().isEmpty() ? state : state + " → " + v.pending() + "…";
    }

    /** Why a Terminating container waits, else the last failed request, else the engine's error. */
    static String message(RowView<Container> v) {
        if (v.group()) {
            return "";
        }
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
        column.setPrefWidth(80);
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
                if (empty || item == null || item.group()) {
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

    private List<DetailSection> details(RowView<Container> v) {
        if (v.group()) {
            return List.of(new DetailSection("Compose project", List.of(
                    DetailSection.line("Project", v.groupName()),
                    DetailSection.line("Containers", v.groupSummary()),
                    DetailSection.line("Members", String.join(", ", table.groupMembers(v.groupName()).stream()
                            .map(r -> ContainerFacts.name(r.object()) + " (" + ContainerFacts.state(r.object()) + ")").sorted().toList())))));
        }
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
        return ContainerDetails.decorate(sections, c);
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
