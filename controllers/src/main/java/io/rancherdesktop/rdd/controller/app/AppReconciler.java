package io.rancherdesktop.rdd.controller.app;

import io.rancherdesktop.rdd.controller.ConflictRetry;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppStatus;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachineStatus;
import io.rancherdesktop.rdd.controller.StatusWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The App controller (docs/api.md §1.3 with LimaVM read as VirtualMachine and no template ConfigMaps): keeps the
 * singleton App's VirtualMachine {@code rd} in the resource namespace R in line with the App spec, mirrors the
 * machine's {@code Created} and {@code Running} conditions into the App, and computes {@code Settled}.
 *
 * <p>Reads are fresh GETs (the reconcile runs for one object, rarely); every VirtualMachine change reaches this
 * controller through an informer, so App deletion waits for the machine to go without polling.
 */
public final class AppReconciler implements Reconciler<App>, Cleaner<App> {

    /** The controller name of docs/design/upstream-cli.md §7. */
    public static final String NAME = "app";

    private static final Logger log = LoggerFactory.getLogger(AppReconciler.class);
    private static final ResourceID APP_ID = new ResourceID(App.NAME);

    private final KubernetesClient client;
    private final BooleanSupplier engineControllerEnabled;
    private final Clock clock;

    /**
     * @param engineControllerEnabled {@code E} of the Settled computation: whether this service runs the engine
     *                                controller (so {@code ContainerEngineReady} is worth waiting for)
     */
    public AppReconciler(KubernetesClient client, BooleanSupplier engineControllerEnabled, Clock clock) {
        this.client = Objects.requireNonNull(client);
        this.engineControllerEnabled = Objects.requireNonNull(engineControllerEnabled);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public List<EventSource<?, App>> prepareEventSources(EventSourceContext<App> context) {
        // Every VirtualMachine named rd belongs to the singleton App (it lives in R, which only the App knows).
        InformerEventSourceConfiguration<VirtualMachine> machines = InformerEventSourceConfiguration
                .from(VirtualMachine.class, App.class)
                .withName("app-machines")
                .withSecondaryToPrimaryMapper(vm -> VirtualMachine.APP_VM_NAME.equals(vm.getMetadata().getName())
                        ? Set.of(APP_ID) : Set.of())
                .build();
        return List.of(new InformerEventSource<>(machines, context));
    }

    @Override
    public UpdateControl<App> reconcile(App app, Context<App> context) {
        if (!App.NAME.equals(app.getMetadata().getName())) {
            return UpdateControl.noUpdate(); // admission rejects other names; nothing to do for strays
        }
        AppSpec spec = app.getSpec() == null ? new AppSpec() : app.getSpec();
        String namespace = spec.resourceNamespace();
        ensureNamespace(app, namespace);
        MachineSpec desired = MachineSpec.of(spec);
        Optional<VirtualMachine> machine = ensureMachine(app, namespace, desired);
        writeStatus(app, spec, desired, machine);
        return UpdateControl.noUpdate();
    }

    // ------------------------------------------------------------------------------------------ namespace R

    private void ensureNamespace(App app, String namespace) {
        if (client.namespaces().withName(namespace).get() != null) {
            return;
        }
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName(namespace)
                .withOwnerReferences(controllerReference(app)).endMetadata().build();
        try {
            client.namespaces().resource(ns).create();
            log.info("created namespace {} for the App", namespace);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e; // AlreadyExists is fine: somebody else created it, so the App does not own it
            }
        }
    }

    // ------------------------------------------------------------------------------------------ VirtualMachine rd

    private Resource<VirtualMachine> machineHandle(String namespace) {
        return client.resources(VirtualMachine.class).inNamespace(namespace).withName(VirtualMachine.APP_VM_NAME);
    }

