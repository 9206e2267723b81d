package io.rancherdesktop.rdd.ui;

import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.ui.command.KubernetesApiCommands;
import io.rancherdesktop.rdd.ui.feed.ApiFeeds;
import io.rancherdesktop.rdd.ui.feed.ConnectionProbe;
import io.rancherdesktop.rdd.ui.stream.HttpContainerStreams;
import io.rancherdesktop.rdd.ui.command.RequestCommands;
import io.rancherdesktop.rdd.ui.view.exec.TerminalLauncher;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer;
import io.rancherdesktop.rdd.ui.launch.ServiceConnection;
import io.rancherdesktop.rdd.ui.model.MachineStatus;
import io.rancherdesktop.rdd.ui.tray.DesktopTray;
import io.rancherdesktop.rdd.ui.tray.TrayActions;
import io.rancherdesktop.rdd.ui.settings.GuiSettings;
import io.rancherdesktop.rdd.ui.settings.GuiSettingsStore;
import io.rancherdesktop.rdd.ui.view.DesktopDarkMode;
import io.rancherdesktop.rdd.ui.view.LinkOpener;
import io.rancherdesktop.rdd.ui.view.Theme;
import io.rancherdesktop.rdd.ui.view.ThemeController;
import io.rancherdesktop.rdd.ui.view.settings.QuitDialog;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running desktop app: the GUI session on a stage, the tray icon where there is a tray, and the rules of
 * docs/gui.md#running-it — closing the window keeps the app in the tray (or quits when there is no tray), Quit stops the
 * GUI and, only if this GUI started it, the service (and the machine, if the person so chooses: {@link QuitController}).
 */
public final class DesktopApp implements TrayActions {
    private static final Logger log = LoggerFactory.getLogger(DesktopApp.class);
    /** How long Quit waits for the machine to stop (when so chosen) before it stops the service anyway. */
    static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    private final Instance instance;
    private final ServiceConnection connection;
    private final boolean trayWanted;
    private final Runnable afterQuit;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rdd-ui-api-", 0).factory());
    private final AtomicBoolean quitting = new AtomicBoolean();
    private final GuiSettingsStore settings;
    private GuiSession session;
    private Stage stage;
    private Optional<DesktopTray> tray = Optional.empty();
    private ThemeController themes;
    private QuitController quitter;
    private boolean asking;

    /**
     * @param trayWanted false to skip the tray even where one exists (tests)
     * @param afterQuit runs once everything is closed (the launcher exits the JVM there)
     */
    /**
     * An app whose settings are kept in memory only, with Quit set to keep the machine running without asking (what
     * Quit did before it asked; tools and tests drive Quit themselves).
     */
    public DesktopApp(Instance instance, ServiceConnection connection, boolean trayWanted, Runnable afterQuit) {
        this(instance, connection, trayWanted, afterQuit,
                GuiSettingsStore.inMemory(GuiSettings.DEFAULTS.withQuit(io.rancherdesktop.rdd.ui.settings.QuitChoice.KEEP_RUNNING)));
    }

    /** @param settings the instance's GUI settings (theme, what Quit does: {@link GuiSettingsStore#fileFor}) */
    public DesktopApp(Instance instance, ServiceConnection connection, boolean trayWanted, Runnable afterQuit,
                      GuiSettingsStore settings) {
        this.instance = instance;
        this.connection = connection;
        this.trayWanted = trayWanted;
        this.afterQuit = afterQuit;
        this.settings = settings;
    }

