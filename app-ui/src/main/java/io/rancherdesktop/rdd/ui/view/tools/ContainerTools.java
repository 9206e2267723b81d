package io.rancherdesktop.rdd.ui.view.tools;

import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.ui.command.ApiCommands;
import io.rancherdesktop.rdd.ui.command.ApiFailure;
import io.rancherdesktop.rdd.ui.model.ContainerFacts;
import io.rancherdesktop.rdd.ui.model.MirrorFacts;
import io.rancherdesktop.rdd.ui.model.Notifier;
import io.rancherdesktop.rdd.ui.model.ResourceRow;
import io.rancherdesktop.rdd.ui.model.RowView;
import io.rancherdesktop.rdd.ui.stream.ContainerStreams;
import io.rancherdesktop.rdd.ui.view.Icons;
import io.rancherdesktop.rdd.ui.view.MirrorTable;
import io.rancherdesktop.rdd.ui.view.exec.RunCommandPane;
import io.rancherdesktop.rdd.ui.view.exec.TerminalLauncher;
import io.rancherdesktop.rdd.ui.view.logs.LogsPane;
import io.rancherdesktop.rdd.ui.view.stats.StatsChart;
import io.rancherdesktop.rdd.ui.view.stats.StatsMonitor;
import io.rancherdesktop.rdd.ui.view.stats.StatsMonitor.Key;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The container tools of issue 12 on the Containers tab: Logs, Stats and Run command tabs beside the details, CPU
 * and memory columns, and the Terminal action. Streams exist only while they are shown: the log of the selected
 * container while the Logs tab is shown, stats of the running rows shown while the Containers tab is shown.
 */
public final class ContainerTools {
    private final MirrorTable<Container> table;
    private final Tab containersTab;
    private final LogsPane logs;
    private final StatsMonitor stats;
    private final StatsChart chart = new StatsChart();
    private final RunCommandPane runCommand;
    private final TerminalLauncher terminal;
    private final Notifier notifier;
    private final Tab logsTab;
    private final Tab statsTab;
    private final Tab runTab;
    private final TabPane detailTabs;

