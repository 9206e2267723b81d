package io.rancherdesktop.rdd.ui.model;

import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.ui.fake.RecordingCommands;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer.Batch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.rancherdesktop.rdd.ui.fake.Objects.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppViewModelTest {
    private final RecordingCommands commands = new RecordingCommands();
    private final List<String> errors = new ArrayList<>();
    private final AppViewModel vm = new AppViewModel(commands, new Notifier() {
        @Override
        public void error(String message) {
            errors.add(message);
        }

        @Override
        public void info(String message) {
        }
    }, Runnable::run);

    private void receive(App a) {
        vm.applyApps(new Batch<>(List.of(a), List.of()));
    }

    @Test
    void applyingSettingsWaitsForSettledAtTheWrittenGeneration() {
        receive(app(false, ContainerEngine.MOBY, VmDriverKind.AUTO, 1, "Settled", "True", "Settled", 1));
        commands.answerGeneration(2);
        vm.applySettings(ContainerEngine.CONTAINERD, VmDriverKind.PROCESS);
        assertEquals(List.of("settings engine=containerd driver=process"), commands.calls());
        assertTrue(vm.busyProperty().get());

        // Settled=True of generation 1 is stale for the write at generation 2.
        receive(app(false, ContainerEngine.CONTAINERD, VmDriverKind.PROCESS, 2, "Settled", "True", "Settled", 1));
        assertTrue(vm.busyProperty().get());
        receive(app(false, ContainerEngine.CONTAINERD, VmDriverKind.PROCESS, 2, "Settled", "False", "WaitingForEngine", 2));
        assertTrue(vm.progressProperty().get().contains("WaitingForEngine"), vm.progressProperty().get());
        receive(app(false, ContainerEngine.CONTAINERD, VmDriverKind.PROCESS, 2, "Settled", "True", "Settled", 2));
        assertFalse(vm.busyProperty().get());
        // Done is the end of the progress: the line goes (it used to say "…: done" forever); the status bar has the state.
        assertEquals("", vm.progressProperty().get());
        assertTrue(errors.isEmpty());
    }

    @Test
    void aFailureReasonAtTheWrittenGenerationEndsTheWaitWithAnError() {
        commands.answerGeneration(4);
        vm.setMachineRunning(true);
        assertEquals(List.of("running=true"), commands.calls());
        receive(app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 4,
                "Running", "False", "StartFailed", 4, "Settled", "False", "StartFailed", 4));
        assertFalse(vm.busyProperty().get());
        assertEquals(List.of("Starting the machine failed: StartFailed: detail of StartFailed"), errors);
    }

    @Test
    void aRefusedWriteIsReportedWithTheServersMessage() {
        commands.failNextWith(422, "Invalid", "spec.vm.driver: Unsupported value: \"kvm\"");
        vm.applySettings(ContainerEngine.MOBY, VmDriverKind.LIMA);
        assertFalse(vm.busyProperty().get());
        assertEquals(1, errors.size());
        assertTrue(errors.getFirst().endsWith("spec.vm.driver: Unsupported value: \"kvm\""), errors.getFirst());
    }

    @Test
    void theToggleStopsARunningMachineAndStartsAStoppedOne() {
        receive(app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 1, "Running", "True", "Started", 1));
        vm.toggleMachine();
        receive(app(false, ContainerEngine.MOBY, VmDriverKind.PROCESS, 2, "Running", "False", "Stopped", 2));
        vm.toggleMachine();
        assertEquals(List.of("running=false", "running=true"), commands.calls());
    }
}
