package io.rancherdesktop.rdd.ui.view;

import io.fabric8.kubernetes.api.model.Event;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.ui.GuiSession;
import io.rancherdesktop.rdd.ui.fake.InMemoryFeed;
import io.rancherdesktop.rdd.ui.fake.RecordingCommands;
import io.rancherdesktop.rdd.ui.feed.ApiFeeds;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer;
import io.rancherdesktop.rdd.ui.model.ContainerFacts;
import io.rancherdesktop.rdd.ui.model.MirrorFacts;
import io.rancherdesktop.rdd.ui.model.ResourceRow;
import io.rancherdesktop.rdd.ui.stream.ContainerStreams;
import io.rancherdesktop.rdd.ui.view.exec.TerminalLauncher;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.rancherdesktop.rdd.ui.fake.Objects.app;
import static io.rancherdesktop.rdd.ui.fake.Objects.container;
import static io.rancherdesktop.rdd.ui.fake.Objects.image;
import static io.rancherdesktop.rdd.ui.fake.Objects.volume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's look of the tables over faked feeds: the actions column (its buttons write the same requests as the
 * toolbar and disable when they do not apply or the rows are not live), relative times with the absolute time in a
 * tooltip, and containers grouped by Compose project with group start, stop and delete.
 */
@ExtendWith(ApplicationExtension.class)
class ContainersLookTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:03:10Z");
    private final InMemoryFeed<App> apps = new InMemoryFeed<>();
    private final InMemoryFeed<VirtualMachine> machines = new InMemoryFeed<>();
    private final InMemoryFeed<Container> containers = new InMemoryFeed<>();
    private final InMemoryFeed<Image> images = new InMemoryFeed<>();
    private final InMemoryFeed<Volume> volumes = new InMemoryFeed<>();
    private final InMemoryFeed<Event> events = new InMemoryFeed<>();
    private final RecordingCommands commands = new RecordingCommands();
    private GuiSession session;

    /** Streams that never deliver anything (the tools' panes are not under test here). */
    private static final ContainerStreams NO_STREAMS = new ContainerStreams() {
        @Override
        public Handle log(String namespace, String name, LogQuery query, java.util.function.Consumer<List<String>> lines,
                          java.util.function.Consumer<End> end) {
            return () -> { };
        }

        @Override
        public Handle stats(String namespace, String name, java.util.function.Consumer<StatsSample> samples,
                            java.util.function.Consumer<End> end) {
            return () -> { };
        }
    };

    @Start
    void start(Stage stage) {
        session = new GuiSession(new ApiFeeds(apps, machines, containers, images, volumes, events), commands,
                Platform::runLater, UpdateCoalescer.DEFAULT_INTERVAL);
        session.attachContainerTools(NO_STREAMS, new TerminalLauncher("test", Map.of("RDD_TERMINAL", "/nonexistent/terminal-for-test")));
        for (MirrorTable<?> t : List.of(session.containersView().table(), session.imagesView().table(), session.volumesView().table())) {
            t.setClock(InstantSource.fixed(NOW));
        }
        stage.setScene(session.window().scene());
        stage.show();
        session.start();
    }

    @AfterEach
    void close() throws Exception {
        session.close();
        onFx(() -> {
            for (javafx.stage.Window w : List.copyOf(javafx.stage.Window.getWindows())) {
                if (w instanceof Stage s && s.getOwner() != null) {
                    s.close();
                }
            }
            return null;
        });
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(condition));
        } catch (TimeoutException e) {
            throw new TimeoutException("timed out waiting until " + what + " (rows: " + lastRows + ")");
        }
    }

    private static <R> R onFx(Callable<R> body) throws Exception {
        return WaitForAsyncUtils.asyncFx(body).get(10, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private static TableView<ResourceRow<Container>> containerTable(FxRobot robot) {
        return robot.lookup("#containers-table").queryAs(TableView.class);
    }

    /** The button drawn on screen (the table also lays out an invisible measuring cell with the same ids). */
    private static Button button(FxRobot robot, String id) throws TimeoutException {
        waitUntil("button " + id, () -> robot.lookup("#" + id).match(ContainersLookTest::shown).tryQuery().isPresent());
        return robot.lookup("#" + id).match(ContainersLookTest::shown).queryButton();
    }

    private static boolean shown(Node n) {
        if (n.getScene() == null) {
            return false;
        }
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static void waitForRows(FxRobot robot, int n) throws TimeoutException {
        waitUntil(n + " rows", () -> containerTable(robot).getItems().stream().filter(r -> !r.isGroupHeader()).count() == n);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Container created(Container c, String at) {
        c.getStatus().setCreatedAt(at);
        return c;
    }

    private static Container inProject(Container c, String project) {
        c.getStatus().setLabels(Map.of(ContainersView.COMPOSE_PROJECT, project, "com.docker.compose.service", c.getStatus().getName()));
        return c;
    }

    /** The first drawn cell of a column for the row whose object has this Docker name (or group name). */
    private static Labeled cell(FxRobot robot, String table, String column, String rowName) throws TimeoutException {
        String query = "#" + table + "-table .table-row-cell #" + table + "-col-" + column;
        Callable<java.util.Optional<Node>> find = () -> robot.lookup(query).match(n -> {
            TableCell<?, ?> c = (TableCell<?, ?>) n;
            if (!shown(n)) {
                return false;
            }
            Object item = c.getTableRow() == null ? null : c.getTableRow().getItem();
            if (!(item instanceof ResourceRow<?> r)) {
                return false;
            }
            return r.isGroupHeader() ? r.view().get().groupName().equals(rowName)
                    : r.object() instanceof Container ct ? ContainerFacts.name(ct).equals(rowName)
                    : r.object().getMetadata().getName().equals(rowName);
        }).tryQuery();
        Node[] found = new Node[1];
        waitUntil("the " + column + " cell of " + rowName, () -> {
            found[0] = find.call().orElse(null);
            return found[0] != null;
        });
        return (Labeled) found[0];
    }

    /**
     * Waits until the containers table's {@code column} cell of {@code rowName} reads {@code expected}. The cell is
     * looked up again each time (cells are reused), from the test thread: {@link #cell} waits on the FX thread itself.
     */
    private static void waitForCellText(FxRobot robot, String column, String rowName, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String text = null;
        while (System.nanoTime() < deadline) {
            Labeled cell = cell(robot, "containers", column, rowName);
            text = onFx(cell::getText);
            if (expected.equals(text)) {
                return;
            }
            WaitForAsyncUtils.waitForFxEvents();
        }
        throw new AssertionError("the " + column + " cell of " + rowName + " reads \"" + text + "\", not \"" + expected
                + "\" (rows: " + lastRows + ")");
    }

    private static volatile List<String> lastRows = List.of();

    private static List<String> rowNames(FxRobot robot) throws Exception {
        return lastRows = onFx(() -> containerTable(robot).getItems().stream()
                .map(r -> r.isGroupHeader() ? "[" + r.view().get().groupName() + "]" : ContainerFacts.name(r.object())).toList());
    }

    private String key(Container c) {
        return "default/" + c.getMetadata().getName();
    }

    // ---- the actions column ----

    @Test
    void eachRowsButtonsWriteTheSameRequestsAsTheToolbar(FxRobot robot) throws Exception {
        Container web = container("web", RunStatus.RUNNING);
        Container db = container("db", RunStatus.EXITED);
        Container cache = container("cache", RunStatus.RUNNING);
        Container queue = container("queue", RunStatus.PAUSED);
        List.of(web, db, cache, queue).forEach(containers::put);
        waitForRows(robot, 4);

        robot.clickOn(button(robot, "stop-web"));
        waitUntil("stop", () -> commands.calls().contains("state " + key(web) + "=created"));
        robot.clickOn(button(robot, "start-db"));
        waitUntil("start", () -> commands.calls().contains("state " + key(db) + "=running"));
        robot.clickOn(button(robot, "pause-cache"));
        waitUntil("pause", () -> commands.calls().contains("state " + key(cache) + "=paused"));
        robot.clickOn(button(robot, "resume-queue"));
        waitUntil("resume", () -> commands.calls().contains("state " + key(queue) + "=running"));
        assertEquals(4, commands.calls().size(), commands.calls().toString());
        // Asked for: each row shows the request and its buttons wait for the answer.
        waitUntil("pending", () -> button(robot, "pause-web").isDisabled() && button(robot, "start-db").isDisabled());
        assertEquals("Stop web", button(robot, "stop-web").getTooltip().getText());
    }

    @Test
    void restartLogsAndTerminalButtonsComeFromTheContainerTools(FxRobot robot) throws Exception {
        Container web = container("web", RunStatus.RUNNING);
        Container db = container("db", RunStatus.EXITED);
        containers.put(web);
        containers.put(db);
        waitForRows(robot, 2);

        robot.clickOn(button(robot, "restart-web"));
        waitUntil("restart", () -> commands.calls().equals(List.of("state " + key(web) + "=restarted")));

        assertTrue(button(robot, "terminal-db").isDisabled(), "no terminal in a stopped container");
        robot.clickOn(button(robot, "terminal-web"));
        waitUntil("the launcher's failure in the banner", () -> session.notifier().text().contains("/nonexistent/terminal-for-test"));

        robot.clickOn(button(robot, "logs-db"));
        waitUntil("db selected, its logs shown", () -> {
            ResourceRow<Container> sel = containerTable(robot).getSelectionModel().getSelectedItem();
            var tabs = robot.lookup("#containers-detail-tabs").queryAs(javafx.scene.control.TabPane.class);
            return sel != null && ContainerFacts.name(sel.object()).equals("db")
                    && tabs.getSelectionModel().getSelectedItem().getId().equals("containers-logs-tab");
        });
    }

    @Test
    void buttonsAreDisabledWhenTheyDoNotApplyAndWhileTheRowsAreNotLive(FxRobot robot) throws Exception {
        apps.put(app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 1, "Running", "True", "Started", 1,
                "ContainerEngineReady", "True", "Connected", 1));
        containers.put(container("web", RunStatus.RUNNING));
        containers.put(container("db", RunStatus.EXITED));
        Container old = container("old", RunStatus.EXITED);
        old.getMetadata().setDeletionTimestamp("2026-11-28T10:00:00Z");
        old.getMetadata().setFinalizers(List.of("engine.rancherdesktop.io/mirror"));
        containers.put(old);
        waitForRows(robot, 3);

        assertFalse(button(robot, "start-db").isDisabled());
        assertTrue(button(robot, "pause-db").isDisabled(), "a stopped container cannot be paused");
        assertFalse(button(robot, "delete-db").isDisabled());
        for (String id : List.of("start-old", "pause-old", "restart-old", "terminal-old", "delete-old")) {
            assertTrue(button(robot, id).isDisabled(), id + ": a Terminating container has no actions");
        }
        waitUntil("live", () -> !button(robot, "stop-web").isDisabled());

        apps.put(app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 1, "Running", "True", "Started", 1,
                "ContainerEngineReady", "False", "ConnectFailed", 1));
        waitUntil("every row button disabled", () -> robot.lookup("#containers-table .row-actions .button").queryAll().stream()
                .allMatch(Node::isDisabled));
        robot.clickOn(button(robot, "delete-web"));
        assertTrue(robot.lookup("#delete-confirmation").tryQuery().isEmpty(), "nothing happens while not live");
        apps.put(app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 1, "Running", "True", "Started", 1,
                "ContainerEngineReady", "True", "Connected", 1));
        waitUntil("live again", () -> !button(robot, "stop-web").isDisabled() && !button(robot, "delete-web").isDisabled());
        assertTrue(commands.calls().isEmpty(), commands.calls().toString());
    }

    @Test
    void theRowsDeleteButtonAsksFirstThroughTheDeleteDialog(FxRobot robot) throws Exception {
        Container web = container("web", RunStatus.RUNNING);
        containers.put(web);
        waitForRows(robot, 1);
        robot.clickOn(button(robot, "delete-web"));
        waitUntil("the dialog", () -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        assertTrue(robot.lookup("#delete-confirmation .delete-name").queryAll().stream()
                .anyMatch(n -> ((Labeled) n).getText().equals("web  (running)")));
        assertTrue(commands.calls().isEmpty(), "nothing deleted before confirming");
        robot.clickOn("#confirm-delete");
        waitUntil("the delete", () -> commands.calls().equals(List.of("delete container " + key(web))));
    }

    @Test
    void theToolbarsStateButtonsAreIconsWithTheirWordInTheTooltipAndKeepTheirMnemonic(FxRobot robot) throws Exception {
        Container web = container("web", RunStatus.RUNNING);
        containers.put(web);
        waitForRows(robot, 1);
        Button stop = robot.lookup("#containers-stop").queryButton();
        assertEquals(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY, stop.getContentDisplay());
        assertEquals("Stop the selected containers (Alt+T)", stop.getTooltip().getText());
        assertTrue(stop.getGraphic() instanceof org.kordamp.ikonli.javafx.FontIcon);
        assertTrue(robot.lookup("#containers-delete").queryButton().getGraphic() instanceof org.kordamp.ikonli.javafx.FontIcon);
        robot.clickOn(cell(robot, "containers", "name", "web"));
        robot.press(KeyCode.ALT, KeyCode.T).release(KeyCode.T, KeyCode.ALT);
        waitUntil("the stop", () -> commands.calls().equals(List.of("state " + key(web) + "=created")));
    }

    // ---- relative times, sizes ----

    @Test
    void createdShowsARelativeTimeWithTheLocalTimeInATooltipAndSortsByTheTime(FxRobot robot) throws Exception {
        containers.put(created(container("new", RunStatus.RUNNING), "2026-11-28T10:00:00Z"));
        containers.put(created(container("old", RunStatus.RUNNING), "2026-11-26T09:00:00Z"));
        containers.put(created(container("older", RunStatus.RUNNING), "2026-11-20T09:00:00Z"));
        Labeled fresh = cell(robot, "containers", "created", "new");
        assertEquals("3 minutes ago", fresh.getText());
        assertEquals(MirrorFacts.localTime("2026-11-28T10:00:00Z"), fresh.getTooltip().getText());
        assertEquals("2 days ago", cell(robot, "containers", "created", "old").getText());
        assertEquals("8 days ago", cell(robot, "containers", "created", "older").getText());

        // By time, not by text ("8 days" > "3 minutes" > "2 days" as text).
        robot.interact(() -> {
            TableView<ResourceRow<Container>> t = containerTable(robot);
            TableColumn<ResourceRow<Container>, ?> createdColumn = t.getColumns().stream()
                    .filter(c -> "containers-col-created".equals(c.getId())).findFirst().orElseThrow();
            createdColumn.setSortType(TableColumn.SortType.DESCENDING);
            t.getSortOrder().setAll(createdColumn);
        });
        waitUntil("newest first", () -> rowNames(robot).equals(List.of("new", "old", "older")));
    }

    @Test
    void imagesShowHumanReadableSizesAndRelativeTimes(FxRobot robot) throws Exception {
        Image busy = image("busybox:latest", 4_260_000);
        busy.getStatus().setCreatedAt("2026-11-28T09:03:10Z");
        images.put(busy);
        volumes.put(volume("data"));
        robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.SHORTCUT);
        String query = "#images-table .table-row-cell #images-col-";
        waitUntil("the size", () -> robot.lookup(query + "size").tryQuery().map(n -> "4.26MB".equals(((Labeled) n).getText())).orElse(false));
        waitUntil("the time", () -> robot.lookup(query + "created").tryQuery().map(n -> "an hour ago".equals(((Labeled) n).getText())).orElse(false));
    }

    // ---- Compose groups ----

    @Test
    void composeContainersAreGroupedUnderTheirProjectAndStayTogetherWhenSortedOrFiltered(FxRobot robot) throws Exception {
        containers.put(inProject(container("web", RunStatus.RUNNING), "shop"));
        containers.put(inProject(container("db", RunStatus.EXITED), "shop"));
        containers.put(container("solo", RunStatus.RUNNING));
        containers.put(container("alpha", RunStatus.EXITED));
        waitUntil("grouped", () -> rowNames(robot).equals(List.of("alpha", "[shop]", "db", "web", "solo")));
        assertEquals("4 containers", robot.lookup("#containers-count").queryAs(Label.class).getText(), "a header is not a container");
        // the cells redraw on a pulse after the items changed
        waitForCellText(robot, "state", "shop", "1/2 running");
        assertEquals("shop", cell(robot, "containers", "name", "shop").getText());

        robot.interact(() -> {
            TableColumn<ResourceRow<Container>, ?> name = containerTable(robot).getColumns().stream()
                    .filter(c -> "containers-col-name".equals(c.getId())).findFirst().orElseThrow();
            name.setSortType(TableColumn.SortType.DESCENDING);
            containerTable(robot).getSortOrder().setAll(name);
        });
        waitUntil("sorted within the group", () -> rowNames(robot).equals(List.of("solo", "[shop]", "web", "db", "alpha")));

        robot.clickOn("#containers-filter").write("db");
        waitUntil("the header with its matching member", () -> rowNames(robot).equals(List.of("[shop]", "db")));
        assertEquals("1 of 4 containers", robot.lookup("#containers-count").queryAs(Label.class).getText());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil("all again", () -> rowNames(robot).size() == 5);

        // The group follows its members: a new member joins it, the last one leaving takes the header.
        containers.put(inProject(container("cache", RunStatus.RUNNING), "shop"));
        waitUntil("the new member", () -> rowNames(robot).equals(List.of("solo", "[shop]", "web", "db", "cache", "alpha")));
        waitForCellText(robot, "state", "shop", "2/3 running");
    }

    @Test
    void theGroupsStartStopAndDeleteActOnItsContainers(FxRobot robot) throws Exception {
        Container web = inProject(container("web", RunStatus.RUNNING), "shop");
        Container db = inProject(container("db", RunStatus.EXITED), "shop");
        Container solo = container("solo", RunStatus.RUNNING);
        List.of(web, db, solo).forEach(containers::put);
        waitForRows(robot, 3);
        waitUntil("grouped", () -> rowNames(robot).contains("[shop]"));
        assertTrue(robot.lookup("#toggle-shop").tryQuery().isEmpty(), "a header has no running switch");

        robot.clickOn(button(robot, "group-stop-shop"));
        waitUntil("web stopped", () -> commands.calls().equals(List.of("state " + key(web) + "=created")));
        robot.clickOn(button(robot, "group-start-shop"));
        waitUntil("db started", () -> commands.calls().equals(List.of("state " + key(web) + "=created", "state " + key(db) + "=running")));

        robot.clickOn(button(robot, "group-delete-shop"));
        waitUntil("the dialog", () -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        List<String> listed = robot.lookup("#delete-confirmation .delete-name").queryAll().stream().map(n -> ((Labeled) n).getText()).toList();
        assertEquals(2, listed.size(), listed.toString());
        assertTrue(listed.contains("web  (running)") && listed.contains("db  (exited)"), listed.toString());
        robot.clickOn("#confirm-delete");
        waitUntil("both deleted", () -> commands.calls().containsAll(List.of("delete container " + key(web), "delete container " + key(db)))
                && commands.calls().size() == 4);
        assertFalse(commands.calls().stream().anyMatch(c -> c.contains(solo.getMetadata().getName())), "the ungrouped container is untouched");
    }

    @Test
    void aSelectedGroupHeaderStandsForItsContainersInTheToolbarAndTheDetails(FxRobot robot) throws Exception {
        Container web = inProject(container("web", RunStatus.RUNNING), "shop");
        Container api = inProject(container("api", RunStatus.RUNNING), "shop");
        containers.put(web);
        containers.put(api);
        waitForRows(robot, 2);
        robot.clickOn(cell(robot, "containers", "name", "shop"));
        waitUntil("the project's details", () -> robot.lookup("#containers-details .text-input").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.TextInputControl) n).getText().equals("api (running), web (running)")));
        robot.clickOn("#containers-stop");
        waitUntil("both stopped", () -> commands.calls().size() == 2 && commands.calls().stream().allMatch(c -> c.endsWith("=created")));
        Node focused = onFx(() -> robot.lookup("#containers-table").query().getScene().getFocusOwner());
        assertEquals("containers-table", focused.getId());
    }
}
