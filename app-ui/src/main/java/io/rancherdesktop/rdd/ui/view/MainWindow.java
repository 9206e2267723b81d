package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.ui.model.AppViewModel;
import io.rancherdesktop.rdd.ui.model.ResourceTableModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import io.rancherdesktop.rdd.ui.model.SessionState;
import javafx.scene.text.Font;

import java.util.List;
import java.util.Objects;

/**
 * The main window's scene: machine bar, tabs (Containers, Images, Volumes) under the notification banner, and
 * the status bar. Keyboard: Ctrl+1/2/3 switch tabs, Ctrl+F filters, Delete deletes the selection (after
 * confirmation), Ctrl+Plus/Minus/0 scale all text (every size in the stylesheet is in em).
 */
public final class MainWindow {
    public static final String STYLESHEET = Objects.requireNonNull(
            MainWindow.class.getResource("/io/rancherdesktop/rdd/ui/rdd.css")).toExternalForm();
    private static final double MIN_SCALE = 0.75;
    private static final double MAX_SCALE = 2.5;

    private final BorderPane root = new BorderPane();
    private final TabPane tabs = new TabPane();
    private final Scene scene;
    private final MachineBar machineBar;
    private final DoubleProperty textScale = new SimpleDoubleProperty(1.0);
    private final List<MirrorTable<?>> tables;

    public MainWindow(SessionState state, ContainersView containers, ImagesView images, VolumesView volumes,
                      BannerNotifier banner, ResourceTableModel<?> containerModel, ResourceTableModel<?> imageModel,
                      ResourceTableModel<?> volumeModel) {
        AppViewModel app = state.app();
        machineBar = new MachineBar(app, state);
        tables = List.of(containers.table(), images.table(), volumes.table());
        tabs.setId("tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().setAll(
                tab("containers-tab", "Containers", containers.table(), containerModel, state),
                tab("images-tab", "Images", images.table(), imageModel, state),
                tab("volumes-tab", "Volumes", volumes.table(), volumeModel, state));
        for (MirrorTable<?> t : tables) {
            // Rows of an unreachable service or a down engine are greyed and cannot be acted on.
            t.liveProperty().bind(state.engineLive());
            t.machineStoppedProperty().bind(state.machineStopped());
            t.setOnStartMachine(() -> app.setMachineRunning(true));
        }
        // Banners take their own rows above the tabs: they never cover the tab bar.
        VBox top = new VBox(machineBar.node(), new StateBanners(state).node(), banner.node());
        root.setTop(top);
        root.setCenter(tabs);
        root.setBottom(new StatusLine(app, state).node());
        root.setId("main");

        double base = Font.getDefault().getSize();
        root.styleProperty().bind(Bindings.createStringBinding(
                () -> String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", base * textScale.get()), textScale));

        scene = new Scene(root, 1100, 680);
        scene.getStylesheets().add(STYLESHEET);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), this::focusFilter);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN), () -> select(0));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), () -> select(1));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN), () -> select(2));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN), () -> zoom(1.1));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN), () -> zoom(1.1));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN), () -> zoom(1.1));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN), () -> zoom(1 / 1.1));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN), () -> zoom(1 / 1.1));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN), () -> textScale.set(1.0));
        // At launch focus goes to the rows, not to the first control (the Machine switch: one Space would stop the engine).
        scene.windowProperty().addListener((obs, old, window) -> {
            if (window != null) {
                window.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, e -> containers.table().table().requestFocus());
            }
        });
        containers.table().table().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                containers.deleteSelected();
                e.consume();
            }
        });
        images.table().table().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                images.deleteSelected();
                e.consume();
            }
        });
        volumes.table().table().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                volumes.deleteSelected();
                e.consume();
            }
        });
    }

    public Scene scene() {
        return scene;
    }

    public TabPane tabs() {
        return tabs;
    }

    public MachineBar machineBar() {
        return machineBar;
    }

    /** The factor all text is scaled by (1.0 = the platform's default size). */
    public DoubleProperty textScaleProperty() {
        return textScale;
    }

    private void zoom(double factor) {
        textScale.set(Math.clamp(textScale.get() * factor, MIN_SCALE, MAX_SCALE));
    }

    private void select(int index) {
        tabs.getSelectionModel().select(index);
        tables.get(index).table().requestFocus();
    }

    private void focusFilter() {
        int i = tabs.getSelectionModel().getSelectedIndex();
        tables.get(Math.max(i, 0)).filterField().requestFocus();
    }

    /**
     * A tab whose title counts its rows. While the machine is stopped (its mirrors are gone), the count is the last one
     * seen while it ran, greyed — never "(0)", which would read as if everything had been deleted.
     */
    private static Tab tab(String id, String title, MirrorTable<?> table, ResourceTableModel<?> model, SessionState state) {
        Tab tab = new Tab(title, table.node());
        tab.setId(id);
        int[] lastKnown = {-1};
        tab.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = model.items().size();
            if (state.machineStopped().get()) {
                // The mirrors go while the machine stops: keep the count of when it ran.
                if (n == 0) {
                    return lastKnown[0] < 0 ? title : title + " (" + lastKnown[0] + ")";
                }
                return title + " (" + n + ")";
            }
            lastKnown[0] = n;
            return title + " (" + n + ")";
        }, model.items(), state.machineStopped()));
        javafx.beans.value.ChangeListener<Object> grey = (obs, o, n) -> {
            boolean stale = !state.engineLive().get() || (state.machineStopped().get() && model.items().isEmpty());
            if (stale) {
                if (!tab.getStyleClass().contains("stale-tab")) {
                    tab.getStyleClass().add("stale-tab");
                }
            } else {
                tab.getStyleClass().remove("stale-tab");
            }
        };
        state.engineLive().addListener(grey);
        state.machineStopped().addListener(grey);
        tab.textProperty().addListener(grey);
        return tab;
    }
}
