package io.rancherdesktop.rdd.vm;

/** Where a driver's engine is in its life cycle. Only {@link #RUNNING} means the engine API answers. */
public enum VmPhase {
    STOPPED, STARTING, RUNNING, STOPPING, FAILED
}
