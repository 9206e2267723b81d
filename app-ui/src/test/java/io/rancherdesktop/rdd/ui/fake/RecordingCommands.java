package io.rancherdesktop.rdd.ui.fake;

import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.ui.command.ApiCommands;
import io.rancherdesktop.rdd.ui.command.ApiFailure;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the GUI's writes and answers them at once (unit tests only). {@link #failNextWith} injects the server's
 * refusal of the next write, as fault injection.
 */
public final class RecordingCommands implements ApiCommands {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile ApiFailure nextFailure;
    private volatile long generation = 2;

    public List<String> calls() {
        return calls;
    }

    /** The generation the next successful write reports. */
    public void answerGeneration(long g) {
        generation = g;
    }

    public void failNextWith(int code, String reason, String serverMessage) {
        nextFailure = new ApiFailure("server refused", code, reason, serverMessage, null);
    }

    @Override
    public CompletableFuture<Long> setMachineRunning(boolean running) {
        return answer("running=" + running, generation);
    }

    @Override
    public CompletableFuture<Long> applySettings(ContainerEngine engine, VmDriverKind driver) {
        return answer("settings engine=" + engine.value() + " driver=" + driver.value(), generation);
    }

    @Override
    public CompletableFuture<Long> requestContainerState(String namespace, String name, RequestedState state) {
        return answer("state " + namespace + "/" + name + "=" + state.value(), generation);
    }

    @Override
    public CompletableFuture<Void> delete(MirrorKind kind, String namespace, String name, boolean force) {
        return answer((force ? "force-delete " : "delete ") + kind.singular() + " " + namespace + "/" + name, null);
    }

    private <R> CompletableFuture<R> answer(String call, R value) {
        calls.add(call);
        ApiFailure f = nextFailure;
        if (f != null) {
            nextFailure = null;
            return CompletableFuture.failedFuture(f);
        }
        return CompletableFuture.completedFuture(value);
    }
}
