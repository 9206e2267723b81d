package io.rancherdesktop.rdd.ui.model;

import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.ui.command.ApiCommands;
import io.rancherdesktop.rdd.ui.command.ApiFailure;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer.Batch;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The machine and engine as the status bar, the machine bar and the tray show them, plus the progress of this
 * GUI's own App writes: after a write it waits for {@code Settled=True} at the written generation (like
 * {@code rdd set}) and reports a failure reason as an error. JavaFX thread only.
 */
public final class AppViewModel {
    /** Settled reasons that end a wait with a failure (forwarded from Running / ContainerEngineReady). */
    private static final Set<String> FAILURE_REASONS = Set.of(
            ConditionReasons.Running.START_FAILED, ConditionReasons.Running.STOP_FAILED,
            ConditionReasons.Created.CREATE_FAILED, ConditionReasons.ContainerEngineReady.CONNECT_FAILED);

    private final ApiCommands commands;
    private final Notifier notifier;
    private final Executor uiThread;
    private final ReadOnlyObjectWrapper<MachineStatus> status = new ReadOnlyObjectWrapper<>(this, "status", MachineStatus.NOT_CONFIGURED);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private App app;
    private VirtualMachine vm;
    private Waiting waiting;

    private record Waiting(String what, long generation) {
    }

    public AppViewModel(ApiCommands commands, Notifier notifier, Executor uiThread) {
        this.commands = commands;
        this.notifier = notifier;
        this.uiThread = uiThread;
    }

    public ReadOnlyObjectProperty<MachineStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public MachineStatus status() {
        return status.get();
    }

    /** True while a write of this GUI is on its way or waiting to settle. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** "Applying…", "Waiting: WaitingForEngine", "Applied", or a failure; empty when idle. */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public void applyApps(Batch<App> batch) {
        for (App a : batch.upserted()) {
            if (App.NAME.equals(a.getMetadata().getName())) {
                app = a;
            }
        }
        for (App a : batch.deleted()) {
            if (App.NAME.equals(a.getMetadata().getName())) {
                app = null;
            }
        }
        refresh();
    }

    public void applyVirtualMachines(Batch<VirtualMachine> batch) {
        String ns = status.get().namespace();
        for (VirtualMachine v : batch.upserted()) {
            if (VirtualMachine.APP_VM_NAME.equals(v.getMetadata().getName()) && ns.equals(v.getMetadata().getNamespace())) {
                vm = v;
            }
        }
        for (VirtualMachine v : batch.deleted()) {
            if (vm != null && ResourceKeys.of(v).equals(ResourceKeys.of(vm))) {
                vm = null;
            }
        }
        refresh();
    }

    /** Starts the machine when it is (meant to be) stopped, else stops it. */
    public void toggleMachine() {
        setMachineRunning(!status.get().wantRunning());
    }

    public void setMachineRunning(boolean running) {
        write(running ? "Starting the machine" : "Stopping the machine", commands.setMachineRunning(running));
    }

    public void applySettings(ContainerEngine engine, VmDriverKind driver) {
        write("Applying engine " + engine.value() + " with driver " + driver.value(), commands.applySettings(engine, driver));
    }

    private void write(String what, CompletableFuture<Long> call) {
        busy.set(true);
        progress.set(what + "…");
        call.whenCompleteAsync((generation, error) -> {
            if (error != null) {
                waiting = null;
                busy.set(false);
                progress.set("");
                notifier.error(ApiFailure.of(what, error).getMessage());
                return;
            }
            waiting = new Waiting(what, generation == null ? 0 : generation);
            refresh();
        }, uiThread);
    }

    private void refresh() {
        MachineStatus s = MachineStatus.of(app, vm);
        status.set(s);
        if (waiting == null) {
            return;
        }
        SettledState settled = s.settled();
        if (settled.isSettledAt(waiting.generation())) {
            // Nothing left to report: the status bar shows the state reached (a "…: done" line stayed forever).
            progress.set("");
            busy.set(false);
            waiting = null;
        } else if (settled.observedGeneration() >= waiting.generation() && FAILURE_REASONS.contains(settled.reason())) {
            String message = waiting.what() + " failed: " + settled.reason()
                    + (settled.message().isEmpty() ? "" : ": " + settled.message());
            progress.set(message);
            busy.set(false);
            waiting = null;
            notifier.error(message);
        } else {
            String reason = settled.observedGeneration() >= waiting.generation() && !settled.reason().isEmpty()
                    ? settled.reason() : "waiting for the controllers";
            progress.set(waiting.what() + "… (" + reason + ")");
        }
    }
}
