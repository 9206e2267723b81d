package io.rancherdesktop.rdd.vm;

import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.LeftoverEngines;

/** {@link LeftoverEngines} for the process driver, found by {@code rdd svc delete} through the service loader. */
public final class ProcessDriverLeftovers implements LeftoverEngines {
    @Override
    public int stop(InstancePaths paths) throws VmException {
        try (ProcessDriver driver = new ProcessDriver(paths)) {
            return driver.stopLeftoverEngine();
        }
    }
}
