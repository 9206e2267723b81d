package io.rancherdesktop.rdd.ui.model;

/** The four states the tray icon distinguishes. */
public enum TrayState {
    STOPPED,
    /** Starting or stopping: the machine is changing. */
    STARTING,
    RUNNING,
    ERROR
}