    /**
     * Creates the machine or brings its spec in line with the App. A stop is copied on its own before any other
     * change, so a stop combined with an engine change never restarts the machine into the new engine first.
     * Returns the machine as the server last answered, or empty while it is being deleted or absent.
     */
    private Optional<VirtualMachine> ensureMachine(App app, String namespace, MachineSpec desired) {
        Resource<VirtualMachine> handle = machineHandle(namespace);
        VirtualMachine vm = handle.get();
        if (vm == null) {
            VirtualMachine created = new VirtualMachine();
            created.setMetadata(new ObjectMeta());
            created.getMetadata().setName(VirtualMachine.APP_VM_NAME);
            created.getMetadata().setNamespace(namespace);
            created.getMetadata().setFinalizers(new ArrayList<>(List.of(Finalizers.OWNED_BY_APP)));
            created.getMetadata().setOwnerReferences(new ArrayList<>(List.of(controllerReference(app))));
            created.setSpec(desired.toSpec());
            try {
                vm = client.resource(created).create();
                log.info("created VirtualMachine {}/{} ({})", namespace, VirtualMachine.APP_VM_NAME, desired);
                return Optional.of(vm);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                vm = handle.get(); // created concurrently; continue with it
                if (vm == null) {
                    return Optional.empty();
                }
            }
        }
        if (vm.getMetadata().getDeletionTimestamp() != null) {
            return Optional.empty(); // going away; recreated once it is gone (its DELETE event reconciles the App)
        }
        vm = ensureOwnership(app, handle, vm);
        MachineSpec current = MachineSpec.of(vm.getSpec());
        if (!desired.running() && current.running()) {
            vm = patchSpec(handle, "{\"spec\":{\"running\":false}}");
            log.info("stopping VirtualMachine {}/{}", namespace, VirtualMachine.APP_VM_NAME);
            current = MachineSpec.of(vm.getSpec());
        }
        if (!desired.equals(current)) {
            vm = patchSpec(handle, desired.mergePatch());
            log.info("updated VirtualMachine {}/{}: {}", namespace, VirtualMachine.APP_VM_NAME, desired);
        }
        return Optional.of(vm);
    }

    private static VirtualMachine patchSpec(Resource<VirtualMachine> handle, String mergePatch) {
        return handle.patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    /** Restores the owned-by-App finalizer and the controller reference if somebody removed them. */
    private VirtualMachine ensureOwnership(App app, Resource<VirtualMachine> handle, VirtualMachine vm) {
        boolean hasFinalizer = vm.getMetadata().getFinalizers() != null
                && vm.getMetadata().getFinalizers().contains(Finalizers.OWNED_BY_APP);
        boolean hasOwner = vm.getMetadata().getOwnerReferences() != null && vm.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> Objects.equals(o.getUid(), app.getMetadata().getUid()) && Boolean.TRUE.equals(o.getController()));
        if (hasFinalizer && hasOwner) {
            return vm;
        }
        return handle.edit(v -> {
            List<String> finalizers = new ArrayList<>(v.getMetadata().getFinalizers() == null ? List.of() : v.getMetadata().getFinalizers());
            if (!finalizers.contains(Finalizers.OWNED_BY_APP)) {
                finalizers.add(Finalizers.OWNED_BY_APP);
            }
            v.getMetadata().setFinalizers(finalizers);
            List<OwnerReference> owners = new ArrayList<>();
            if (v.getMetadata().getOwnerReferences() != null) {
                v.getMetadata().getOwnerReferences().stream()
                        .filter(o -> !Objects.equals(o.getUid(), app.getMetadata().getUid()))
                        .map(o -> Boolean.TRUE.equals(o.getController())
                                ? new OwnerReferenceBuilder(o).withController(false).build() : o)
                        .forEach(owners::add);
            }
            owners.add(controllerReference(app));
            v.getMetadata().setOwnerReferences(owners);
            return v;
        });
    }

