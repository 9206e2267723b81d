package io.rancherdesktop.rdd.vm;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs (or attaches to) one instance's container engine. One driver object per instance; the VirtualMachine
 * controller calls {@link #start}, {@link #stop} and {@link #delete} from its reconcile thread and turns
 * {@link VmStatus} changes (pushed to listeners, never polled) into conditions.
 *
 * <p>Calls to {@code start}, {@code stop} and {@code delete} are serialised; {@code stop} and {@code delete}
 * interrupt a {@code start} that is still waiting for the engine. {@link #close()} detaches without touching
 * the engine, so a new driver for the same instance (e.g. after a service restart) finds it again.
 */
public sealed interface VmDriver extends AutoCloseable permits ProcessDriver, ExternalDriver, LimaDriver {

    DriverKind kind();

    /**
     * Starts the engine described by {@code config}, or adopts one already running for this instance, and blocks
     * until its API answers a ping. Idempotent: a running engine with the same config is left alone; a running
     * engine with a different config is stopped first.
     *
     * @throws VmException with {@link VmReason#START_FAILED} and the engine's error text
     */
    VmStatus start(EngineConfig config) throws VmException;

    /**
     * Creates the machine without starting its engine, as upstream creates its VM eagerly (docs/app-controller.md,
     * "When the machine is created"): process: the engine's directories and default config file; lima: the VM
     * instance ({@code limactl create}); external: nothing (the engine is somebody else's). Idempotent; a machine
     * that exists (or runs) is left alone.
     *
     * @throws VmException with {@link VmReason#START_FAILED} when the machine cannot be created
     */
    void create(EngineConfig config) throws VmException;

    /**
     * Stops the engine, gracefully within {@code timeout}, then forcibly; returns once the engine process is gone
     * (for {@code external}: at once, the engine is not ours). Also stops an engine left running by an earlier
     * service run of this instance.
     *
     * @throws VmException with {@link VmReason#STOP_FAILED}
     */
    VmStatus stop(Duration timeout) throws VmException;

    /** Stops the engine and removes what the driver created for it (engine data, VM disk). */
    VmStatus delete(Duration timeout) throws VmException;

    VmStatus status();

    /** Registers a listener for status changes; closing the returned handle removes it. */
    ListenerRegistration addListener(VmStatusListener listener);

    /** The Docker API endpoint while a moby engine runs; empty otherwise (stopped, or containerd). */
    default Optional<String> dockerEndpoint() {
        return status().endpoint().filter(EngineEndpoint::isDockerApi).map(EngineEndpoint::address);
    }

    /** Detaches: stops watching and frees the driver's threads, leaving the engine as it is. */
    @Override
    void close();

    /** Handle returned by {@link #addListener}. */
    @FunctionalInterface
    interface ListenerRegistration extends AutoCloseable {
        @Override
        void close();
    }
}
