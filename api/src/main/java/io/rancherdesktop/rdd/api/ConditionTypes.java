package io.rancherdesktop.rdd.api;

/** Condition types (docs/api.md §1.1, §3; docs/design/mirroring-rules.md §10). */
public final class ConditionTypes {

    /** App and VirtualMachine: the machine exists (for lima: the instance is on disk). */
    public static final String CREATED = "Created";
    /**
     * App and VirtualMachine: the machine is up (True says nothing about the engine socket).
     * Container: the container's {@code status.status} is {@code running}.
     */
    public static final String RUNNING = "Running";
    /** App: the engine controller is connected and has synced its mirrors (or mirroring does not apply). */
    public static final String CONTAINER_ENGINE_READY = "ContainerEngineReady";
    /** App: Kubernetes (k3s) is ready; out of scope except as an input of {@link #SETTLED}. */
    public static final String KUBERNETES_READY = "KubernetesReady";
    /** App: the reconcile chain has caught up with the current spec; {@code rdd set} waits on it. */
    public static final String SETTLED = "Settled";

    /** Container: {@code status.status} is {@code paused}. */
    public static final String PAUSED = "Paused";
    /** Container: {@code status.status} is {@code restarting}. */
    public static final String RESTARTING = "Restarting";
    /** Container: {@code status.status} is {@code dead}. */
    public static final String DEAD = "Dead";
    /** Container: always Unknown (Docker's OOM flag is not mirrored). */
    public static final String OOM_KILLED = "OOMKilled";

    /** Request kinds (ContainerCreateRequest, ImagePullRequest, …): the request completed. */
    public static final String COMPLETE = "Complete";
    /** Request kinds: the request failed. */
    public static final String FAILED = "Failed";

    private ConditionTypes() {
    }
}
