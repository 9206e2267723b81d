package io.rancherdesktop.rdd.ui.command;

import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;

import io.rancherdesktop.rdd.api.MirrorKind;
import java.util.concurrent.CompletableFuture;

/**
 * Every change the GUI makes, as API writes. Calls never block the caller: they run on a worker and complete
 * with the written object's {@code metadata.generation} (what the GUI then waits for), or fail with an
 * {@link ApiFailure} carrying the server's message.
 */
public interface ApiCommands {

    /** Merge-patches {@code App.spec.running}; creates the App when there is none yet. */
    CompletableFuture<Long> setMachineRunning(boolean running);

    /**
     * Merge-patches {@code App.spec.containerEngine.name} and {@code App.spec.vm.driver} (like
     * {@code rdd set containerEngine.name=… vm.driver=…}); creates the App (not running) when there is none.
     */
    CompletableFuture<Long> applySettings(ContainerEngine engine, VmDriverKind driver);

    /** Merge-patches a Container's {@code spec.state}: a one-shot request the engine controller serves. */
    CompletableFuture<Long> requestContainerState(String namespace, String name, RequestedState state);

    /** Deletes a mirror; the engine controller removes the engine object before the mirror goes. */
    default CompletableFuture<Void> delete(MirrorKind kind, String namespace, String name) {
        return delete(kind, namespace, name, false);
    }

    /**
     * Deletes a mirror; {@code force} (images only) sends {@code DeleteOptions.gracePeriodSeconds=0}, which the
     * server serves like {@code docker rmi -f}. An in-use object is refused with 409 Conflict naming its users.
     */
    CompletableFuture<Void> delete(MirrorKind kind, String namespace, String name, boolean force);
}
