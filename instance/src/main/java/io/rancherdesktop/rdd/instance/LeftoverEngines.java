package io.rancherdesktop.rdd.instance;

import java.util.ServiceLoader;

/**
 * Stops the engine process an instance's last service run left running. The process driver's engine outlives a
 * service stop on purpose (the next service run adopts it); deleting the instance must stop it, or it runs on with its
 * data dirs gone. The CLI that deletes an instance cannot see the drivers (they sit in a higher layer), so the driver
 * module provides this through {@link ServiceLoader}.
 */
public interface LeftoverEngines {
    /** Stops what is left; returns how many engine processes were stopped. */
    int stop(InstancePaths paths) throws Exception;

    /** The implementation on the class path, if any (the {@code rdd} executable always has one). */
    static java.util.Optional<LeftoverEngines> find() {
        return ServiceLoader.load(LeftoverEngines.class, LeftoverEngines.class.getClassLoader()).findFirst();
    }
}
