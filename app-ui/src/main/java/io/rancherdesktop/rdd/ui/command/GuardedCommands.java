package io.rancherdesktop.rdd.ui.command;

import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@link ApiCommands} that fail at once, with a sentence a person understands, while the service is known to be
 * unreachable — instead of a write that hangs for the client's timeout and ends in a client library message.
 */
public final class GuardedCommands implements ApiCommands {
    /** The message of a write refused because the service is unreachable. */
    public static final String UNREACHABLE = "the rdd service is not reachable; reconnecting…";

    private final ApiCommands delegate;
    private final BooleanSupplier connected;

    public GuardedCommands(ApiCommands delegate, BooleanSupplier connected) {
        this.delegate = delegate;
        this.connected = connected;
    }

    private <R> CompletableFuture<R> guard(String what, Supplier<CompletableFuture<R>> call) {
        if (!connected.getAsBoolean()) {
            return CompletableFuture.failedFuture(new ApiFailure("cannot " + what, 0, "", UNREACHABLE, null));
        }
        return call.get();
    }

    @Override
    public CompletableFuture<Long> setMachineRunning(boolean running) {
        return guard(running ? "start the machine" : "stop the machine", () -> delegate.setMachineRunning(running));
    }

    @Override
    public CompletableFuture<Long> applySettings(ContainerEngine engine, VmDriverKind driver) {
        return guard("apply the settings", () -> delegate.applySettings(engine, driver));
    }

    @Override
    public CompletableFuture<Long> requestContainerState(String namespace, String name, RequestedState state) {
        return guard("set container " + name + " to " + state.value(), () -> delegate.requestContainerState(namespace, name, state));
    }

    @Override
    public CompletableFuture<Void> delete(MirrorKind kind, String namespace, String name, boolean force) {
        return guard("delete " + kind.singular() + " " + name, () -> delegate.delete(kind, namespace, name, force));
    }
}
