package io.rancherdesktop.rdd.api;

/** Finalizer names (docs/api.md §4). */
public final class Finalizers {

    /** On the App (App controller) and the VirtualMachine (VM controller): teardown before the object goes. */
    public static final String CLEANUP = "rdd.rancherdesktop.io/cleanup";

    /**
     * On the App's VirtualMachine, added by the App controller. While present, deleting the VirtualMachine
     * directly is Forbidden; the App controller removes it during App deletion.
     */
    public static final String OWNED_BY_APP = "rdd.rancherdesktop.io/owned-by-App";

    /** On Container, Image and Volume mirrors (never on ContainerNamespace): the engine object must go first. */
    public static final String MIRROR = "engine.rancherdesktop.io/mirror";

    /**
     * Set by the API server (value {@code "true"}) on a terminating custom resource whose delete asked for
     * {@code gracePeriodSeconds=0} ({@code kubectl delete --force --grace-period=0}, {@code rdd ctl delete --force}):
     * the owner of its finalizer does a forced engine delete. Only Images use it ({@code docker rmi -f}).
     */
    public static final String FORCE_DELETE_ANNOTATION = "engine.rancherdesktop.io/force-delete";

    private Finalizers() {
    }
}