    /** Builds the window on {@code stage}, adds the tray icon and starts the feeds. JavaFX thread. */
    public void start(Stage primary, boolean hidden) {
        this.stage = primary;
        session = new GuiSession(ApiFeeds.informers(connection.client()),
                new KubernetesApiCommands(connection.client(), workers),
                ConnectionProbe.livez(connection.client(), Duration.ofSeconds(2)), Platform::runLater, UpdateCoalescer.DEFAULT_INTERVAL);
        session.attachContainerTools(new HttpContainerStreams(connection.client()), new TerminalLauncher(instance.name(), System.getenv()));
        session.attachRequestDialogs(new RequestCommands(connection.client(), workers));
        stage.setTitle("rdd — " + instance.name());
        stage.setScene(session.window().scene());
        // The desktop's dark mode is read off the FX thread; light shows until it is known.
        themes = new ThemeController(settings, System.getenv(), DesktopDarkMode::detectAsync, Platform::runLater);
        themes.manage(session.window().scene());
        session.attachSettings(settings, themes);
        session.attachContainerDetails(LinkOpener.desktop(workers));
        quitter = new QuitController(connection.ownsService(), session.app(), settings,
                () -> QuitDialog.ask(stage.isShowing() ? stage : null, themes.theme() == Theme.DARK), STOP_TIMEOUT);
        stage.setMinWidth(640);
        stage.setMinHeight(400);
        // Usable at 1024×700 (docs/gui.md): the default size fits such a screen.
        stage.setWidth(Math.min(1100, javafx.stage.Screen.getPrimary().getVisualBounds().getWidth()));
        stage.setHeight(Math.min(680, javafx.stage.Screen.getPrimary().getVisualBounds().getHeight()));
        if (trayWanted) {
            tray = DesktopTray.install("rdd (" + instance.name() + ")", MachineStatus.NOT_CONFIGURED, this, Platform::runLater);
        }
        tray.ifPresent(t -> {
            Runnable showTray = () -> t.show(session.app().status(), session.state().connectionProperty().get().connected());
            session.app().statusProperty().addListener((obs, old, now) -> showTray.run());
            session.state().connectionProperty().addListener((obs, old, now) -> showTray.run());
            session.notifier().setWhenHidden(message -> t.message("rdd", message, true));
        });
        // Without a tray there is no way back to a hidden window: closing it quits.
        Platform.setImplicitExit(false);
        stage.setOnCloseRequest(e -> {
            if (tray.isPresent()) {
                e.consume();
                stage.hide();
            } else {
                e.consume();
                quit();
            }
        });
        session.start();
        log.info("rdd GUI for \"{}\": {}; tray {}", instance.name(), connection.describe(),
                tray.isPresent() ? "present" : "absent");
        if (!hidden || tray.isEmpty()) {
            stage.show();
        }
    }

    public GuiSession session() {
        return session;
    }

    public Optional<DesktopTray> tray() {
        return tray;
    }

    public Stage stage() {
        return stage;
    }

    @Override
    public void toggleMachine() {
        session.app().toggleMachine();
    }

    @Override
    public void open() {
        if (quitting.get()) {
            return;
        }
        stage.show();
        stage.setIconified(false);
        stage.toFront();
        stage.requestFocus();
    }

    @Override
    public void openSettings() {
        open();
        session.openSettings();
    }

    /**
     * Quits (docs/gui.md "Closing and quitting"): asks first when this GUI started the service and the machine runs
     * (unless a remembered choice answers; Cancel keeps the app), stops the machine when so chosen, then stops the GUI
     * and, only if this GUI started it, the service. Idempotent. JavaFX thread.
     */
    @Override
    public void quit() {
        if (quitting.get() || asking) {
            return;
        }
        Optional<QuitController.Plan> plan;
        asking = true;
        try {
            plan = quitter.decide();
        } finally {
            asking = false;
        }
        if (plan.isEmpty() || !quitting.compareAndSet(false, true)) {
            return;
        }
        log.info("quit: {}", plan.get());
        stage.hide();
        quitter.carryOut(plan.get(), this::shutdown);
    }

    private void shutdown() {
        tray.ifPresent(DesktopTray::close);
        // Closing the service can take seconds (controllers stop the engine): keep the FX thread free.
        Thread.ofPlatform().name("rdd-ui-quit").start(() -> {
            try {
                session.close();
                workers.shutdownNow();
                if (connection.ownsService()) {
                    // The machine keeps running unless Quit stopped it: the next service adopts it (docs/app-controller.md).
                    log.info("stopping the service this GUI started");
                }
                connection.close();
            } catch (RuntimeException e) {
                log.warn("quitting: {}", e.getMessage(), e);
            } finally {
                afterQuit.run();
            }
        });
    }
}
