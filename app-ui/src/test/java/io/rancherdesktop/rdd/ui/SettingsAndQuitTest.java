package io.rancherdesktop.rdd.ui;

import io.fabric8.kubernetes.api.model.Event;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.ui.fake.InMemoryFeed;
import io.rancherdesktop.rdd.ui.fake.RecordingCommands;
import io.rancherdesktop.rdd.ui.feed.ApiFeeds;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer;
import io.rancherdesktop.rdd.ui.settings.GuiSettings;
import io.rancherdesktop.rdd.ui.settings.GuiSettingsStore;
import io.rancherdesktop.rdd.ui.settings.QuitChoice;
import io.rancherdesktop.rdd.ui.settings.ThemeSetting;
import io.rancherdesktop.rdd.ui.view.Theme;
import io.rancherdesktop.rdd.ui.view.ThemeController;
import io.rancherdesktop.rdd.ui.view.settings.QuitDialog;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.rancherdesktop.rdd.ui.fake.Objects.app;
import static io.rancherdesktop.rdd.ui.testing.FxWait.onFx;
import static io.rancherdesktop.rdd.ui.testing.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's Settings dialog and Quit over faked feeds: the theme applies live and persists; Quit asks only when this
 * GUI started the service and the machine runs, a remembered choice answers without asking, and "stop the machine"
 * writes {@code spec.running=false} and quits once the App settles.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsAndQuitTest {
    private final InMemoryFeed<App> apps = new InMemoryFeed<>();
    private final InMemoryFeed<VirtualMachine> machines = new InMemoryFeed<>();
    private final InMemoryFeed<Container> containers = new InMemoryFeed<>();
    private final InMemoryFeed<Image> images = new InMemoryFeed<>();
    private final InMemoryFeed<Volume> volumes = new InMemoryFeed<>();
    private final InMemoryFeed<Event> events = new InMemoryFeed<>();
    private final RecordingCommands commands = new RecordingCommands();
    private final Path dir;
    private final Path file;
    private GuiSession session;
    private Stage stage;

    SettingsAndQuitTest() throws Exception {
        dir = Files.createTempDirectory("rdd-gui-settings");
        file = dir.resolve("instance").resolve(GuiSettingsStore.FILE_NAME);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        session = new GuiSession(new ApiFeeds(apps, machines, containers, images, volumes, events), commands,
                Platform::runLater, UpdateCoalescer.DEFAULT_INTERVAL);
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
            Application.setUserAgentStylesheet(null); // the other tests run with the default look
            return null;
        });
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private ThemeController attach(GuiSettingsStore store, Map<String, String> env, boolean desktopDark) throws Exception {
        return onFx(() -> {
            ThemeController themes = new ThemeController(store, env, () -> CompletableFuture.completedFuture(desktopDark), Platform::runLater);
            themes.manage(session.window().scene());
            session.attachSettings(store, themes);
            return themes;
        });
    }

    private boolean dark() throws Exception {
        return onFx(() -> session.window().scene().getRoot().getStyleClass().contains("dark"));
    }

    // ---- Settings ----

    @Test
    void theSettingsButtonOpensTheDialogWhereAThemeAppliesAtOnceAndIsSavedForTheNextRun(FxRobot robot) throws Exception {
        GuiSettingsStore store = GuiSettingsStore.open(file);
        ThemeController themes = attach(store, Map.of(), false);
        until("system = the light desktop", () -> themes.theme() == Theme.LIGHT && !dark());

        robot.clickOn("#open-settings");
        until("the dialog", () -> robot.lookup("#settings-dialog").tryQuery().isPresent());
        assertTrue(onFx(() -> robot.lookup("#settings-theme-system").queryAs(RadioButton.class).isSelected()));
        assertTrue(onFx(() -> robot.lookup("#settings-quit-ask").queryAs(RadioButton.class).isSelected()));

        robot.clickOn("#settings-theme-dark");
        until("the window turned dark at once", () -> dark() && themes.theme() == Theme.DARK);
        until("the dialog too", () -> robot.lookup("#settings-dialog").query().getStyleClass().contains("dark"));
        assertTrue(Files.readString(file).contains("theme=dark"), "saved at once");

        robot.clickOn("#settings-quit-keep-running");
        until("saved", () -> Files.readString(file).contains("quit=keep-running"));
        robot.clickOn("#settings-theme-light");
        until("light again", () -> !dark());
        robot.clickOn("#settings-close");
        until("closed", () -> robot.lookup("#settings-dialog").tryQuery().isEmpty());

        assertEquals(new GuiSettings(ThemeSetting.LIGHT, QuitChoice.KEEP_RUNNING), GuiSettingsStore.open(file).get(),
                "the next run reads what was chosen");
    }

    @Test
    void systemFollowsTheDesktopAndTheEnvironmentOverrideWinsAndIsNamedInTheDialog(FxRobot robot) throws Exception {
        GuiSettingsStore followsDesktop = GuiSettingsStore.inMemory(GuiSettings.DEFAULTS);
        ThemeController themes = attach(followsDesktop, Map.of(ThemeController.ENV, "light"), true);
        until("RDD_GUI_THEME=light beats the dark desktop", () -> themes.theme() == Theme.LIGHT);
        onFx(() -> session.openSettings());
        until("the dialog", () -> robot.lookup("#settings-theme-note").tryQuery().isPresent());
        String note = onFx(() -> robot.lookup("#settings-theme-note").queryAs(Label.class).getText());
        assertTrue(note.contains("RDD_GUI_THEME=light") && note.contains("overrides"), note);
        robot.clickOn("#settings-theme-dark");
        until("saved", () -> followsDesktop.get().theme() == ThemeSetting.DARK);
        assertFalse(dark(), "the override still wins");
    }

    @Test
    void systemIsTheDesktopsDarkModeReadOffTheFxThread() throws Exception {
        ThemeController themes = attach(GuiSettingsStore.inMemory(GuiSettings.DEFAULTS), Map.of(), true);
        until("dark, as the desktop", () -> dark() && themes.theme() == Theme.DARK);
    }

    // ---- Quit ----

    private void machineRunning() throws Exception {
        apps.put(app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 1, "Running", "True", "Started", 1,
                "ContainerEngineReady", "True", "Connected", 1, "Settled", "True", "Settled", 1));
        until("the machine runs", () -> session.app().status().wantRunning());
    }

    private CompletableFuture<Optional<QuitController.Plan>> decide(QuitController q) {
        CompletableFuture<Optional<QuitController.Plan>> plan = new CompletableFuture<>();
        // decide() waits in the dialog's nested event loop: hand it to the FX thread and answer with the robot.
        Platform.runLater(() -> plan.complete(q.decide()));
        return plan;
    }

    @Test
    void anAttachedGuiNeverAsksAndNeverStopsAnything() throws Exception {
        machineRunning();
        AtomicInteger asked = new AtomicInteger();
        QuitController q = new QuitController(false, session.app(), GuiSettingsStore.inMemory(GuiSettings.DEFAULTS),
                () -> { asked.incrementAndGet(); return Optional.empty(); }, Duration.ofSeconds(10));
        assertEquals(Optional.of(QuitController.Plan.DETACH), onFx(q::decide));
        assertEquals(0, asked.get());
        assertTrue(commands.calls().isEmpty(), commands.calls().toString());
    }

    @Test
    void aGuiThatStartedTheServiceAsksOnlyWhileTheMachineRuns() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        QuitController q = new QuitController(true, session.app(), GuiSettingsStore.inMemory(GuiSettings.DEFAULTS),
                () -> { asked.incrementAndGet(); return Optional.empty(); }, Duration.ofSeconds(10));
        assertEquals(Optional.of(QuitController.Plan.STOP_SERVICE), onFx(q::decide), "no machine to stop: no question");
        assertEquals(0, asked.get());
        machineRunning();
        assertEquals(Optional.empty(), onFx(q::decide), "Cancel keeps the app");
        assertEquals(1, asked.get());
    }

    @Test
    void stopMachineAndQuitWithRememberIsSavedWritesRunningFalseAndQuitsOnceTheMachineStopped(FxRobot robot) throws Exception {
        machineRunning();
        GuiSettingsStore store = GuiSettingsStore.open(file);
        QuitController q = new QuitController(true, session.app(), store, () -> QuitDialog.ask(stage, false), Duration.ofSeconds(30));
        CompletableFuture<Optional<QuitController.Plan>> plan = decide(q);
        until("the question", () -> robot.lookup("#quit-dialog").tryQuery().isPresent());
        assertTrue(onFx(() -> robot.lookup("#quit-keep-running").queryAs(javafx.scene.control.Button.class).isDefaultButton()),
                "the default keeps the machine");
        robot.clickOn("#quit-remember");
        robot.clickOn("#quit-stop-machine");
        assertEquals(Optional.of(QuitController.Plan.STOP_MACHINE_AND_SERVICE), plan.get(10, TimeUnit.SECONDS));
        assertEquals(QuitChoice.STOP_MACHINE, store.get().quit());
        assertTrue(Files.readString(file).contains("quit=stop-machine"), "remembered in the settings file");

        CompletableFuture<Void> quit = new CompletableFuture<>();
        onFx(() -> {
            q.carryOut(plan.get().get(), () -> quit.complete(null));
            return null;
        });
        until("spec.running=false written", () -> commands.calls().contains("running=false"));
        assertFalse(quit.isDone(), "waits for the machine to stop");
        apps.put(app(false, ContainerEngine.MOBY, VmDriverKind.PROCESS, 2, "Running", "False", "Stopped", 2,
                "Settled", "True", "Settled", 2));
        quit.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRememberedChoiceIsAppliedWithoutAsking() throws Exception {
        machineRunning();
        AtomicInteger asked = new AtomicInteger();
        GuiSettingsStore keep = GuiSettingsStore.inMemory(new GuiSettings(ThemeSetting.SYSTEM, QuitChoice.KEEP_RUNNING));
        QuitController q = new QuitController(true, session.app(), keep, () -> { asked.incrementAndGet(); return Optional.empty(); },
                Duration.ofSeconds(10));
        assertEquals(Optional.of(QuitController.Plan.STOP_SERVICE), onFx(q::decide));
        CompletableFuture<Void> quit = new CompletableFuture<>();
        onFx(() -> {
            q.carryOut(QuitController.Plan.STOP_SERVICE, () -> quit.complete(null));
            return null;
        });
        quit.get(5, TimeUnit.SECONDS);
        assertTrue(commands.calls().isEmpty(), "the machine is left running: " + commands.calls());

        GuiSettingsStore stop = GuiSettingsStore.inMemory(new GuiSettings(ThemeSetting.SYSTEM, QuitChoice.STOP_MACHINE));
        QuitController q2 = new QuitController(true, session.app(), stop, () -> { asked.incrementAndGet(); return Optional.empty(); },
                Duration.ofSeconds(10));
        assertEquals(Optional.of(QuitController.Plan.STOP_MACHINE_AND_SERVICE), onFx(q2::decide));
        assertEquals(0, asked.get(), "never asked");
    }

    @Test
    void keepRunningAndQuitWithoutRememberAsksAgainNextTime(FxRobot robot) throws Exception {
        machineRunning();
        GuiSettingsStore store = GuiSettingsStore.open(file);
        QuitController q = new QuitController(true, session.app(), store, () -> QuitDialog.ask(stage, false), Duration.ofSeconds(30));
        CompletableFuture<Optional<QuitController.Plan>> plan = decide(q);
        until("the question", () -> robot.lookup("#quit-dialog").tryQuery().isPresent());
        robot.clickOn("#quit-keep-running");
        assertEquals(Optional.of(QuitController.Plan.STOP_SERVICE), plan.get(10, TimeUnit.SECONDS));
        assertEquals(QuitChoice.ASK, store.get().quit());
        assertFalse(Files.exists(file), "nothing remembered");
    }

    @Test
    void aMachineThatDoesNotStopInTimeStillLetsTheAppQuit() throws Exception {
        machineRunning();
        QuitController q = new QuitController(true, session.app(), GuiSettingsStore.inMemory(new GuiSettings(ThemeSetting.SYSTEM, QuitChoice.STOP_MACHINE)),
                Optional::empty, Duration.ofMillis(300));
        CompletableFuture<Void> quit = new CompletableFuture<>();
        onFx(() -> {
            q.carryOut(QuitController.Plan.STOP_MACHINE_AND_SERVICE, () -> quit.complete(null));
            return null;
        });
        quit.get(10, TimeUnit.SECONDS);
        assertTrue(commands.calls().contains("running=false"));
    }
}
