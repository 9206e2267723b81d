package io.rancherdesktop.rdd.controller.app;

import io.fabric8.kubernetes.api.model.Condition;

import java.util.Optional;

/**
 * What {@link SettledComputation} reads (docs/api.md §1.2, with LimaVM read as VirtualMachine).
 *
 * @param generation                  the App's {@code metadata.generation} ({@code gen})
 * @param specRunning                 {@code App.spec.running}
 * @param kubernetesEnabled           {@code App.spec.kubernetes.enabled}
 * @param machineCurrent              {@code T}: the VirtualMachine runs the current spec (it carries the App's
 *                                    desired spec and its {@code status.observedGeneration} has caught up with its
 *                                    {@code metadata.generation})
 * @param engineControllerEnabled     {@code E}: the engine controller runs in this service
 * @param kubernetesControllerEnabled {@code K}: always false in this product (docs/design/upstream-differences.md §4)
 * @param running                     the App's {@code Running} condition (copied from the VirtualMachine)
 * @param containerEngineReady        the App's {@code ContainerEngineReady} condition ({@code CER})
 * @param kubernetesReady             the App's {@code KubernetesReady} condition ({@code KR})
 */
public record SettledInputs(long generation, boolean specRunning, boolean kubernetesEnabled, boolean machineCurrent,
                            boolean engineControllerEnabled, boolean kubernetesControllerEnabled,
                            Optional<Condition> running, Optional<Condition> containerEngineReady,
                            Optional<Condition> kubernetesReady) {

    public SettledInputs {
        running = running == null ? Optional.empty() : running;
        containerEngineReady = containerEngineReady == null ? Optional.empty() : containerEngineReady;
        kubernetesReady = kubernetesReady == null ? Optional.empty() : kubernetesReady;
    }
}
