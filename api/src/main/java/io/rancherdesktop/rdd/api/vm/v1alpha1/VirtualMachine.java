package io.rancherdesktop.rdd.api.vm.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The machine that runs the container engine. The App's machine is named {@value #APP_VM_NAME} in the App's
 * resource namespace and carries the {@code rdd.rancherdesktop.io/owned-by-App} finalizer.
 */
@Group(VirtualMachine.GROUP)
@Version(VirtualMachine.VERSION)
@Kind("VirtualMachine")
@Plural("virtualmachines")
@Singular("virtualmachine")
@Categories("all")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VirtualMachine extends CustomResource<VirtualMachineSpec, VirtualMachineStatus> implements Namespaced {

    public static final String GROUP = "vm.rancherdesktop.io";
    public static final String VERSION = "v1alpha1";
    /** The name of the VirtualMachine the App controller creates. */
    public static final String APP_VM_NAME = "rd";
}
