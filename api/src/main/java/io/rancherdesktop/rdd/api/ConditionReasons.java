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
        /** True: the engine exited behind the driver's back and is being restarted (the first exit in the window). */
        public static final String RESTARTING = "Restarting";
        /**
         * True: the engine keeps exiting and is restarted after a doubling back-off; the message names the delay and
         * the attempts left (docs/vm-drivers.md, process driver, "Supervision").
         */
        public static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";
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

    /**
     * Reasons of the request kinds' {@code Complete} and {@code Failed} conditions (docs/api.md §3.5). Docker's own
     * error text is the condition's message.
     */
    public static final class Request {
        /** Complete=False: no engine is connected; served when it connects. */
        public static final String ENGINE_NOT_READY = "EngineNotReady";
        /** Complete=False: being served. */
        public static final String IN_PROGRESS = "InProgress";
        /** Complete=True: a ContainerCreateRequest's container was created (and started, for state running). */
        public static final String CREATED = "Created";
        /** Complete=True: a VolumeCreateRequest's volume was created. */
        public static final String VOLUME_CREATED = "VolumeCreated";
        /** Complete=True: the image was pulled. */
        public static final String PULLED = "Pulled";
        /** Complete=True: the image was pushed. */
        public static final String PUSHED = "Pushed";
        /** Complete=True: the object this request creates was found in the engine, labelled with its uid, and adopted. */
        public static final String ADOPTED = "Adopted";
        /** Complete=False when Failed=True. */
        public static final String FAILED = "Failed";
        /** Failed: the engine refused (Docker's message). */
        public static final String ENGINE_ERROR = "EngineError";
        /** Failed: the spec is invalid in a way the schema cannot see (the message says which field). */
        public static final String INVALID_SPEC = "InvalidSpec";
        /** Failed: a container of the requested name exists. */
        public static final String NAME_CONFLICT = "NameConflict";
        /** Failed: the image is not in the engine and could not be pulled. */
        public static final String IMAGE_PULL_FAILED = "ImagePullFailed";
        /** Failed: the image was pulled/created but the container would not start. */
        public static final String START_FAILED = "StartFailed";
        /** Failed: the engine went away while the request was being served. */
        public static final String ENGINE_STOPPED = "EngineStopped";
        /** Failed: a previous attempt started and the engine has no trace of its outcome; never served twice. */
        public static final String OUTCOME_UNKNOWN = "OutcomeUnknown";
        /** Failed: registry credentials could not be read (the message names where from, never the secret). */
        public static final String CREDENTIALS_FAILED = "CredentialsFailed";
        /** Failed (ImageScanRequest): no image scanner ships with rdd. */
        public static final String NO_SCANNER = "NoScanner";
        /** Failed: the request is not in the resource namespace the engine mirrors into. */
        public static final String WRONG_NAMESPACE = "WrongNamespace";

        private Request() {
        }
    }

    private ConditionReasons() {
    }
}
