package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.ui.model.AppViewModel;
import io.rancherdesktop.rdd.ui.model.DriverAvailability;
import io.rancherdesktop.rdd.ui.model.MachineStatus;
import io.rancherdesktop.rdd.ui.model.SessionState;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.ToggleSwitch;

/**
 * The top bar: the machine toggle (App {@code spec.running}), the engine and driver choices with Apply
 * (App {@code spec.containerEngine.name} and {@code spec.vm.driver}, one merge patch), and the progress of the last
 * write until the App is {@code Settled} at the written generation.
 */
public final class MachineBar {
    private final ToolBar bar = new ToolBar();
    private final ToggleSwitch machine = new ToggleSwitch("Machine");
    private final ComboBox<ContainerEngine> engine = new ComboBox<>();
    private final ComboBox<VmDriverKind> driver = new ComboBox<>();
    private final Button apply = new Button("_Apply");
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final Label progress = new Label();
    private boolean updating;
    private MachineStatus shown = MachineStatus.NOT_CONFIGURED;
    private final SessionState state;

    private final DriverAvailability drivers;
    private final AppViewModel app;

    public MachineBar(AppViewModel app, SessionState state) {
        this(app, state, DriverAvailability.fromEnvironment());
    }

    public MachineBar(AppViewModel app, SessionState state, DriverAvailability drivers) {
        this.state = state;
        this.drivers = drivers;
        this.app = app;
        bar.setId("machine-bar");
        machine.setId("machine-toggle");
        machine.setAccessibleText("Machine running");
        machine.setTooltip(new Tooltip("Start or stop the machine and its container engine"));
        machine.selectedProperty().addListener((obs, was, now) -> {
            if (!updating) {
                app.setMachineRunning(now);
            }
        });

        engine.setId("engine-choice");
        engine.getItems().setAll(ContainerEngine.values());
        engine.setAccessibleText("Container engine");
        Label engineLabel = new Label("_Engine");
        engineLabel.setMnemonicParsing(true);
        engineLabel.setLabelFor(engine);

        driver.setId("driver-choice");
        driver.getItems().setAll(VmDriverKind.values());
        // A driver that cannot work on this host is shown, disabled, with the reason (not offered to fail later).
        driver.setCellFactory(lv -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(VmDriverKind item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setDisable(false);
                    return;
                }
                var reason = drivers.unavailable(item);
                setText(reason.map(r -> item.value() + " — " + r).orElse(item.value()));
                setDisable(reason.isPresent());
                setId("driver-" + item.value());
            }
        });
        driver.setAccessibleText("Machine driver");
        Label driverLabel = new Label("Dri_ver");
        driverLabel.setMnemonicParsing(true);
        driverLabel.setLabelFor(driver);

        apply.setId("apply-settings");
        apply.setMnemonicParsing(true);
        apply.setTooltip(new Tooltip("Write the engine and driver to the App (like rdd set) and wait until it settles"));
        apply.setOnAction(e -> applyAsked());
        engine.valueProperty().addListener((obs, o, n) -> refreshApply());
        driver.valueProperty().addListener((obs, o, n) -> refreshApply());

        spinner.setId("progress-spinner");
        spinner.getStyleClass().add("small-spinner");
        spinner.visibleProperty().bind(app.busyProperty());
        spinner.managedProperty().bind(app.busyProperty());
        progress.setId("progress");
        progress.textProperty().bind(app.progressProperty());
        progress.getStyleClass().add("progress-text");

        bar.getItems().addAll(machine, new Separator(), engineLabel, engine, driverLabel, driver, apply, spinner, progress);

        app.statusProperty().addListener((obs, old, now) -> show(now));
        // Nothing can be written while the service is unreachable: say so by disabling, not by a late failure.
        machine.disableProperty().bind(state.connected().not());
        engine.disableProperty().bind(state.connected().not());
        driver.disableProperty().bind(state.connected().not());
        state.connected().addListener((obs, was, now) -> refreshApply());
        show(app.status());
    }

    public ToolBar node() {
        return bar;
    }

    public ToggleSwitch machineToggle() {
        return machine;
    }

    private void show(MachineStatus now) {
        updating = true;
        try {
            machine.setSelected(now.wantRunning());
            // Follow the App unless the person has picked something else and not applied it yet.
            if (engine.getValue() == null || engine.getValue() == shown.engine()) {
                engine.setValue(now.engine());
            }
            if (driver.getValue() == null || driver.getValue() == shown.driver()) {
                driver.setValue(now.driver());
            }
            shown = now;
        } finally {
            updating = false;
        }
        refreshApply();
    }

    /** Applies; while the machine runs, only after the person agreed to restart it (Cancel is the default). */
    private void applyAsked() {
        boolean changes = engine.getValue() != shown.engine() || driver.getValue() != shown.driver();
        if (shown.wantRunning() && changes) {
            javafx.scene.control.ButtonType restart = new javafx.scene.control.ButtonType("Apply and restart",
                    javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
            javafx.scene.control.Alert ask = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                    "", restart, javafx.scene.control.ButtonType.CANCEL);
            if (bar.getScene() != null) {
                ask.initOwner(bar.getScene().getWindow());
            }
            ask.setTitle("Restart the machine?");
            ask.setHeaderText("The machine is running");
            Label text = new Label("Changing the engine or the driver stops the machine and every container in it, "
                    + "then starts it again with engine " + engine.getValue().value() + " and driver "
                    + driver.getValue().value() + ".");
            text.setWrapText(true);
            text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            ask.getDialogPane().setContent(text);
            ask.getDialogPane().setId("apply-confirmation");
            ask.setResizable(true);
            ((javafx.scene.control.Button) ask.getDialogPane().lookupButton(restart)).setDefaultButton(false);
            ((javafx.scene.control.Button) ask.getDialogPane().lookupButton(restart)).setId("confirm-apply");
            ((javafx.scene.control.Button) ask.getDialogPane().lookupButton(javafx.scene.control.ButtonType.CANCEL)).setDefaultButton(true);
            ask.showAndWait().filter(b -> b == restart).ifPresent(b -> app.applySettings(engine.getValue(), driver.getValue()));
            return;
        }
        app.applySettings(engine.getValue(), driver.getValue());
    }

    private void refreshApply() {
        boolean changed = engine.getValue() != shown.engine() || driver.getValue() != shown.driver()
                || !shown.configured();
        // A new write may replace one still waiting to settle (it may never settle, e.g. without controllers).
        var reason = driver.getValue() == null ? java.util.Optional.<String>empty() : drivers.unavailable(driver.getValue());
        apply.setDisable(!changed || !state.connected().get() || reason.isPresent());
        apply.setTooltip(new Tooltip(reason.map(r -> driver.getValue().value() + " " + r)
                .orElse("Write the engine and driver to the App (like rdd set) and wait until it settles")));
    }
}
