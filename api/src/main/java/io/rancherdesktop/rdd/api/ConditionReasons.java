package io.rancherdesktop.rdd.api;

/**
 * Condition reasons, grouped by the condition type they belong to (docs/api.md §1.1, §3.2;
 * docs/design/mirroring-rules.md §10). Consumers branch on these values, never on messages.
 */
public final class ConditionReasons {

    /** Reasons of {@code Created} (VirtualMachine, copied to the App). */
    public static final class Created {
        public static final String PENDING = "Pending";
        public static final String CREATED = "Created";
        public static final String CREATE_FAILED = "CreateFailed";

        private Created() {
        }
    }

    /** Reasons of the machine's {@code Running} (VirtualMachine, copied to the App). */
    public static final class Running {
        public static final String RECONCILING = "Reconciling";
        public static final String STARTING = "Starting";
        public static final String STARTED = "Started";
        public static final String STOPPED = "Stopped";
        public static final String START_FAILED = "StartFailed";
        public static final String STOP_FAILED = "StopFailed";

        private Running() {
        }
    }

    /** Reasons of {@code ContainerEngineReady} on the App (docs/design/mirroring-rules.md §10). */
    public static final class ContainerEngineReady {
        /** moby, App Running, first full sync done (True). */
        public static final String CONNECTED = "Connected";
        /** containerd: nothing to mirror (True) [I1]. */
        public static final String NOT_APPLICABLE = "NotApplicable";
        /** moby, App Running, connect or sync failed (False). */
        public static final String CONNECT_FAILED = "ConnectFailed";
        /** App not Running; cleanup finished (False). */
        public static final String STOPPED = "Stopped";

        private ContainerEngineReady() {
        }
    }

    /** Reasons of {@code KubernetesReady} on the App. */
    public static final class KubernetesReady {
        public static final String READY = "Ready";
        public static final String NOT_APPLICABLE = "NotApplicable";
        public static final String NOT_RUNNING = "NotRunning";
        public static final String PROBING = "Probing";
        public static final String WAITING_FOR_NODE = "WaitingForNode";
        public static final String MERGE_FAILED = "MergeFailed";

        private KubernetesReady() {
        }
    }

    /**
     * Reasons of {@code Settled} on the App (docs/api.md §1.2). Besides these, Settled may carry a reason
     * forwarded from {@code Running} or {@code ContainerEngineReady}.
     */
    public static final class Settled {
        public static final String SETTLED = "Settled";
        public static final String APPLYING_TEMPLATE = "ApplyingTemplate";
        /** The upstream {@code WaitingForLimaVM}, renamed with LimaVM → VirtualMachine (docs/design/upstream-differences.md §2). */
        public static final String WAITING_FOR_VIRTUAL_MACHINE = "WaitingForVirtualMachine";
        public static final String WAITING_FOR_ENGINE = "WaitingForEngine";
        public static final String ENGINE_STALE = "EngineStale";
        public static final String WAITING_FOR_KUBERNETES = "WaitingForKubernetes";
        public static final String KUBERNETES_STALE = "KubernetesStale";

        private Settled() {
        }
    }

    /**
     * Reasons of the Container conditions derived from {@code status.status} (docs/api.md §3.2):
     * {@code Running}, {@code Paused}, {@code Restarting}, {@code Dead} are True with the positive reason exactly
     * when the status equals that word, else False with the {@code Not…} reason; {@code OOMKilled} is always
     * Unknown with reason {@code OOMKilled}.
     */
    public static final class Container {
        public static final String RUNNING = "Running";
        public static final String NOT_RUNNING = "NotRunning";
        public static final String PAUSED = "Paused";
        public static final String NOT_PAUSED = "NotPaused";
        public static final String RESTARTING = "Restarting";
        public static final String NOT_RESTARTING = "NotRestarting";
        public static final String DEAD = "Dead";
        public static final String NOT_DEAD = "NotDead";
        public static final String OOM_KILLED = "OOMKilled";

        private Container() {
        }
    }

    private ConditionReasons() {
    }
}
