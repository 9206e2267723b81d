package io.rancherdesktop.rdd.service;

import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;

import io.rancherdesktop.rdd.admission.DefaultAdmissionPlugins;
import io.rancherdesktop.rdd.controller.ControllerManager;
import java.nio.file.Path;
import java.util.List;

/**
 * The service as the product runs it, in one place for every way of starting it ({@code rdd svc serve}, the GUI's
 * in-process service): the product's admission rules (docs/api.md) and its controllers, selected by a
 * {@code --controllers} spec.
 */
public final class ProductServiceOptions {
    private ProductServiceOptions() {
    }

    /**
     * @param securePort   the HTTPS port to try first (the service falls back to a free one when it is busy)
     * @param controllers  a {@code --controllers} spec, {@code *} for all
     * @param extraCrdDirs additional CRD YAML directories (tests and development)
     */
    public static ServiceRuntime.Options forInstance(Instance instance, int securePort, String controllers, List<Path> extraCrdDirs) {
        return ServiceRuntime.Options.defaults(instance)
                .withSecurePort(securePort)
                .withAdmission(DefaultAdmissionPlugins.create())
                .withExtraCrdDirs(extraCrdDirs)
                .withControllers(controllers, List.of(ControllerManager.forService()));
    }

    /** All controllers on the instance's own port. */
    public static ServiceRuntime.Options forInstance(InstancePaths paths) {
        return forInstance(paths.instance(), paths.instance().apiServerPort(), "*", List.of());
    }
}
