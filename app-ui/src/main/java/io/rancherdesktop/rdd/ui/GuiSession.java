package io.rancherdesktop.rdd.ui;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.ui.command.ApiCommands;
import io.rancherdesktop.rdd.ui.command.GuardedCommands;
import io.rancherdesktop.rdd.ui.feed.ApiFeeds;
import io.rancherdesktop.rdd.ui.feed.ConnectionMonitor;
import io.rancherdesktop.rdd.ui.feed.ConnectionProbe;
import io.rancherdesktop.rdd.ui.feed.ConnectionState;
import io.rancherdesktop.rdd.ui.model.SessionState;
import io.rancherdesktop.rdd.ui.feed.ResourceFeed;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer.Batch;
import io.rancherdesktop.rdd.ui.model.AppViewModel;
import io.rancherdesktop.rdd.ui.model.ContainerRequests;
import io.rancherdesktop.rdd.ui.model.DeleteRequests;
import io.rancherdesktop.rdd.ui.model.ImageIndex;
import io.rancherdesktop.rdd.ui.model.ResourceKeys;
import io.rancherdesktop.rdd.ui.model.ResourceTableModel;
import io.rancherdesktop.rdd.ui.model.WarningIndex;
import io.rancherdesktop.rdd.ui.view.BannerNotifier;
import io.rancherdesktop.rdd.ui.view.ContainersView;
import io.rancherdesktop.rdd.ui.view.ImagesView;
import io.rancherdesktop.rdd.ui.view.MainWindow;
import io.rancherdesktop.rdd.ui.view.VolumesView;
import io.rancherdesktop.rdd.ui.stream.ContainerStreams;
import io.rancherdesktop.rdd.ui.view.exec.TerminalLauncher;
import io.rancherdesktop.rdd.ui.view.tools.ContainerTools;
import io.rancherdesktop.rdd.ui.command.RequestCommands;
import io.rancherdesktop.rdd.ui.view.dialogs.RequestDialogs;
import io.rancherdesktop.rdd.ui.settings.GuiSettingsStore;
import io.rancherdesktop.rdd.ui.view.LinkOpener;
import io.rancherdesktop.rdd.ui.view.ThemeController;
import io.rancherdesktop.rdd.ui.view.settings.SettingsDialog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The GUI's object graph for one connection to the rdd API: feeds → coalescer → models → views. Construct it on
 * the JavaFX application thread, then {@link #start()} the feeds. Everything here talks to the API only through
 * {@link ApiFeeds} and {@link ApiCommands}.
 */
public final class GuiSession implements AutoCloseable {
    private final ApiFeeds feeds;
    private final UpdateCoalescer coalescer;
    private final ResourceTableModel<Container> containers = new ResourceTableModel<>();
    private final ResourceTableModel<Image> images = new ResourceTableModel<>();
    private final ResourceTableModel<Volume> volumes = new ResourceTableModel<>();
    private final AppViewModel app;
    private final BannerNotifier notifier;
    private final MainWindow window;
    private final ContainersView containersView;
    private final ImagesView imagesView;
    private final VolumesView volumesView;
    private final List<Runnable> starters = new ArrayList<>();
    private final SessionState state;
    private final ConnectionMonitor monitor;
    private final Executor uiThread;
    private final ApiCommands commands;
    private ContainerTools containerTools;
    private GuiSettingsStore settingsStore;
    private ThemeController themes;

    /** A session over feeds that cannot lose their connection (in-memory feeds in tests). */
    public GuiSession(ApiFeeds feeds, ApiCommands commands, Executor uiThread, Duration batchInterval) {
        this(feeds, commands, null, uiThread, batchInterval);
    }

    /**
     * @param probe checks that the service answers (see {@link ConnectionProbe#livez}); null when the feeds cannot
     *              lose their connection
     */
    public GuiSession(ApiFeeds feeds, ApiCommands rawCommands, ConnectionProbe probe, Executor uiThread, Duration batchInterval) {
        this.feeds = feeds;
        this.uiThread = uiThread;
        this.coalescer = new UpdateCoalescer(uiThread, batchInterval);
        this.notifier = new BannerNotifier();
        SessionState[] stateRef = new SessionState[1];
        // Writes fail at once while the service is known to be unreachable.
        ApiCommands commands = new GuardedCommands(rawCommands,
                () -> stateRef[0] == null || stateRef[0].connectionProperty().get().connected());
        this.commands = commands;
        this.app = new AppViewModel(commands, notifier, uiThread);
        WarningIndex warnings = new WarningIndex(Map.of(
                MirrorKind.CONTAINER, containers, MirrorKind.IMAGE, images, MirrorKind.VOLUME, volumes));
        ContainerRequests containerRequests = new ContainerRequests(containers, commands, notifier, uiThread);
        DeleteRequests deletes = new DeleteRequests(commands, notifier, uiThread);

        state = new SessionState(app, containers);
        stateRef[0] = state;
        monitor = probe == null ? null : new ConnectionMonitor(probe, ConnectionMonitor.DEFAULT_INTERVAL, uiThread, this::connectionChanged);

        ImageIndex imageIndex = new ImageIndex(images);
        containersView = new ContainersView(containers, containerRequests, deletes, imageIndex, warnings);
        // Container rows show image tags: redraw them once the index has followed an image batch.
        images.onApplied(batch -> containersView.table().refreshCells());
        java.util.function.Function<String, String> containerState = name -> containers.items().stream()
                .filter(r -> name.equals(io.rancherdesktop.rdd.ui.model.ContainerFacts.name(r.object()))).findFirst()
                .map(r -> io.rancherdesktop.rdd.ui.model.ContainerFacts.state(r.object())).orElse("");
        imagesView = new ImagesView(images, deletes, warnings, containerState);
        volumesView = new VolumesView(volumes, deletes, warnings, containerState);
        window = new MainWindow(state, containersView, imagesView, volumesView, notifier, containers, images, volumes);

        connect(feeds.apps(), app::applyApps);
        connect(feeds.machines(), app::applyVirtualMachines);
        connect(feeds.containers(), containers::apply);
        connect(feeds.images(), images::apply);
        connect(feeds.volumes(), volumes::apply);
        connect(feeds.events(), warnings::apply);
    }

    /** Routes a feed through its own coalescer channel into {@code sink}; the feed starts in {@link #start()}. */
    private <T extends HasMetadata> void connect(ResourceFeed<T> feed, Consumer<Batch<T>> sink) {
        UpdateCoalescer.Channel<T> channel = coalescer.channel(ResourceKeys::of, sink);
        starters.add(() -> feed.start(channel));
    }

    /**
     * Adds the container tools (logs, stats, run command, terminal: docs/gui.md) reading the Container log and stats
     * subresources through {@code streams}. JavaFX thread, before the window shows.
     */
    public ContainerTools attachContainerTools(ContainerStreams streams, TerminalLauncher terminal) {
        containerTools = new ContainerTools(containersView.table(), window.tabs().getTabs().getFirst(), streams, terminal,
                commands, notifier, uiThread);
        return containerTools;
    }

    /** Adds the request dialogs (New volume…, Prune…: docs/gui.md) on their tabs. JavaFX thread. */
    public void attachRequestDialogs(RequestCommands requests) {
        RequestDialogs.attach(containersView.table(), imagesView.table(), volumesView.table(), requests, uiThread);
    }

    /**
     * Adds the Settings entry (docs/gui.md "Settings"): a <b>Settings…</b> button at the end of the machine bar and
     * Ctrl+, (Cmd+, on macOS). JavaFX thread, before the window shows.
     */
    public void attachSettings(GuiSettingsStore store, ThemeController themes) {
        this.settingsStore = store;
        this.themes = themes;
        javafx.scene.control.Button button = new javafx.scene.control.Button("Settings\u2026");
        button.setId("open-settings");
        button.setTooltip(new javafx.scene.control.Tooltip("Theme, and what Quit does with the machine (Ctrl+,)"));
        button.setOnAction(e -> openSettings());
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        javafx.scene.layout.HBox.setHgrow(spacer, javafx.scene.layout.Priority.ALWAYS);
        window.machineBar().node().getItems().addAll(spacer, button);
        window.scene().getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.COMMA,
                javafx.scene.input.KeyCombination.SHORTCUT_DOWN), this::openSettings);
    }

    /** Opens the Settings dialog (after {@link #attachSettings}). JavaFX thread. */
    public SettingsDialog openSettings() {
        if (settingsStore == null) {
            throw new IllegalStateException("no settings attached");
        }
        return SettingsDialog.show(window.scene().getWindow(), settingsStore, themes);
    }

    /**
     * Adds the extra container details (env with secrets masked, mounts, networks, restart, health, ports as links:
     * docs/gui.md "Container details"); {@code links} opens a published port's URL. JavaFX thread.
     */
    public void attachContainerDetails(LinkOpener links) {
        containersView.table().detailsPane().setLinkOpener(links);
    }

    /** Starts every feed; rows arrive on the JavaFX thread in batches. */
    public void start() {
        if (monitor != null) {
            // A broken watch (a killed service closes every socket at once) checks the connection at once.
            feeds.all().forEach(f -> f.onTrouble(monitor::checkSoon));
        }
        starters.forEach(Runnable::run);
        if (monitor != null) {
            monitor.start();
        }
    }

    /** The service went away or came back: show it, and relist everything once it is back. JavaFX thread. */
    private void connectionChanged(ConnectionState now) {
        state.setConnection(now);
        if (now.connected()) {
            feeds.all().forEach(ResourceFeed::relist);
        }
    }

    public SessionState state() {
        return state;
    }

    public MainWindow window() {
        return window;
    }

    public AppViewModel app() {
        return app;
    }

    public BannerNotifier notifier() {
        return notifier;
    }

    public ResourceTableModel<Container> containers() {
        return containers;
    }

    public ResourceTableModel<Image> images() {
        return images;
    }

    public ResourceTableModel<Volume> volumes() {
        return volumes;
    }

    public ContainersView containersView() {
        return containersView;
    }

    public ImagesView imagesView() {
        return imagesView;
    }

    public VolumesView volumesView() {
        return volumesView;
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.close();
        }
        if (containerTools != null) {
            ContainerTools tools = containerTools;
            uiThread.execute(tools::close);
        }
        feeds.all().forEach(ResourceFeed::close);
        coalescer.close();
    }
}
