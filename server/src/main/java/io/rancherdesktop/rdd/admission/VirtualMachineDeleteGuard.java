package io.rancherdesktop.rdd.admission;

import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import java.util.List;

/**
 * Validating admission for VirtualMachine deletes (docs/api.md §2): while the machine carries
 * {@code rdd.rancherdesktop.io/owned-by-App}, deleting it directly is 403 Forbidden; the App controller removes
 * that finalizer when the App itself is deleted, and only then deletes the machine.
 */
public final class VirtualMachineDeleteGuard implements AdmissionPlugin {

    public static final String NAME = "virtualmachine-validator.vm.rancherdesktop.io";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AdmissionRule> rules() {
        return List.of(AdmissionRule.of(VirtualMachine.GROUP, "virtualmachines", Operation.DELETE));
    }

    @Override
    public boolean handles(AdmissionRequest request) {
        return request.isKind(VirtualMachine.GROUP, "VirtualMachine") && request.operation() == Operation.DELETE;
    }

    @Override
    public AdmissionResult validate(AdmissionRequest request) {
        if (!JsonFields.hasFinalizer(request.oldObject(), Finalizers.OWNED_BY_APP)) {
            return AdmissionResult.allowed();
        }
        return AdmissionResult.forbidden("VirtualMachine \"" + request.name() + "\" is owned by App \""
                + App.NAME + "\"; delete the App resource instead");
    }
}
