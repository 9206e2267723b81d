package io.rancherdesktop.rdd.admission;

import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainersGroup;
import java.util.List;

/**
 * Validating admission for ContainerNamespace deletes (docs/api.md §3.1): allowed, with a warning. The engine
 * writes {@code moby} without a finalizer, so a delete completes at once and nothing sticks in Terminating [I2];
 * the namespace comes back at the next full sync.
 */
public final class ContainerNamespaceDeleteValidator implements AdmissionPlugin {

    public static final String NAME = "containernamespace-validator.containers.rancherdesktop.io";
    public static final String WARNING = "namespace delete validation not implemented";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AdmissionRule> rules() {
        return List.of(AdmissionRule.of(ContainersGroup.GROUP, "containernamespaces", Operation.DELETE));
    }

    @Override
    public boolean handles(AdmissionRequest request) {
        return request.isKind(ContainersGroup.GROUP, "ContainerNamespace") && request.operation() == Operation.DELETE;
    }

    @Override
    public AdmissionResult validate(AdmissionRequest request) {
        return AdmissionResult.warn(WARNING);
    }
}
