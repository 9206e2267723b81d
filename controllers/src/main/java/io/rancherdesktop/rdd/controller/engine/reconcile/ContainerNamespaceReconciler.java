package io.rancherdesktop.rdd.controller.engine.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNamespace;
import io.rancherdesktop.rdd.controller.engine.kube.MirrorRemoval;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ContainerNamespace mirrors carry no finalizer of the engine (review I2): {@code moby} is written without one, so
 * a delete completes at once and the namespace comes back at the next full sync. This reconciler exists so that
 * coverage is explicit per kind: should a ContainerNamespace being deleted still carry the mirror finalizer
 * (written by an older daemon into the same datastore), it releases it instead of leaving the object stuck in
 * Terminating. Predicate: deletion timestamp set and the mirror finalizer present.
 */
public final class ContainerNamespaceReconciler implements Reconciler<ContainerNamespace> {
    public static final String NAME = "containernamespace";
    private static final Logger LOG = LoggerFactory.getLogger(ContainerNamespaceReconciler.class);

    private final MirrorRemoval removal;

    public ContainerNamespaceReconciler(MirrorRemoval removal) {
        this.removal = Objects.requireNonNull(removal, "removal");
    }

    public static boolean admits(ContainerNamespace ns) {
        return ns.getMetadata().getDeletionTimestamp() != null && ns.getMetadata().getFinalizers() != null
                && ns.getMetadata().getFinalizers().contains(Finalizers.MIRROR);
    }

    @Override
    public UpdateControl<ContainerNamespace> reconcile(ContainerNamespace ns, Context<ContainerNamespace> context) {
        if (context.isPrimaryResourceDeleted() || !admits(ns)) {
            return UpdateControl.noUpdate();
        }
        removal.remove(ContainerNamespace.class, ns.getMetadata().getNamespace(), ns.getMetadata().getName());
        LOG.info("Released the mirror finalizer of ContainerNamespace {}/{}", ns.getMetadata().getNamespace(),
                ns.getMetadata().getName());
        return UpdateControl.noUpdate();
    }
}
