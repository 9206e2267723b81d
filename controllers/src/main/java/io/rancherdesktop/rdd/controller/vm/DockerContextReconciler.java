package io.rancherdesktop.rdd.controller.vm;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachineSpec;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachineStatus;
import io.rancherdesktop.rdd.instance.DockerCliContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps the instance's Docker CLI context in step with its machine (docs/engine-mirroring.md "Docker CLI context"):
 * present while the machine runs a moby engine of its own ({@code process} or {@code lima}; an {@code external}
 * engine's socket belongs to someone else), absent otherwise — stopped, failed, being deleted. It only reads the
 * VirtualMachine and writes files of the service user's Docker config; it writes nothing to the API.
 */
public final class DockerContextReconciler implements Reconciler<VirtualMachine> {
    public static final String NAME = "docker-context";
    private static final Logger log = LoggerFactory.getLogger(DockerContextReconciler.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final DockerCliContext context;

    public DockerContextReconciler(DockerCliContext context) {
        this.context = context;
    }

    @Override
    public UpdateControl<VirtualMachine> reconcile(VirtualMachine vm, Context<VirtualMachine> ctx) throws IOException {
        Optional<String> endpoint = desiredEndpoint(vm);
        if (endpoint.isPresent()) {
            DockerCliContext.Outcome outcome = context.ensure(endpoint.get(), e -> DockerCliContext.answers(e, PROBE_TIMEOUT));
            if (outcome == DockerCliContext.Outcome.MADE_CURRENT) {
                log.info("Docker CLI context {} written and made current (the current context did not answer)", context.name());
            } else if (outcome == DockerCliContext.Outcome.WRITTEN) {
                log.debug("Docker CLI context {} written; the current context answers and stays current", context.name());
            }
        } else if (context.endpoint().isPresent()) {
            context.remove();
            log.info("Docker CLI context {} removed (the engine is not running)", context.name());
        }
        return UpdateControl.noUpdate();
    }

    /** The engine endpoint the context should name, or empty when there should be no context. */
    static Optional<String> desiredEndpoint(VirtualMachine vm) {
        if (vm.getMetadata().getDeletionTimestamp() != null) {
            return Optional.empty();
        }
        VirtualMachineSpec spec = vm.getSpec();
        VirtualMachineStatus status = vm.getStatus();
        if (spec == null || status == null || status.getConditions() == null) {
            return Optional.empty();
        }
        boolean moby = spec.getContainerEngine() == null || spec.getContainerEngine().getName() == null
                || spec.getContainerEngine().getName() == ContainerEngine.MOBY;
        boolean own = status.getDriver() == VmDriverKind.PROCESS || status.getDriver() == VmDriverKind.LIMA;
        String endpoint = status.getDockerEndpoint();
        if (!moby || !own || endpoint == null || endpoint.isBlank() || !Conditions.isTrue(status.getConditions(), ConditionTypes.RUNNING)) {
            return Optional.empty();
        }
        return Optional.of(endpoint);
    }
}