    public ContainerTools(MirrorTable<Container> table, Tab containersTab, ContainerStreams streams,
                          TerminalLauncher terminal, ApiCommands commands, Notifier notifier, Executor fx) {
        this.table = table;
        this.containersTab = containersTab;
        this.terminal = terminal;
        this.notifier = notifier;
        this.logs = new LogsPane(streams, fx);
        this.stats = new StatsMonitor(streams, fx);
        this.runCommand = new RunCommandPane(terminal, fx);

        table.addColumn(statsColumn("CPU", "containers-col-cpu", StatsMonitor.Entry::cpuText));
        table.addColumn(statsColumn("Memory", "containers-col-memory", StatsMonitor.Entry::memoryText));
        // Restart: spec.state=restarted, a one-shot request the engine controller answers in status.lastAction.
        table.addAction("Restart", "restart", ContainerTools::canRestart, rows -> rows.forEach(row -> restart(row, commands, fx)));
        table.addAction("Te_rminal", "terminal", ContainerTools::canOpenTerminal, rows -> openTerminal(rows.getFirst()));
        // The same tools in each row's actions column (ContainersView adds start/stop, pause/resume and delete).
        table.addRowAction(new MirrorTable.RowAction<>(25, v -> v.group() ? null
                : new MirrorTable.Look(Icons.RESTART, "Restart " + ContainerFacts.name(v.object()), "restart-" + ContainerFacts.name(v.object())),
                ContainerTools::canRestart, row -> restart(row, commands, fx)));
        table.addRowAction(new MirrorTable.RowAction<>(30, v -> v.group() ? null
                : new MirrorTable.Look(Icons.LOGS, "Logs of " + ContainerFacts.name(v.object()), "logs-" + ContainerFacts.name(v.object())),
                v -> true, this::showLogs));
        table.addRowAction(new MirrorTable.RowAction<>(40, v -> v.group() ? null
                : new MirrorTable.Look(Icons.TERMINAL, "Terminal in " + ContainerFacts.name(v.object()), "terminal-" + ContainerFacts.name(v.object())),
                ContainerTools::canOpenTerminal, this::openTerminal));

        logsTab = new Tab("Logs", logs.node());
        logsTab.setId("containers-logs-tab");
        statsTab = new Tab("Stats", chart.node());
        statsTab.setId("containers-stats-tab");
        runTab = new Tab("Run command", runCommand.node());
        runTab.setId("containers-run-tab");
        table.addDetailsTab(logsTab);
        table.addDetailsTab(statsTab);
        detailTabs = table.addDetailsTab(runTab);

        detailTabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> refresh());
        table.table().getSelectionModel().selectedItemProperty().addListener((o, was, now) -> refresh());
        table.table().getItems().addListener((ListChangeListener<ResourceRow<Container>>) c -> refresh());
        // Tab.selected follows the tab pane's selection only after its listeners ran: read the selection model.
        containersTab.getTabPane().getSelectionModel().selectedItemProperty().addListener((o, was, now) -> refresh());
        table.table().sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.windowProperty().addListener((o2, w2, window) -> {
                    if (window != null) {
                        window.showingProperty().addListener((o3, s3, showing) -> refresh());
                    }
                    refresh();
                });
            }
        });
        stats.onTick(key -> {
            ResourceRow<Container> row = selectedRow();
            if (row != null && key.equals(key(row.object())) && selected(statsTab)) {
                showChart(row);
            }
        });
        refresh();
    }

    private static boolean canRestart(RowView<Container> v) {
        return !v.group() && v.pending().isEmpty() && !v.terminating();
    }

    private static boolean canOpenTerminal(RowView<Container> v) {
        return !v.group() && running(v.object()) && !v.terminating();
    }

    /** Restart: spec.state=restarted, a one-shot request the engine controller answers in status.lastAction. */
    private void restart(ResourceRow<Container> row, ApiCommands commands, Executor fx) {
        Container c = row.object();
        commands.requestContainerState(c.getMetadata().getNamespace(), c.getMetadata().getName(), RequestedState.RESTARTED)
                .whenComplete((generation, failure) -> {
                    if (failure != null) {
                        fx.execute(() -> notifier.error(ApiFailure.of("restart " + ContainerFacts.name(c), failure).getMessage()));
                    }
                });
    }

    /** Selects the row and shows its log in the Logs tab beside the details. */
    private void showLogs(ResourceRow<Container> row) {
        var selection = table.table().getSelectionModel();
        int index = table.table().getItems().indexOf(row);
        if (index >= 0) {
            selection.clearAndSelect(index);
            table.table().scrollTo(index);
        }
        detailTabs.getSelectionModel().select(logsTab);
    }

    public LogsPane logs() {
        return logs;
    }

    public StatsMonitor stats() {
        return stats;
    }

    private static boolean running(Container c) {
        return c.getStatus() != null && "running".equals(c.getStatus().getStatus() == null ? null : c.getStatus().getStatus().value());
    }

    private static Key key(Container c) {
        return new Key(c.getMetadata().getNamespace(), c.getMetadata().getName());
    }

    private boolean shown() {
        var scene = table.table().getScene();
        return containersTab.getTabPane().getSelectionModel().getSelectedItem() == containersTab && scene != null && scene.getWindow() != null && scene.getWindow().isShowing();
    }

    private boolean selected(Tab tab) {
        return detailTabs.getSelectionModel().getSelectedItem() == tab;
    }

    /** The one selected container; null for none, several, or a group's header row. */
    private ResourceRow<Container> selectedRow() {
        ResourceRow<Container> row = table.table().getSelectionModel().getSelectedItems().size() == 1
                ? table.table().getSelectionModel().getSelectedItem() : null;
        return row == null || row.isGroupHeader() ? null : row;
    }

    /** Opens or closes the streams for what is on screen now. JavaFX thread. */
    private void refresh() {
        boolean shown = shown();
        Set<Key> watched = new HashSet<>();
        if (shown) {
            for (ResourceRow<Container> row : table.table().getItems()) {
                Container c = row.object();
                if (!row.isGroupHeader() && running(c) && !MirrorFacts.isTerminating(c)) {
                    watched.add(key(c));
                }
            }
        }
        stats.watch(watched);
        ResourceRow<Container> row = selectedRow();
        if (shown && row != null && selected(logsTab)) {
            Container c = row.object();
            logs.show(c.getMetadata().getNamespace(), c.getMetadata().getName(), ContainerFacts.name(c));
        } else {
            logs.close();
        }
        if (row != null && running(row.object())) {
            runCommand.target(row.object().getMetadata().getNamespace(), ContainerFacts.name(row.object()));
        } else {
            runCommand.target(null, null);
        }
        showChart(row);
    }

    private void showChart(ResourceRow<Container> row) {
        if (row == null || !running(row.object())) {
            chart.show(null, List.of());
        } else {
            chart.show(ContainerFacts.name(row.object()), stats.entry(key(row.object())).history());
        }
    }

    private void openTerminal(ResourceRow<Container> row) {
        Container c = row.object();
        try {
            terminal.open(c.getMetadata().getNamespace(), ContainerFacts.name(c));
        } catch (TerminalLauncher.NoTerminalException e) {
            notifier.error(e.getMessage());
        }
    }

    private TableColumn<ResourceRow<Container>, RowView<Container>> statsColumn(String title, String id,
                                                                               Function<StatsMonitor.Entry, ReadOnlyStringProperty> text) {
        TableColumn<ResourceRow<Container>, RowView<Container>> column = new TableColumn<>(title);
        column.setId(id);
        column.setPrefWidth(80);
        column.setSortable(false);
        column.setStyle("-fx-alignment: center-right;");
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(RowView<Container> item, boolean empty) {
                super.updateItem(item, empty);
                textProperty().unbind();
                if (empty || item == null || item.group() || !running(item.object())) {
                    setText(null);
                    return;
                }
                textProperty().bind(text.apply(stats.entry(key(item.object()))));
            }
        });
        return column;
    }

    /** Closes every stream (the session ends). JavaFX thread. */
    public void close() {
        stats.close();
        logs.close();
        runCommand.close();
    }
}
