package io.rancherdesktop.rdd.ui;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.NamespaceList;
import io.rancherdesktop.rdd.instance.PidFile;
import io.rancherdesktop.rdd.ui.launch.ServiceConnection;
import io.rancherdesktop.rdd.ui.launch.ServiceConnector;
import io.rancherdesktop.rdd.ui.testing.TempHome;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.rancherdesktop.rdd.ui.testing.FxWait.onFx;
import static io.rancherdesktop.rdd.ui.testing.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desktop app's life cycle against the real service (docs/gui.md#running-it): start or attach, no tray → the window
 * is the UI, Quit stops the service only if this GUI started it. Surefire/Failsafe run headless, so there is no tray.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopAppIT {
    private final TempHome home = new TempHome("uiapp");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;
    private Level rootLevel;

    @BeforeEach
    void captureLogs() {
        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void cleanUp() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        home.close();
    }

    private ServiceConnector connector() {
        return new ServiceConnector(home.paths(), p -> ServiceConnector.serveOptions(p).withSecurePort(0));
    }

    private DesktopApp startApp(FxRobot robot, ServiceConnection connection, CountDownLatch quit, boolean hidden) throws Exception {
        DesktopApp app = new DesktopApp(home.paths().instance(), connection, true, quit::countDown);
        onFx(() -> {
            app.start(new Stage(), hidden);
            return null;
        });
        return app;
    }

    @Test
    void withoutATrayTheWindowIsTheUiAndClosingItQuitsAndStopsTheServiceTheGuiStarted(FxRobot robot) throws Exception {
        ServiceConnection connection = connector().connect();
        assertTrue(connection.ownsService());
        CountDownLatch quit = new CountDownLatch(1);
        // --hidden without a tray would leave nothing on screen: the window shows anyway.
        DesktopApp app = startApp(robot, connection, quit, true);
        until("the window", () -> app.stage().isShowing());
        assertTrue(app.tray().isEmpty());
        until("the App feed answered", () -> app.session().window().tabs().getTabs().getFirst().getText().equals("Containers (0)"));

        List<ILoggingEvent> trayLines = logs.list.stream().filter(e -> e.getLoggerName().endsWith("DesktopTray")).toList();
        assertEquals(1, trayLines.size(), "one line says there is no tray");
        assertEquals(Level.INFO, trayLines.getFirst().getLevel());
        assertTrue(logs.list.stream().noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
                && !e.getLoggerName().contains("VersionUsageUtils")), "no warnings: " + logs.list);

        onFx(() -> {
            app.stage().fireEvent(new WindowEvent(app.stage(), WindowEvent.WINDOW_CLOSE_REQUEST));
            return null;
        });
        assertTrue(quit.await(30, TimeUnit.SECONDS), "closing the only window quits");
        assertFalse(onFx(() -> app.stage().isShowing()));
        assertTrue(PidFile.runningPid(home.paths().pidFile()).isEmpty(), "the service the GUI started has stopped");
        assertFalse(Files.exists(home.paths().apiSocket()), "its socket is gone");
    }

    /**
     * Issue 13: a GUI that started the service asks on Quit while the machine runs; "Keep running and quit" with
     * Remember stops the service (not the machine) and saves the choice in the instance's settings file. Without
     * controllers, so the App asking for a machine starts no engine.
     */
    @Test
    void quitAsksWhetherToStopTheMachineAndRemembersKeepRunningInTheInstanceSettingsFile(FxRobot robot) throws Exception {
        ServiceConnection connection = new ServiceConnector(home.paths(),
                p -> ServiceConnector.serveOptions(p).withSecurePort(0).withControllers("*", List.of())).connect();
        assertTrue(connection.ownsService());
        java.nio.file.Path settingsFile = io.rancherdesktop.rdd.ui.settings.GuiSettingsStore.fileFor(home.paths());
        CountDownLatch quit = new CountDownLatch(1);
        DesktopApp app = new DesktopApp(home.paths().instance(), connection, true, quit::countDown,
                io.rancherdesktop.rdd.ui.settings.GuiSettingsStore.open(settingsFile));
        // The first window of the JVM pays for class loading and CSS: a loaded machine needs more than onFx's 20 s.
        org.testfx.util.WaitForAsyncUtils.asyncFx(() -> app.start(new Stage(), false)).get(90, TimeUnit.SECONDS);
        until("the window", () -> app.stage().isShowing());
        onFx(() -> {
            app.session().app().setMachineRunning(true);
            return null;
        });
        until("the App wants the machine running", () -> app.session().app().status().wantRunning());

        javafx.application.Platform.runLater(app::quit); // the question waits in its own event loop
        until("the question", () -> robot.lookup("#quit-dialog").tryQuery().isPresent());
        robot.clickOn("#quit-remember");
        robot.clickOn("#quit-keep-running");
        assertTrue(quit.await(30, TimeUnit.SECONDS), "quits after the answer");
        assertTrue(PidFile.runningPid(home.paths().pidFile()).isEmpty(), "the service the GUI started has stopped");
        assertTrue(Files.readString(settingsFile).contains("quit=keep-running"), "the choice is remembered for the instance");
        assertEquals(io.rancherdesktop.rdd.ui.settings.QuitChoice.KEEP_RUNNING,
                io.rancherdesktop.rdd.ui.settings.GuiSettingsStore.open(settingsFile).get().quit());
    }

    @Test
    void aRunningServiceIsAttachedToAndQuitLeavesItRunning(FxRobot robot) throws Exception {
        try (ServiceConnection running = connector().connect()) {
            ServiceConnection attached = connector().connect();
            assertFalse(attached.ownsService(), attached.describe());
            CountDownLatch quit = new CountDownLatch(1);
            DesktopApp app = startApp(robot, attached, quit, false);
            until("the window", () -> app.stage().isShowing());
            onFx(() -> {
                app.quit();
                return null;
            });
            assertTrue(quit.await(30, TimeUnit.SECONDS));
            assertTrue(PidFile.runningPid(home.paths().pidFile()).isPresent(), "the other service still holds its PID file");
            NamespaceList namespaces = running.client().namespaces().list();
            assertTrue(namespaces.getItems().stream().anyMatch(n -> n.getMetadata().getName().equals("default")),
                    "the service still answers");
        }
    }
}
