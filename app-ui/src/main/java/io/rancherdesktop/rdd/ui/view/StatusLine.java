package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.ui.model.AppViewModel;
import io.rancherdesktop.rdd.ui.model.MachineState;
import io.rancherdesktop.rdd.ui.model.MachineStatus;
import io.rancherdesktop.rdd.ui.model.SessionState;
import io.rancherdesktop.rdd.ui.model.SettledState;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Circle;
import org.controlsfx.control.StatusBar;

/** The bottom status bar: machine state, engine state and the App's {@code Settled} condition with its reason. */
public final class StatusLine {
    private final StatusBar bar = new StatusBar();
    private final Label machine = new Label();
    private final Label engine = new Label();
    private final Label settled = new Label();
    private final Circle dot = new Circle(5);

    private final AppViewModel app;
    private final SessionState state;

    public StatusLine(AppViewModel app, SessionState state) {
        this.app = app;
        this.state = state;
        bar.setId("status-bar");
        machine.setId("status-machine");
        engine.setId("status-engine");
        settled.setId("status-settled");
        dot.getStyleClass().add("state-dot");
        machine.setGraphic(dot);
        bar.setText("");
        bar.getLeftItems().setAll(machine, new Separator(Orientation.VERTICAL), engine,
                new Separator(Orientation.VERTICAL), settled);
        app.statusProperty().addListener((obs, old, now) -> show(now));
        state.connectionProperty().addListener((obs, old, now) -> show(app.status()));
        show(app.status());
    }

    public StatusBar node() {
        return bar;
    }

    private void show(MachineStatus s) {
        if (!state.connectionProperty().get().connected()) {
            // The last known state is no longer known: never leave it green.
            machine.setText("Service: unreachable — reconnecting…");
            machine.setTooltip(new Tooltip(state.connectionProperty().get().detail()));
            engine.setText("Engine: unknown");
            engine.setTooltip(null);
            settled.setText("");
            dot.getStyleClass().removeIf(c -> c.startsWith("tray-"));
            dot.getStyleClass().add("tray-error");
            machine.setAccessibleText("The rdd service is unreachable; reconnecting");
            return;
        }
        machine.setText(s.machineLine() + (s.machineDetail().isEmpty() || s.machine() != MachineState.ERROR
                ? "" : ": " + s.machineDetail()));
        machine.setTooltip(s.machineDetail().isEmpty() ? null : new Tooltip(s.machineDetail()));
        engine.setText(s.engineLine());
        engine.setTooltip(s.engineDetail().isEmpty() ? null : new Tooltip(s.engineDetail()));
        settled.setText(settledText(s.settled()));
        settled.setTooltip(s.settled().message().isEmpty() ? null : new Tooltip(s.settled().message()));
        dot.getStyleClass().removeIf(c -> c.startsWith("tray-"));
        dot.getStyleClass().add("tray-" + s.trayState().name().toLowerCase());
        machine.setAccessibleText(s.machineLine() + ". " + s.engineLine() + ". " + settledText(s.settled()));
    }

    /** "Settled", "Not settled: WaitingForEngine", with "(stale)" when written for an older generation. */
    static String settledText(SettledState s) {
        if (s == SettledState.ABSENT) {
            return "Settled: unknown";
        }
        String text = "True".equals(s.status()) ? "Settled" : "Not settled: " + s.reason();
        return s.current() ? text : text + " (stale)";
    }
}