    private static OwnerReference controllerReference(App app) {
        return new OwnerReferenceBuilder()
                .withApiVersion(app.getApiVersion() == null ? App.GROUP + "/" + App.VERSION : app.getApiVersion())
                .withKind("App")
                .withName(app.getMetadata().getName())
                .withUid(app.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    // ------------------------------------------------------------------------------------------ status

    private void writeStatus(App app, AppSpec spec, MachineSpec desired, Optional<VirtualMachine> machine) {
        long generation = app.getMetadata().getGeneration() == null ? 0 : app.getMetadata().getGeneration();
        List<Condition> machineConditions = machine.map(VirtualMachine::getStatus).map(VirtualMachineStatus::getConditions)
                .orElse(List.of());
        boolean machineCurrent = machine.map(vm -> isCurrent(vm, desired)).orElse(false);
        boolean engineEnabled = engineControllerEnabled.getAsBoolean();
        boolean kubernetesEnabled = spec.getKubernetes() != null && Boolean.TRUE.equals(spec.getKubernetes().getEnabled());
        StatusWriter.update(client, App.class, null, App.NAME, generation, fresh -> {
            AppStatus st = fresh.getStatus() == null ? new AppStatus() : fresh.getStatus();
            fresh.setStatus(st);
            boolean changed = false;
            for (String type : List.of(ConditionTypes.CREATED, ConditionTypes.RUNNING)) {
                Optional<Condition> source = Conditions.find(machineConditions, type);
                if (source.isPresent()) {
                    changed |= Conditions.copyInto(st, source.get(), generation, clock.instant());
                }
            }
            SettledComputation.Verdict verdict = SettledComputation.compute(new SettledInputs(generation,
                    Boolean.TRUE.equals(spec.getRunning()), kubernetesEnabled, machineCurrent, engineEnabled,
                    false, Conditions.find(st.getConditions(), ConditionTypes.RUNNING),
                    Conditions.find(st.getConditions(), ConditionTypes.CONTAINER_ENGINE_READY),
                    Conditions.find(st.getConditions(), ConditionTypes.KUBERNETES_READY)));
            changed |= Conditions.setIn(st, verdict.toCondition(generation), clock.instant());
            return changed;
        });
    }

    /** {@code T}: the machine carries the App's desired spec and has applied it. */
    static boolean isCurrent(VirtualMachine vm, MachineSpec desired) {
        Long generation = vm.getMetadata().getGeneration();
        Long observed = vm.getStatus() == null ? null : vm.getStatus().getObservedGeneration();
        return desired.equals(MachineSpec.of(vm.getSpec())) && generation != null && observed != null && observed >= generation;
    }

    // ------------------------------------------------------------------------------------------ deletion

    /**
     * App deletion: release the machine (remove owned-by-App), delete it, and wait for its DELETE event (the machine
     * controller stops the engine first); then delete R if the App created it, and let the cleanup finalizer go.
     */
    @Override
    public DeleteControl cleanup(App app, Context<App> context) {
        String namespace = app.getSpec() == null ? AppSpec.DEFAULT_NAMESPACE : app.getSpec().resourceNamespace();
        Resource<VirtualMachine> handle = machineHandle(namespace);
        VirtualMachine vm = handle.get();
        if (vm != null) {
            if (vm.getMetadata().getFinalizers() != null && vm.getMetadata().getFinalizers().contains(Finalizers.OWNED_BY_APP)) {
                releaseMachine(handle);
            }
            if (vm.getMetadata().getDeletionTimestamp() == null) {
                handle.delete();
                log.info("deleting VirtualMachine {}/{} for the App's deletion", namespace, VirtualMachine.APP_VM_NAME);
            }
            return DeleteControl.noFinalizerRemoval(); // the machine's DELETE event brings us back
        }
        Namespace ns = client.namespaces().withName(namespace).get();
        if (ns != null && ns.getMetadata().getDeletionTimestamp() == null && controlledBy(ns, app)) {
            client.namespaces().withName(namespace).delete();
            log.info("deleted namespace {}, which the App created", namespace);
        }
        log.info("App teardown finished");
        return DeleteControl.defaultDelete();
    }

    /** Removes owned-by-App with an optimistic lock, retried on conflict (the VM controller writes too). */
    private void releaseMachine(Resource<VirtualMachine> handle) {
        ConflictRetry.run(() -> "releasing the VirtualMachine", ConflictRetry.AT_ONCE, attempt -> {
            VirtualMachine fresh = handle.get();
            if (fresh == null || fresh.getMetadata().getFinalizers() == null
                    || !fresh.getMetadata().getFinalizers().contains(Finalizers.OWNED_BY_APP)) {
                return null;
            }
            List<String> finalizers = new ArrayList<>(fresh.getMetadata().getFinalizers());
            finalizers.remove(Finalizers.OWNED_BY_APP);
            fresh.getMetadata().setFinalizers(finalizers);
            client.resource(fresh).update(); // PUT with the read resourceVersion: 409 if it moved
            return null;
        });
    }

    private static boolean controlledBy(Namespace ns, App app) {
        return ns.getMetadata().getOwnerReferences() != null && ns.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> Boolean.TRUE.equals(o.getController()) && Objects.equals(o.getUid(), app.getMetadata().getUid()));
    }
}
