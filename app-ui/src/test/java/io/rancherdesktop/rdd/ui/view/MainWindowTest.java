package io.rancherdesktop.rdd.ui.view;

import io.fabric8.kubernetes.api.model.Event;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ActionOutcome;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.ui.GuiSession;
import io.rancherdesktop.rdd.ui.fake.InMemoryFeed;
import io.rancherdesktop.rdd.ui.fake.RecordingCommands;
import io.rancherdesktop.rdd.ui.feed.ApiFeeds;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer;
import io.rancherdesktop.rdd.ui.model.ResourceRow;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.rancherdesktop.rdd.ui.fake.Objects.app;
import static io.rancherdesktop.rdd.ui.fake.Objects.changed;
import static io.rancherdesktop.rdd.ui.fake.Objects.container;
import static io.rancherdesktop.rdd.ui.fake.Objects.image;
import static io.rancherdesktop.rdd.ui.fake.Objects.lastAction;
import static io.rancherdesktop.rdd.ui.fake.Objects.terminating;
import static io.rancherdesktop.rdd.ui.fake.Objects.volume;
import static io.rancherdesktop.rdd.ui.fake.Objects.warning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main window over feeds the test controls (unit level: the API is faked; {@code GuiEndToEndIT} drives the real
 * service). Checks what a person sees and what the GUI writes.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private final InMemoryFeed<App> apps = new InMemoryFeed<>();
    private final InMemoryFeed<VirtualMachine> machines = new InMemoryFeed<>();
    private final InMemoryFeed<Container> containers = new InMemoryFeed<>();
    private final InMemoryFeed<Image> images = new InMemoryFeed<>();
    private final InMemoryFeed<Volume> volumes = new InMemoryFeed<>();
    private final InMemoryFeed<Event> events = new InMemoryFeed<>();
    private final RecordingCommands commands = new RecordingCommands();
    private GuiSession session;

    @Start
    void start(Stage stage) {
        session = new GuiSession(new ApiFeeds(apps, machines, containers, images, volumes, events), commands,
                Platform::runLater, UpdateCoalescer.DEFAULT_INTERVAL);
        stage.setScene(session.window().scene());
        stage.show();
        session.start();
    }

    @AfterEach
    void close() {
        session.close();
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(condition));
        } catch (TimeoutException e) {
            throw new TimeoutException("timed out waiting until " + what);
        }
    }

    private static <R> R onFx(Callable<R> body) throws Exception {
        return WaitForAsyncUtils.asyncFx(body).get(10, TimeUnit.SECONDS);
    }

    private TableView<?> table(FxRobot robot, String id) {
        return robot.lookup("#" + id + "-table").queryAs(TableView.class);
    }

    private String bannerText() throws Exception {
        return onFx(() -> session.notifier().text());
    }

    /** A text cell (not a toggle or button) of the first drawn row of a table, once the table has laid it out. */
    private static Node firstRow(FxRobot robot, String table, String column) throws TimeoutException {
        String query = "#" + table + "-table .table-row-cell #" + table + "-col-" + column;
        waitUntil("a drawn row in " + table, () -> robot.lookup(query).match(
                n -> ((javafx.scene.control.TableCell<?, ?>) n).getTableRow().getIndex() == 0).tryQuery().isPresent());
        return robot.lookup(query).match(n -> ((javafx.scene.control.TableCell<?, ?>) n).getTableRow().getIndex() == 0).query();
    }

    private static String cellText(FxRobot robot, String columnId, int row) {
        List<Node> cells = robot.lookup(".table-row-cell").nth(row).lookup("#" + columnId).queryAll().stream().toList();
        return cells.isEmpty() ? null : ((javafx.scene.control.Labeled) cells.getFirst()).getText();
    }

    @Test
    void containersFromTheFeedAppearAndDisappearWithoutAnyUserAction(FxRobot robot) throws Exception {
        Container web = container("web", RunStatus.RUNNING);
        containers.put(web);
        containers.put(container("db", RunStatus.EXITED));
        waitUntil("two rows", () -> table(robot, "containers").getItems().size() == 2);
        containers.remove(web);
        waitUntil("one row", () -> table(robot, "containers").getItems().size() == 1);
        assertEquals("Containers (1)", robot.lookup("#tabs").queryAs(javafx.scene.control.TabPane.class).getTabs().getFirst().getText());
    }

    @Test
    void theFilterNarrowsTheTableAndTheCountSaysSo(FxRobot robot) throws Exception {
        containers.put(container("web", RunStatus.RUNNING));
        containers.put(container("worker", RunStatus.RUNNING));
        containers.put(container("db", RunStatus.EXITED));
        waitUntil("three rows", () -> table(robot, "containers").getItems().size() == 3);
        robot.clickOn("#containers-filter").write("w running");
        waitUntil("two rows match", () -> table(robot, "containers").getItems().size() == 2);
        assertEquals("2 of 3 containers", robot.lookup("#containers-count").queryAs(Label.class).getText());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil("filter cleared", () -> table(robot, "containers").getItems().size() == 3);
    }

    @Test
    void theRunningToggleWritesSpecStateAndShowsTheRequestUntilItIsAnswered(FxRobot robot) throws Exception {
        Container web = container("web", RunStatus.RUNNING);
        containers.put(web);
        waitUntil("the row", () -> robot.lookup("#toggle-web").tryQuery().isPresent());
        commands.answerGeneration(5);
        robot.clickOn(robot.lookup("#toggle-web .thumb-area").queryAs(Node.class));
        waitUntil("the write", () -> commands.calls().contains("state default/" + web.getMetadata().getName() + "=created"));
        waitUntil("pending shown", () -> "running → stopping…".equals(cellText(robot, "containers-col-state", 0)));

        containers.put(changed(web, c -> {
            c.getStatus().setStatus(RunStatus.EXITED);
            c.getStatus().setExitCode(137);
            c.getStatus().setLastAction(lastAction(RequestedState.CREATED, ActionOutcome.SUCCEEDED, 5, null));
        }));
        waitUntil("stopped", () -> "exited (137)".equals(cellText(robot, "containers-col-state", 0)));
        assertEquals("", bannerText());
    }

    @Test
    void aFailedRequestShowsTheEnginesErrorInTheBannerAndTheRow(FxRobot robot) throws Exception {
        Container web = container("web", RunStatus.RUNNING);
        containers.put(web);
        waitUntil("the row", () -> robot.lookup("#pause-web").tryQuery().isPresent());
        commands.answerGeneration(3);
        robot.clickOn("#pause-web");
        waitUntil("the write", () -> commands.calls().size() == 1);
        containers.put(changed(web, c -> c.getStatus().setLastAction(
                lastAction(RequestedState.PAUSED, ActionOutcome.FAILED, 3, "cannot pause: cgroup is frozen"))));
        waitUntil("banner", () -> bannerText().equals("Cannot pause container web: cannot pause: cgroup is frozen"));
        // Not lost with the Message column: a warning icon beside the state, the text in its tooltip.
        waitUntil("the row's warning", () -> {
            javafx.scene.control.Labeled state = (javafx.scene.control.Labeled) robot.lookup(".table-row-cell").nth(0)
                    .lookup("#containers-col-state").query();
            return state.getGraphic() != null && state.getGraphic().lookup(".row-warning") != null && state.getTooltip() != null
                    && state.getTooltip().getText().endsWith("last request (paused) failed: cannot pause: cgroup is frozen");
        });
    }

    @Test
    void anApiRefusalOfABulkActionShowsTheServersMessage(FxRobot robot) throws Exception {
        containers.put(container("web", RunStatus.RUNNING));
        containers.put(container("api", RunStatus.RUNNING));
        waitUntil("rows", () -> table(robot, "containers").getItems().size() == 2);
        robot.clickOn(firstRow(robot, "containers", "name"));
        robot.press(KeyCode.SHORTCUT, KeyCode.A).release(KeyCode.A, KeyCode.SHORTCUT);
        commands.failNextWith(409, "Conflict", "the object has been modified; please apply your changes to the latest version and try again");
        robot.clickOn("#containers-stop");
        waitUntil("both writes", () -> commands.calls().size() == 2);
        assertTrue(commands.calls().stream().allMatch(c -> c.endsWith("=created")), commands.calls().toString());
        waitUntil("banner", () -> bannerText().contains("the object has been modified"));
    }

    @Test
    void deletingAnImageAsksFirstAndATerminatingImageSaysWhyItWaits(FxRobot robot) throws Exception {
        Image busy = image("busybox:latest", 4_260_000);
        images.put(busy);
        robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.SHORTCUT);
        waitUntil("the image row", () -> table(robot, "images").getItems().size() == 1);
        robot.clickOn(firstRow(robot, "images", "tag"));

        robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        waitUntil("the dialog", () -> robot.lookup("#delete-confirmation").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#delete-confirmation .button").match(n -> n instanceof javafx.scene.control.Button b
                && b.getText().equals("Cancel")).queryAs(Node.class));
        assertTrue(commands.calls().isEmpty(), "Cancel deletes nothing");

        robot.clickOn("#images-delete");
        waitUntil("the dialog", () -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        robot.clickOn("#confirm-delete");
        waitUntil("the delete", () -> commands.calls().equals(List.of("delete image default/" + busy.getMetadata().getName())));

        images.put(terminating(busy));
        events.put(warning("Image", busy.getMetadata().getName(), "EngineDeleteFailed",
                "conflict: unable to delete busybox:latest (must force) - container 0123 is using its referenced image", "2026-11-28T11:00:01Z"));
        waitUntil("terminating", () -> "Terminating".equals(cellText(robot, "images-col-state", 0)));
        waitUntil("the reason beside the state", () -> {
            javafx.scene.control.Labeled state = (javafx.scene.control.Labeled) robot.lookup("#images-table .table-row-cell").nth(0)
                    .lookup("#images-col-state").query();
            return state.getGraphic() != null && state.getTooltip() != null
                    && state.getTooltip().getText().startsWith("EngineDeleteFailed: conflict: unable to delete");
        });
        assertTrue(onFx(() -> robot.lookup("#images-delete").queryButton().isDisabled()), "a Terminating image cannot be deleted again");
    }

    @Test
    void theMachineToggleStartsTheMachine(FxRobot robot) throws Exception {
        apps.put(app(false, ContainerEngine.MOBY, VmDriverKind.PROCESS, 1, "Running", "False", "Stopped", 1, "Settled", "True", "Settled", 1));
        waitUntil("status", () -> robot.lookup("#status-machine").queryAs(Label.class).getText().equals("Machine: Stopped (process)"));
        robot.clickOn(robot.lookup("#machine-toggle .thumb-area").queryAs(Node.class));
        waitUntil("the write", () -> commands.calls().equals(List.of("running=true")));
        waitUntil("progress", () -> robot.lookup("#progress").queryAs(Label.class).getText().startsWith("Starting the machine"));
    }

    @Test
    void engineAndDriverAreAppliedTogetherAndProgressLastsUntilSettled(FxRobot robot) throws Exception {
        apps.put(app(false, ContainerEngine.MOBY, VmDriverKind.AUTO, 1, "Settled", "True", "Settled", 1));
        waitUntil("the app", () -> session.app().status().configured());
        assertTrue(robot.lookup("#apply-settings").queryButton().isDisabled(), "nothing to apply yet");
        @SuppressWarnings("unchecked")
        ComboBox<ContainerEngine> engine = robot.lookup("#engine-choice").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<VmDriverKind> driver = robot.lookup("#driver-choice").queryAs(ComboBox.class);
        robot.interact(() -> {
            engine.setValue(ContainerEngine.CONTAINERD);
            driver.setValue(VmDriverKind.PROCESS);
        });
        commands.answerGeneration(2);
        robot.clickOn("#apply-settings");
        waitUntil("the write", () -> commands.calls().equals(List.of("settings engine=containerd driver=process")));
        waitUntil("waiting", () -> robot.lookup("#progress-spinner").query().isVisible());
        apps.put(app(false, ContainerEngine.CONTAINERD, VmDriverKind.PROCESS, 2, "Settled", "False", "WaitingForEngine", 2));
        waitUntil("reason", () -> robot.lookup("#progress").queryAs(Label.class).getText().contains("WaitingForEngine"));
        apps.put(app(false, ContainerEngine.CONTAINERD, VmDriverKind.PROCESS, 2, "Settled", "True", "Settled", 2));
        waitUntil("done", () -> !robot.lookup("#progress-spinner").query().isVisible());
        assertEquals("Settled", robot.lookup("#status-settled").queryAs(Label.class).getText());
    }

    @Test
    void theSelectedRowStaysSelectedWhileItsObjectChanges(FxRobot robot) throws Exception {
        Container web = container("web", RunStatus.RUNNING);
        containers.put(web);
        containers.put(container("db", RunStatus.RUNNING));
        waitUntil("rows", () -> table(robot, "containers").getItems().size() == 2);
        robot.clickOn(firstRow(robot, "containers", "name"));
        Object selected = onFx(() -> table(robot, "containers").getSelectionModel().getSelectedItem());
        containers.put(changed((Container) ((ResourceRow<?>) selected).object(), c -> c.getStatus().setStatus(RunStatus.PAUSED)));
        waitUntil("paused", () -> table(robot, "containers").getItems().stream()
                .anyMatch(r -> ((Container) ((ResourceRow<?>) r).object()).getStatus().getStatus() == RunStatus.PAUSED));
        assertSame(selected, onFx(() -> table(robot, "containers").getSelectionModel().getSelectedItem()));
        assertEquals(1, (int) onFx(() -> table(robot, "containers").getSelectionModel().getSelectedItems().size()));
    }

    @Test
    void keyboardReachesTheFilterAndTheTabsAndScalesTheText(FxRobot robot) throws Exception {
        volumes.put(volume("data"));
        robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.SHORTCUT);
        waitUntil("volumes tab", () -> session.window().tabs().getSelectionModel().getSelectedIndex() == 2);
        robot.press(KeyCode.SHORTCUT, KeyCode.F).release(KeyCode.F, KeyCode.SHORTCUT);
        waitUntil("filter focused", () -> robot.lookup("#volumes-filter").queryAs(TextField.class).isFocused());
        double before = onFx(() -> robot.lookup("#volumes-filter").queryAs(TextField.class).getFont().getSize());
        robot.press(KeyCode.SHORTCUT, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.SHORTCUT);
        robot.press(KeyCode.SHORTCUT, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.SHORTCUT);
        waitUntil("bigger text", () -> robot.lookup("#volumes-filter").queryAs(TextField.class).getFont().getSize() > before * 1.15);
        robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.SHORTCUT);
        waitUntil("reset", () -> Math.abs(robot.lookup("#volumes-filter").queryAs(TextField.class).getFont().getSize() - before) < 0.01);
        assertFalse(session.window().scene().getRoot().getStyle().isEmpty());
    }
}
