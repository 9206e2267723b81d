package io.rancherdesktop.rdd.vm;

/**
 * Told about every status change of a driver, in order, on the driver's notification thread (never on the
 * caller's thread and never concurrently). A listener must not block for long.
 */
@FunctionalInterface
public interface VmStatusListener {
    void statusChanged(VmStatus previous, VmStatus current);
}
