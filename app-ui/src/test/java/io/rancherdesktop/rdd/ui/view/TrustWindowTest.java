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
import io.rancherdesktop.rdd.ui.model.DriverAvailability;
import io.rancherdesktop.rdd.ui.model.MachineStatus;
import io.rancherdesktop.rdd.ui.tray.DesktopTray;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's GUI parts over faked feeds: "Used by", deletes refused in place, the machine-stopped and engine-down
 * states, and one test per defect (each fails on the old behaviour).
 */
@ExtendWith(ApplicationExtension.class)
class TrustWindowTest {
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
    void close() throws Exception {
        session.close();
        // A dialog a failed test left open must not block the next test.
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
            throw new TimeoutException("timed out waiting until " + what);
        }
    }

    private static <R> R onFx(Callable<R> body) throws Exception {
        return WaitForAsyncUtils.asyncFx(body).get(10, TimeUnit.SECONDS);
    }

    private static TableView<?> table(FxRobot robot, String id) {
        return robot.lookup("#" + id + "-table").queryAs(TableView.class);
    }

    private static Node firstCell(FxRobot robot, String table, String column) throws TimeoutException {
        String query = "#" + table + "-table .table-row-cell #" + table + "-col-" + column;
        waitUntil("a drawn row in " + table, () -> robot.lookup(query).match(
                n -> ((javafx.scene.control.TableCell<?, ?>) n).getTableRow().getIndex() == 0).tryQuery().isPresent());
        return robot.lookup(query).match(n -> ((javafx.scene.control.TableCell<?, ?>) n).getTableRow().getIndex() == 0).query();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup("#" + id).queryAs(Labeled.class).getText();
    }

    /** The text a label actually draws: differs from its text when it is cut ("Resu…"). */
    private static String drawn(Labeled l) {
        return l.lookupAll(".text").stream().filter(n -> n instanceof javafx.scene.text.Text).map(n -> ((javafx.scene.text.Text) n).getText())
                .findFirst().orElse("");
    }

    // ---- Used by, and deletes refused in place ----

    @Test
    void imagesShowTheirUsersAndA409IsShownInTheDialogWhichThenOffersForceDeleteNeverAsDefault(FxRobot robot) throws Exception {
        containers.put(container("toolbox", RunStatus.EXITED));
        Image tools = image("shop/tools:2.0", 4_000_000);
        tools.getStatus().setUsedBy(List.of("toolbox"));
        images.put(tools);
        robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.SHORTCUT);
        waitUntil("the used-by cells", () -> "toolbox".equals(((Labeled) firstCell(robot, "images", "used-by")).getText())
                && "1".equals(((Labeled) firstCell(robot, "images", "users")).getText()));

        robot.clickOn(firstCell(robot, "images", "tag"));
        robot.clickOn("#images-delete");
        waitUntil("the dialog", () -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        assertTrue(robot.lookup("#delete-confirmation .delete-users").queryAll().stream()
                .anyMatch(n -> ((Labeled) n).getText().equals("used by toolbox (exited)")), "the users are listed before confirming");
        assertFalse(robot.lookup("#force-delete").query().isVisible(), "no force before a refusal");
        assertTrue(robot.lookup("#cancel-delete").queryButton().isDefaultButton());

        commands.failNextWith(409, "Conflict", "image shop/tools:2.0 is used by container toolbox (exited)");
        robot.clickOn("#confirm-delete");
        waitUntil("the refusal in place", () -> robot.lookup("#delete-error").query().isVisible()
                && text(robot, "delete-error").contains("image shop/tools:2.0 is used by container toolbox (exited)"));
        assertEquals("", session.notifier().text(), "shown in the dialog, not behind it");
        Button force = robot.lookup("#force-delete").queryButton();
        assertTrue(force.isVisible());
        assertFalse(force.isDefaultButton(), "force is never the default");
        assertTrue(robot.lookup("#cancel-delete").queryButton().isDefaultButton());

        robot.clickOn("#force-delete");
        waitUntil("the forced delete", () -> commands.calls().getLast().equals("force-delete image default/" + tools.getMetadata().getName()));
        waitUntil("the dialog closed", () -> robot.lookup("#delete-confirmation").tryQuery().isEmpty());
    }

    @Test
    void deletingAVolumeSaysItsDataGoesAndARefusalOffersNoForce(FxRobot robot) throws Exception {
        Volume data = volume("shop-data");
        data.getStatus().setUsedBy(List.of("db"));
        volumes.put(data);
        robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.SHORTCUT);
        robot.clickOn(firstCell(robot, "volumes", "name"));
        assertEquals("db", onFx(() -> ((Labeled) firstCell(robot, "volumes", "used-by")).getText()));
        robot.clickOn("#volumes-delete");
        waitUntil("the dialog", () -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        assertTrue(robot.lookup("#delete-confirmation .delete-consequence").queryAs(Label.class).getText().contains("deletes its data"));
        commands.failNextWith(409, "Conflict", "volume shop-data is used by container db (running)");
        robot.clickOn("#confirm-delete");
        waitUntil("the refusal in place", () -> text(robot, "delete-error").contains("used by container db (running)"));
        assertFalse(robot.lookup("#force-delete").query().isVisible(), "volumes have no force");
        robot.clickOn("#cancel-delete");
        waitUntil("closed", () -> robot.lookup("#delete-confirmation").tryQuery().isEmpty());
    }

    @Test
    void theDeleteDialogNeverCutsItsText(FxRobot robot) throws Exception {
        for (int i = 0; i < 4; i++) {
            Volume v = volume("a-volume-with-a-rather-long-name-number-" + i);
            v.getStatus().setUsedBy(List.of("container-with-a-long-name-" + i, "another-container-" + i));
            volumes.put(v);
        }
        robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.SHORTCUT);
        waitUntil("rows", () -> table(robot, "volumes").getItems().size() == 4);
        robot.clickOn(firstCell(robot, "volumes", "name"));
        robot.press(KeyCode.SHORTCUT, KeyCode.A).release(KeyCode.A, KeyCode.SHORTCUT);
        robot.clickOn("#volumes-delete");
        waitUntil("the dialog", () -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        waitUntil("laid out", () -> robot.lookup("#delete-confirmation .delete-consequence").queryAs(Label.class).getHeight() > 0);
        for (Node n : robot.lookup("#delete-confirmation .scroll-pane .label").queryAll()) {
            Labeled l = (Labeled) n;
            if (l.isVisible() && !l.getText().isEmpty()) {
                assertTrue(onFx(() -> !drawn(l).endsWith("…") && l.getHeight() + 0.5 >= l.prefHeight(l.getWidth())),
                        "cut: " + l.getText());
            }
        }
        robot.clickOn("#cancel-delete");
    }

    // ---- Honest state over faked feeds ----

    @Test
    void aStoppedMachineShowsAnEmptyStateWithStartAndTheLastKnownCountsNeverZero(FxRobot robot) throws Exception {
        apps.put(app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 1, "Running", "True", "Started", 1,
                "ContainerEngineReady", "True", "Connected", 1));
        Container web = container("web", RunStatus.RUNNING);
        Container db = container("db", RunStatus.RUNNING);
        containers.put(web);
        containers.put(db);
        waitUntil("two rows", () -> table(robot, "containers").getItems().size() == 2);
        apps.put(app(false, ContainerEngine.MOBY, VmDriverKind.PROCESS, 2, "Running", "False", "Stopped", 2,
                "ContainerEngineReady", "False", "Stopped", 2));
        containers.remove(web);
        containers.remove(db);
        waitUntil("the empty state", () -> text(robot, "containers-placeholder").startsWith("The machine is stopped")
                && robot.lookup("#containers-start-machine").query().isVisible());
        assertEquals("Containers (2)", onFx(() -> session.window().tabs().getTabs().getFirst().getText()));
        assertTrue(onFx(() -> session.window().tabs().getTabs().getFirst().getStyleClass().contains("stale-tab")), "greyed");
        robot.clickOn("#containers-start-machine");
        waitUntil("the write", () -> commands.calls().equals(List.of("running=true")));
    }

    @Test
    void anEngineThatShouldRunAndIsNotConnectedShowsItsMessageAndDisablesTheRowsUntilItIsBack(FxRobot robot) throws Exception {
        apps.put(app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 1, "Running", "True", "Started", 1,
                "ContainerEngineReady", "True", "Connected", 1));
        containers.put(container("web", RunStatus.RUNNING));
        waitUntil("a live toggle", () -> robot.lookup("#toggle-web").tryQuery().map(n -> !n.isDisabled()).orElse(false));
        apps.put(app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 1, "Running", "True", "Started", 1,
                "ContainerEngineReady", "False", "ConnectFailed", 1));
        waitUntil("the banner", () -> robot.lookup("#engine-banner").query().isVisible()
                && text(robot, "engine-banner-text").equals("The container engine is not connected: detail of ConnectFailed"));
        waitUntil("the toggle disabled", () -> robot.lookup("#toggle-web").query().isDisabled());
        apps.put(app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 1, "Running", "True", "Started", 1,
                "ContainerEngineReady", "True", "Connected", 1));
        waitUntil("live again", () -> !robot.lookup("#engine-banner").query().isVisible()
                && !robot.lookup("#toggle-web").query().isDisabled());
        // The engine restart stopped web: say so.
        containers.put(changed(container("web", RunStatus.RUNNING), c -> {
            c.getStatus().setStatus(RunStatus.EXITED);
            c.getStatus().setExitCode(137);
        }));
        waitUntil("the notice", () -> robot.lookup("#restart-banner").query().isVisible()
                && text(robot, "restart-banner-text").endsWith("were stopped: web"));
    }

    // ---- The defects ----

    @Test
    void theNotificationBannerTakesItsOwnRowAboveTheTabBarAndUnfoldsALongMessage(FxRobot robot) throws Exception {
        containers.put(container("web", RunStatus.RUNNING));
        waitUntil("the toggle", () -> robot.lookup("#pause-web").tryQuery().isPresent());
        String longMessage = "cannot pause: " + "the engine said something long. ".repeat(20);
        commands.failNextWith(500, "InternalError", longMessage);
        robot.clickOn("#pause-web");
        waitUntil("the banner", () -> session.notifier().isShowing());
        Node banner = robot.lookup("#banner").query();
        Node tabHeader = robot.lookup("#tabs .tab-header-area").query();
        waitUntil("laid out", () -> banner.getLayoutBounds().getHeight() > 0);
        Bounds b = onFx(() -> banner.localToScene(banner.getLayoutBounds()));
        Bounds t = onFx(() -> tabHeader.localToScene(tabHeader.getLayoutBounds()));
        assertTrue(b.getMaxY() <= t.getMinY() + 0.5, "banner " + b + " covers the tab bar " + t);
        double folded = onFx(() -> banner.getLayoutBounds().getHeight());
        robot.clickOn("#banner-more");
        waitUntil("unfolded", () -> banner.getLayoutBounds().getHeight() > folded * 2);
        Labeled text = robot.lookup("#banner-text").queryAs(Labeled.class);
        assertEquals(text.getText(), onFx(() -> drawn(text)), "unfolded, the whole message shows");
        assertTrue(text.getText().contains(longMessage.trim()));
    }

    @Test
    void aFilterThatMatchesNothingSaysSoInsteadOfTheEmptyTableHint(FxRobot robot) throws Exception {
        containers.put(container("web", RunStatus.RUNNING));
        waitUntil("the row", () -> table(robot, "containers").getItems().size() == 1);
        robot.clickOn("#containers-filter").write("nosuch");
        waitUntil("no match", () -> table(robot, "containers").getItems().isEmpty());
        String placeholder = text(robot, "containers-placeholder");
        assertTrue(placeholder.startsWith("No containers match the filter"), placeholder);
        assertFalse(placeholder.contains("docker run"));
    }

    @Test
    void afterStopFocusReturnsToTheTableAndNeverLandsOnDelete(FxRobot robot) throws Exception {
        containers.put(container("web", RunStatus.RUNNING));
        robot.clickOn(firstCell(robot, "containers", "name"));
        robot.clickOn("#containers-stop");
        waitUntil("the write", () -> commands.calls().size() == 1);
        Node focused = onFx(() -> robot.lookup("#containers-table").query().getScene().getFocusOwner());
        assertNotEquals("containers-delete", focused.getId());
        assertEquals("containers-table", focused.getId());
    }

    @Test
    void atLaunchFocusIsOnTheRowsNotOnTheMachineSwitch(FxRobot robot) throws Exception {
        waitUntil("focus on the table", () -> robot.lookup("#containers-table").query().isFocused());
        assertFalse(robot.lookup("#machine-toggle").query().isFocused());
    }

    @Test
    void afterARowsActionButtonFocusIsOnTheTableNeverOnDelete(FxRobot robot) throws Exception {
        containers.put(container("web", RunStatus.RUNNING));
        robot.clickOn(firstCell(robot, "containers", "name"));
        waitUntil("the row's stop button", () -> robot.lookup("#stop-web").tryQuery().isPresent());
        robot.clickOn("#stop-web");
        waitUntil("the write", () -> commands.calls().size() == 1);
        Node focused = onFx(() -> robot.lookup("#containers-table").query().getScene().getFocusOwner());
        assertEquals("containers-table", focused.getId());
        assertFalse(robot.lookup("#delete-web").query().isFocused());
    }

    @Test
    void tabLeavesTheTableWithoutVisitingEveryRowsControls(FxRobot robot) throws Exception {
        containers.put(container("web", RunStatus.RUNNING));
        containers.put(container("db", RunStatus.RUNNING));
        waitUntil("toggles", () -> robot.lookup("#toggle-db").tryQuery().isPresent());
        waitUntil("action buttons", () -> robot.lookup("#delete-db").tryQuery().isPresent());
        assertTrue(robot.lookup("#containers-table .row-actions .button").queryAll().stream().noneMatch(Node::isFocusTraversable));
        robot.clickOn(firstCell(robot, "containers", "name"));
        robot.press(KeyCode.TAB).release(KeyCode.TAB);
        Node focused = onFx(() -> robot.lookup("#containers-table").query().getScene().getFocusOwner());
        assertFalse(isInside(focused, robot.lookup("#containers-table").query()), "Tab went into a row: " + focused);
    }

    private static boolean isInside(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return p != n;
            }
        }
        return false;
    }

    @Test
    void limaWithoutLimactlIsShownDisabledWithTheReasonAndApplyWhileRunningAsksFirst(FxRobot robot) throws Exception {
        DriverAvailability noTools = new DriverAvailability(tool -> false);
        assertTrue(noTools.unavailable(VmDriverKind.LIMA).orElseThrow().contains("limactl"));
        if (DriverAvailability.fromEnvironment().unavailable(VmDriverKind.LIMA).isPresent()) {
            robot.clickOn("#driver-choice");
            waitUntil("the lima entry", () -> robot.lookup("#driver-lima").tryQuery().isPresent());
            Labeled lima = robot.lookup("#driver-lima").queryAs(Labeled.class);
            assertTrue(lima.isDisabled());
            assertTrue(lima.getText().contains("needs limactl"), lima.getText());
            robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        }
        apps.put(app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 1, "Running", "True", "Started", 1,
                "ContainerEngineReady", "True", "Connected", 1));
        waitUntil("running", () -> session.app().status().wantRunning());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<ContainerEngine> engine = robot.lookup("#engine-choice").queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> engine.setValue(ContainerEngine.CONTAINERD));
        robot.clickOn("#apply-settings");
        waitUntil("the question", () -> robot.lookup("#apply-confirmation").tryQuery().isPresent());
        Button cancel = robot.lookup("#apply-confirmation .button").match(n -> n instanceof Button b && b.getText().equals("Cancel")).queryButton();
        assertTrue(cancel.isDefaultButton(), "Cancel is the default");
        robot.clickOn(cancel);
        assertTrue(commands.calls().isEmpty(), "nothing applied without a yes");
        robot.clickOn("#apply-settings");
        waitUntil("the question", () -> robot.lookup("#confirm-apply").tryQuery().isPresent());
        robot.clickOn("#confirm-apply");
        waitUntil("the write", () -> commands.calls().equals(List.of("settings engine=containerd driver=process")));
    }

    @Test
    void theStatusBarNamesTheChosenDriverNotTheOneTheMachineRanWithBefore() {
        App a = app(true, ContainerEngine.MOBY, VmDriverKind.EXTERNAL, 2, "Running", "True", "Started", 2);
        VirtualMachine vm = new VirtualMachine();
        vm.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("app").withNamespace("default").build());
        vm.setStatus(new io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachineStatus());
        vm.getStatus().setDriver(VmDriverKind.PROCESS);
        assertEquals("Machine: Running (external)", MachineStatus.of(a, vm).machineLine());
        App auto = app(true, ContainerEngine.MOBY, VmDriverKind.AUTO, 2, "Running", "True", "Started", 2);
        assertEquals("Machine: Running (process)", MachineStatus.of(auto, vm).machineLine(), "auto names what it resolved to");
    }

    @Test
    void theNameColumnIsWiderThanTheActionsColumnAndTheResumeButtonIsNeverCut(FxRobot robot) throws Exception {
        containers.put(container("web", RunStatus.PAUSED));
        waitUntil("the resume button", () -> robot.lookup("#resume-web").tryQuery().isPresent());
        assertTrue(onFx(() -> table(robot, "containers").getColumns().stream()
                .noneMatch(c -> List.of("containers-col-message", "containers-col-pause").contains(c.getId()))),
                "the actions column replaces the Pause and Message columns");
        TableColumn<?, ?> name = column(robot, "containers-col-name");
        TableColumn<?, ?> actions = column(robot, "containers-col-actions");
        assertTrue(name.getWidth() >= 140, "name " + name.getWidth());
        Button resume = robot.lookup("#resume-web").queryButton();
        waitUntil("laid out", () -> resume.getWidth() > 0);
        assertEquals("Resume web", resume.getTooltip().getText());
        assertTrue(onFx(() -> resume.getWidth() + 0.5 >= resume.prefWidth(-1)), "the icon button is not squeezed");
        javafx.scene.layout.Region box = (javafx.scene.layout.Region) resume.getParent();
        assertTrue(onFx(() -> box.prefWidth(-1) <= actions.getWidth()), "every row button fits the actions column");
    }

    private static TableColumn<?, ?> column(FxRobot robot, String id) {
        return table(robot, "containers").getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
    }

    @Test
    void theFocusedSelectedRowKeepsTheHeightOfTheOtherRows(FxRobot robot) throws Exception {
        containers.put(container("web", RunStatus.EXITED));
        containers.put(container("db", RunStatus.EXITED));
        waitUntil("rows", () -> table(robot, "containers").getItems().size() == 2);
        robot.clickOn(firstCell(robot, "containers", "name"));
        waitUntil("focused", () -> robot.lookup("#containers-table").query().isFocused());
        WaitForAsyncUtils.waitForFxEvents();
        List<Double> heights = onFx(() -> robot.lookup("#containers-table .table-row-cell").queryAll().stream()
                .map(n -> (TableRow<?>) n).filter(r -> r.getItem() != null).map(r -> r.getHeight()).toList());
        assertEquals(2, heights.size());
        assertEquals(heights.get(0), heights.get(1), 0.01, "rows " + heights);
    }

    @Test
    void theTrayTooltipIsOneLineWithASeparator() {
        App a = app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 1, "Running", "True", "Started", 1,
                "ContainerEngineReady", "True", "Connected", 1);
        String tip = DesktopTray.tooltip(MachineStatus.of(a, null), true);
        assertFalse(tip.contains("\n"), tip);
        assertEquals("Machine: Running (process) · Engine: Connected (moby)", tip);
        assertEquals("rdd service unreachable — reconnecting…", DesktopTray.tooltip(MachineStatus.of(a, null), false));
    }

    @Test
    void detailsUsePlainWordsKeepShellQuotingAndStartAtTheTopForAnotherRow(FxRobot robot) throws Exception {
        Container web = changed(container("web", RunStatus.EXITED), c -> {
            c.getStatus().setPath("sh");
            c.getStatus().setArgs(List.of("-c", "echo 'hi there'; sleep 1"));
            c.getStatus().setLastAction(lastAction(RequestedState.CREATED, ActionOutcome.SUCCEEDED, 1, null));
            c.getStatus().setLabels(java.util.stream.IntStream.range(0, 40).boxed()
                    .collect(java.util.stream.Collectors.toMap(i -> "label." + i, i -> "value " + i)));
        });
        containers.put(web);
        containers.put(container("db", RunStatus.EXITED));
        robot.clickOn(firstCell(robot, "containers", "name"));
        waitUntil("details", () -> robot.lookup("#containers-details .text-field").queryAll().size() > 5);
        // Sorted by name: db is row 0, web row 1.
        robot.clickOn(robot.lookup("#containers-table .table-row-cell").nth(1).lookup("#containers-col-name").<Node>query());
        waitUntil("web's details", () -> values(robot).contains("sh -c 'echo '\\''hi there'\\''; sleep 1'"));
        List<String> values = values(robot);
        assertTrue(values.contains("stop"), "the request in words: " + values);
        assertFalse(values.contains("created"), values.toString());
        ScrollPane details = robot.lookup("#containers-details").queryAs(ScrollPane.class);
        robot.interact(() -> details.setVvalue(details.getVmax()));
        robot.clickOn(robot.lookup("#containers-table .table-row-cell").nth(0).lookup("#containers-col-name").<Node>query());
        waitUntil("back at the top", () -> details.getVvalue() == details.getVmin());
    }

    private static List<String> values(FxRobot robot) throws Exception {
        return onFx(() -> robot.lookup("#containers-details .text-input").queryAll().stream()
                .map(n -> ((javafx.scene.control.TextInputControl) n).getText()).toList());
    }

    @Test
    void aTerminatingObjectSaysWhatItWaitsForInWords(FxRobot robot) throws Exception {
        Image busy = image("busybox:latest", 1);
        images.put(terminating(busy));
        robot.press(KeyCode.SHORTCUT, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.SHORTCUT);
        robot.clickOn(firstCell(robot, "images", "tag"));
        waitUntil("details", () -> robot.lookup("#images-details .text-input").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.TextInputControl) n).getText().equals("the engine to remove it")));
        assertTrue(robot.lookup("#images-details .text-input").queryAll().stream()
                .noneMatch(n -> ((javafx.scene.control.TextInputControl) n).getText().contains("engine.rancherdesktop.io/mirror")));
    }

    @Test
    void eachContainerRowHasAStatusDotBesideItsStateText(FxRobot robot) throws Exception {
        containers.put(container("web", RunStatus.RUNNING));
        Labeled state = (Labeled) firstCell(robot, "containers", "state");
        assertEquals("running", state.getText(), "the text stays");
        assertTrue(onFx(() -> state.getGraphic() != null && state.getGraphic().getStyleClass().contains("dot-running")));
    }

    @SuppressWarnings("unused")
    private static void unused(Parent p) {
        assertNotSame(p, null);
    }
}
