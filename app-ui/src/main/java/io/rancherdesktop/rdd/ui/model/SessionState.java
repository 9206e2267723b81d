package io.rancherdesktop.rdd.ui.model;

import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.ui.feed.ConnectionState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the window may claim right now (docs/gui.md, "Honest state"): whether the service answers, whether the engine
 * its rows come from is connected, whether the machine is stopped on purpose, and whether the engine restarted under
 * running containers. Views grey their rows and disable their actions from these. JavaFX thread only.
 */
public final class SessionState {
    private final ReadOnlyObjectWrapper<ConnectionState> connection = new ReadOnlyObjectWrapper<>(this, "connection", ConnectionState.CONNECTED);
    private final AppViewModel app;
    private final ResourceTableModel<Container> containers;
    private final BooleanBinding connected;
    private final BooleanBinding engineLive;
    private final BooleanBinding machineStopped;
    private final StringBinding engineProblem;
    private final ReadOnlyStringWrapper restartNotice = new ReadOnlyStringWrapper(this, "restartNotice", "");
    /** Names of the containers that ran when the engine went away unasked; null while the engine is live. */
    private Set<String> runningAtLoss;
    private Set<String> stoppedByRestart = Set.of();

    public SessionState(AppViewModel app, ResourceTableModel<Container> containers) {
        this.app = app;
        this.containers = containers;
        var status = app.statusProperty();
        connected = Bindings.createBooleanBinding(() -> connection.get().connected(), connection);
        engineLive = Bindings.createBooleanBinding(() -> connection.get().connected() && engineUp(status.get()), connection, status);
        // Stopping counts: the engine controller deletes the mirrors while the machine stops, and the tabs must not
        // read "(0)" meanwhile.
        machineStopped = Bindings.createBooleanBinding(() -> connection.get().connected() && status.get().configured()
                && !status.get().wantRunning(), connection, status);
        engineProblem = Bindings.createStringBinding(() -> connection.get().connected() ? problem(status.get()) : "", connection, status);
        status.addListener((obs, old, now) -> followEngine(old, now));
        containers.items().addListener((ListChangeListener<ResourceRow<Container>>) c -> refreshNotice());
    }

    /** Rows of an engine that is known to be down are not live; without an App (tests, a fresh instance) they are. */
    static boolean engineUp(MachineStatus s) {
        return !s.configured() || s.engineState() == EngineState.CONNECTED || s.engineState() == EngineState.NOT_MIRRORED;
    }

    /** The banner text for an engine that should run and does not, or empty. */
    static String problem(MachineStatus s) {
        if (!s.configured() || !s.wantRunning()) {
            return "";
        }
        if (s.machine() == MachineState.ERROR) {
            return "The machine failed" + (s.machineDetail().isEmpty() ? "." : ": " + s.machineDetail());
        }
        if (s.machine() == MachineState.RUNNING && s.engine() == ContainerEngine.MOBY
                && (s.engineState() == EngineState.CONNECTING || s.engineState() == EngineState.ERROR)) {
            return "The container engine is not connected"
                    + (s.engineDetail().isEmpty() ? " — reconnecting…" : ": " + s.engineDetail());
        }
        return "";
    }

    private void followEngine(MachineStatus old, MachineStatus now) {
        boolean wasUp = engineUp(old) && old.configured() && old.machine() == MachineState.RUNNING;
        boolean up = engineUp(now) && now.configured();
        if (wasUp && !up && now.wantRunning()) {
            // Not asked for: remember what ran, to say afterwards what the restart stopped.
            runningAtLoss = new LinkedHashSet<>();
            for (ResourceRow<Container> r : containers.items()) {
                if (ContainerFacts.runStatus(r.object()) == RunStatus.RUNNING) {
                    runningAtLoss.add(ContainerFacts.name(r.object()));
                }
            }
        } else if (!now.wantRunning()) {
            runningAtLoss = null;
            stoppedByRestart = Set.of();
            restartNotice.set("");
        } else if (up && runningAtLoss != null && now.machine() == MachineState.RUNNING) {
            stoppedByRestart = runningAtLoss;
            runningAtLoss = null;
            refreshNotice();
        }
    }

    private void refreshNotice() {
        if (stoppedByRestart.isEmpty()) {
            return;
        }
        List<String> stopped = containers.items().stream()
                .filter(r -> stoppedByRestart.contains(ContainerFacts.name(r.object())))
                .filter(r -> ContainerFacts.runStatus(r.object()) != RunStatus.RUNNING)
                .map(r -> ContainerFacts.name(r.object())).sorted().toList();
        restartNotice.set("The container engine restarted; the containers that were running were stopped"
                + (stopped.isEmpty() ? "." : ": " + String.join(", ", stopped)));
    }

    /** Dismisses the engine-restarted notice. */
    public void dismissRestartNotice() {
        stoppedByRestart = Set.of();
        restartNotice.set("");
    }

    public void setConnection(ConnectionState state) {
        connection.set(state);
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** The service answers. */
    public BooleanBinding connected() {
        return connected;
    }

    /** The service answers and the rows' engine is connected (or there is no App yet): rows may be acted on. */
    public BooleanBinding engineLive() {
        return engineLive;
    }

    /** The machine is stopped (or stopping) on purpose: the tabs show an empty state with Start machine. */
    public BooleanBinding machineStopped() {
        return machineStopped;
    }

    /** Why the engine the rows come from is down while it should run, or empty. */
    public StringBinding engineProblem() {
        return engineProblem;
    }

    /** "The container engine restarted; … stopped: web, db", until dismissed or the machine stops; else empty. */
    public ReadOnlyStringProperty restartNotice() {
        return restartNotice.getReadOnlyProperty();
    }

    public AppViewModel app() {
        return app;
    }
}
