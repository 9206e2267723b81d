package io.rancherdesktop.rdd.controller.vm;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachineStatus;
import io.rancherdesktop.rdd.controller.StatusWriter;
import io.rancherdesktop.rdd.controller.TriggerEventSource;
import io.rancherdesktop.rdd.controller.vm.MachineStatusView.ConditionValue;
import io.rancherdesktop.rdd.controller.vm.MachineStatusView.View;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.vm.DriverKind;
import io.rancherdesktop.rdd.vm.DriverSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The VirtualMachine controller: drives the {@code vm} driver chosen by {@code spec.driver} ({@code auto} through
 * {@link DriverSelector}) towards {@code spec.running} and {@code spec.containerEngine}, and reports
 * {@code Created}, {@code Running} and {@code status.observedGeneration}. Driver calls run on each machine's own
 * thread ({@link MachineSession}); reconciles only queue work and write status, so a slow engine start never holds a
 * reconcile thread. Driver state changes (crash-restarts, a crash loop giving up) arrive through the driver's listener
 * and trigger a reconcile; nothing polls.
 *
 * <p>One engine per instance: the first VirtualMachine this controller drives owns the instance's engine until it is
 * deleted; any other VirtualMachine that asks to run fails with a message naming the owner.
 *
 * <p>Deletion stops the engine (lima: deletes the VM instance), then removes the controller's
 * {@code rdd.rancherdesktop.io/cleanup} finalizer.
 */
public final class VirtualMachineReconciler implements Reconciler<VirtualMachine>, Cleaner<VirtualMachine>, AutoCloseable {

    /** The controller name of docs/design/upstream-cli.md §7. */
    public static final String NAME = "vm";

    private static final Logger log = LoggerFactory.getLogger(VirtualMachineReconciler.class);

    private final KubernetesClient client;
    private final InstancePaths paths;
    private final DriverSelector selector;
    private final Map<String, String> env;
    private final Duration stopTimeout;
    private final Clock clock;
    private final TriggerEventSource<VirtualMachine> machineEvents = new TriggerEventSource<>("machine-events");
    private final Map<ResourceID, MachineSession> sessions = new ConcurrentHashMap<>();
    /** The machine that owns this instance's engine; guarded by {@code sessions}. */
    private ResourceID owner;

