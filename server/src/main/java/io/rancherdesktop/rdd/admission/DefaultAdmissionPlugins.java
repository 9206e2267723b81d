package io.rancherdesktop.rdd.admission;

import java.util.List;

/** The admission plugins the API server installs, in the order it must call them. */
public final class DefaultAdmissionPlugins {

    private DefaultAdmissionPlugins() {
    }

    /** A fresh set of plugins, reading the bundled k3s version data once. */
    public static List<AdmissionPlugin> create() {
        K3sVersions versions = K3sVersions.bundled();
        return List.of(
                new AppDefaulter(versions),
                new AppValidator(versions),
                new ContainerSpecValidator(),
                new MirrorCreateGuard(),
                new ContainerNamespaceDeleteValidator(),
                new InUseDeleteGuard(),
                new VirtualMachineDeleteGuard());
    }
}