    /**
     * @param env         the service's environment ({@code RDD_DOCKERD_ARGS}, {@code RDD_VM_CPUS}, {@code DOCKER_HOST})
     * @param stopTimeout how long a graceful engine stop may take before it is killed
     */
    public VirtualMachineReconciler(KubernetesClient client, InstancePaths paths, DriverSelector selector,
                                    Map<String, String> env, Duration stopTimeout, Clock clock) {
        this.client = Objects.requireNonNull(client);
        this.paths = Objects.requireNonNull(paths);
        this.selector = Objects.requireNonNull(selector);
        this.env = Map.copyOf(env);
        this.stopTimeout = Objects.requireNonNull(stopTimeout);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public List<EventSource<?, VirtualMachine>> prepareEventSources(EventSourceContext<VirtualMachine> context) {
        return List.of(machineEvents);
    }

    @Override
    public UpdateControl<VirtualMachine> reconcile(VirtualMachine vm, Context<VirtualMachine> context) {
        ResourceID id = ResourceID.fromResource(vm);
        MachineTarget target = MachineTarget.of(vm.getSpec());
        Optional<MachineSession> session = sessionFor(id);
        if (session.isEmpty()) {
            writeNotOwner(vm, target);
            return UpdateControl.noUpdate();
        }
        MachineSession s = session.get();
        MachineObservation observed = s.observe(target);
        if (MachineStatusView.needsOperation(observed)) {
            boolean confirm = observed.lastOutcome().isEmpty() && observed.inFlight().isEmpty() && statusShowsApplied(vm, target);
            log.debug("VirtualMachine {}: applying {}{}", display(id), target, confirm ? " (confirming the recorded state)" : "");
            s.apply(target, confirm);
            observed = s.observe(target);
        }
        writeStatus(vm, MachineStatusView.view(observed), facts(s));
        return UpdateControl.noUpdate();
    }

    @Override
    public DeleteControl cleanup(VirtualMachine vm, Context<VirtualMachine> context) {
        ResourceID id = ResourceID.fromResource(vm);
        MachineTarget target = MachineTarget.of(vm.getSpec());
        Optional<MachineSession> session = sessionFor(id);
        if (session.isEmpty()) {
            return DeleteControl.defaultDelete(); // never drove an engine: nothing to tear down
        }
        MachineSession s = session.get();
        if (s.tornDown()) {
            release(id, s);
            log.info("VirtualMachine {}: engine stopped; removing the cleanup finalizer", display(id));
            return DeleteControl.defaultDelete();
        }
        s.tearDown(target);
        writeStatus(vm, MachineStatusView.view(s.observe(target.stopped())), facts(s));
        return DeleteControl.noFinalizerRemoval();
    }

    /** The session of {@code id}, created on first use, if {@code id} owns (or may take) the instance's engine. */
    private Optional<MachineSession> sessionFor(ResourceID id) {
        synchronized (sessions) {
            if (owner != null && !owner.equals(id)) {
                return Optional.empty();
            }
            owner = id;
            return Optional.of(sessions.computeIfAbsent(id, k -> new MachineSession(display(k), paths, selector, env, stopTimeout,
                    () -> machineEvents.trigger(k))));
        }
    }

    private void release(ResourceID id, MachineSession s) {
        synchronized (sessions) {
            sessions.remove(id, s);
            if (id.equals(owner)) {
                owner = null;
            }
        }
        s.close();
    }

    /** Whether the stored status already shows {@code target} applied for the current generation. */
    private static boolean statusShowsApplied(VirtualMachine vm, MachineTarget target) {
        VirtualMachineStatus st = vm.getStatus();
        if (st == null || st.getObservedGeneration() == null || vm.getMetadata().getGeneration() == null
                || st.getObservedGeneration() < vm.getMetadata().getGeneration()) {
            return false;
        }
        Optional<Condition> running = Conditions.find(st.getConditions(), ConditionTypes.RUNNING);
        return running.map(r -> target.running()
                ? Conditions.TRUE.equals(r.getStatus())
                : ConditionReasons.Running.STOPPED.equals(r.getReason())).orElse(false);
    }

    /** What the status reports besides the conditions. */
    private record Facts(int driverRestarts, Optional<DriverKind> driver, Optional<String> dockerEndpoint) {
    }

    private static Facts facts(MachineSession s) {
        return new Facts(s.takeDriverRestarts(), s.driverKind(), s.dockerEndpoint());
    }

    private void writeStatus(VirtualMachine vm, View view, Facts facts) {
        long generation = vm.getMetadata().getGeneration() == null ? 0 : vm.getMetadata().getGeneration();
        int restarts = facts.driverRestarts();
        StatusWriter.update(client, VirtualMachine.class, vm.getMetadata().getNamespace(), vm.getMetadata().getName(),
                generation, fresh -> {
                    VirtualMachineStatus st = fresh.getStatus() == null ? new VirtualMachineStatus() : fresh.getStatus();
                    fresh.setStatus(st);
                    boolean wasStarted = Conditions.isTrue(st.getConditions(), ConditionTypes.RUNNING);
                    boolean changed = Conditions.setIn(st, condition(ConditionTypes.CREATED, view.created(), generation), clock.instant());
                    if (view.running().isPresent()) {
                        ConditionValue r = view.running().get();
                        changed |= Conditions.setIn(st, condition(ConditionTypes.RUNNING, r, generation), clock.instant());
                        changed |= set(st.getMessage(), r.message(), st::setMessage);
                        int count = st.getRestartCount() == null ? 0 : st.getRestartCount();
                        int next = count + restarts + (!wasStarted && Conditions.TRUE.equals(r.status()) ? 1 : 0);
                        if (next != count) {
                            st.setRestartCount(next);
                            changed = true;
                        }
                    }
                    if (view.applied() && (st.getObservedGeneration() == null || st.getObservedGeneration() < generation)) {
                        st.setObservedGeneration(generation);
                        changed = true;
                    }
                    changed |= set(st.getDriver(), facts.driver().map(MachineTarget::apiDriver).orElse(st.getDriver()), st::setDriver);
                    changed |= set(st.getDockerEndpoint(), facts.dockerEndpoint().orElse(null), st::setDockerEndpoint);
                    return changed;
                });
    }

    /** A VirtualMachine that is not the instance's engine owner: it cannot run. */
    private void writeNotOwner(VirtualMachine vm, MachineTarget target) {
        ResourceID current;
        synchronized (sessions) {
            current = owner;
        }
        String ownerName = current == null ? "another VirtualMachine" : "VirtualMachine " + display(current);
        ConditionValue running = target.running()
                ? new ConditionValue(Conditions.FALSE, ConditionReasons.Running.START_FAILED,
                "this instance runs one engine, and " + ownerName + " owns it; delete that one first")
                : new ConditionValue(Conditions.FALSE, ConditionReasons.Running.STOPPED, "not running");
        writeStatus(vm, new View(new ConditionValue(Conditions.UNKNOWN,
                ConditionReasons.Created.PENDING, "not created: " + ownerName + " owns this instance's engine"),
                Optional.of(running), true), new Facts(0, Optional.empty(), Optional.empty()));
    }

    /** {@code namespace/name}, as kubectl shows it. */
    private static String display(ResourceID id) {
        return id.getNamespace().map(ns -> ns + "/").orElse("") + id.getName();
    }

    private static Condition condition(String type, ConditionValue v, long generation) {
        return Conditions.condition(type, v.status(), v.reason(), v.message(), generation);
    }

    private static <V> boolean set(V current, V next, java.util.function.Consumer<V> setter) {
        if (Objects.equals(current, next)) {
            return false;
        }
        setter.accept(next);
        return true;
    }

    /** Detaches from every engine without stopping it: the next service run adopts the engines. */
    @Override
    public void close() {
        synchronized (sessions) {
            sessions.values().forEach(MachineSession::close);
            sessions.clear();
            owner = null;
        }
    }
}
