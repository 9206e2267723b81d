package io.rancherdesktop.rdd.controller.engine.reconcile;

import io.rancherdesktop.rdd.wire.Backoff;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNamespace;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The informer predicates of the per-object reconcilers (docs/design/mirroring-rules.md §1.2, review I7): a status-only
 * update of a mirror nobody asked anything of never reaches a reconciler.
 */
class MirrorPredicatesTest {

    private static ObjectMeta meta(boolean terminating) {
        ObjectMeta m = new ObjectMeta();
        m.setName("x");
        m.setNamespace("r");
        m.setFinalizers(List.of(Finalizers.MIRROR));
        if (terminating) {
            m.setDeletionTimestamp("2026-01-01T00:00:00Z");
        }
        return m;
    }

    private static Container container(RequestedState state, RunStatus status, boolean terminating) {
        Container c = new Container();
        c.setMetadata(meta(terminating));
        c.setSpec(new ContainerSpec(state));
        ContainerStatus s = new ContainerStatus();
        s.setStatus(status);
        c.setStatus(s);
        return c;
    }

    @Test
    void i7ContainerStatusChangesWithoutARequestAreFilteredOut() {
        assertFalse(ContainerMirrorReconciler.admitsUpdate(container(RequestedState.UNKNOWN, RunStatus.EXITED, false),
                container(RequestedState.UNKNOWN, RunStatus.RUNNING, false)));
        assertFalse(ContainerMirrorReconciler.admitsUpdate(container(RequestedState.UNKNOWN, RunStatus.RUNNING, false),
                container(RequestedState.UNKNOWN, RunStatus.RUNNING, false)));
        assertFalse(ContainerMirrorReconciler.admitsAdd(container(RequestedState.UNKNOWN, RunStatus.RUNNING, false)));
    }

    @Test
    void containerRequestsDeletionsAndStatusChangesDuringARequestPass() {
        assertTrue(ContainerMirrorReconciler.admitsUpdate(container(RequestedState.CREATED, RunStatus.RUNNING, false),
                container(RequestedState.UNKNOWN, RunStatus.RUNNING, false)), "spec.state changed");
        assertTrue(ContainerMirrorReconciler.admitsUpdate(container(RequestedState.UNKNOWN, RunStatus.EXITED, false),
                container(RequestedState.CREATED, RunStatus.EXITED, false)), "spec.state reset to unknown");
        assertTrue(ContainerMirrorReconciler.admitsUpdate(container(RequestedState.CREATED, RunStatus.EXITED, false),
                container(RequestedState.CREATED, RunStatus.RUNNING, false)), "status changed while a request is pending");
        assertFalse(ContainerMirrorReconciler.admitsUpdate(container(RequestedState.CREATED, RunStatus.RUNNING, false),
                container(RequestedState.CREATED, RunStatus.RUNNING, false)), "nothing relevant changed");
        assertTrue(ContainerMirrorReconciler.admitsUpdate(container(RequestedState.UNKNOWN, RunStatus.RUNNING, true),
                container(RequestedState.UNKNOWN, RunStatus.RUNNING, false)), "deletion timestamp set");
        assertTrue(ContainerMirrorReconciler.admitsAdd(container(RequestedState.RUNNING, RunStatus.EXITED, false)));
        assertTrue(ContainerMirrorReconciler.admitsAdd(container(RequestedState.UNKNOWN, RunStatus.EXITED, true)));
    }

    @Test
    void i7ImageAndVolumeReconcilersSeeOnlyDeletions() {
        Image live = new Image();
        live.setMetadata(meta(false));
        live.setStatus(new ImageStatus());
        Image deleting = new Image();
        deleting.setMetadata(meta(true));
        assertFalse(ImageMirrorReconciler.admitsAdd(live));
        assertFalse(ImageMirrorReconciler.admitsUpdate(live, live));
        assertTrue(ImageMirrorReconciler.admitsAdd(deleting));
        assertTrue(ImageMirrorReconciler.admitsUpdate(deleting, live));

        Volume v = new Volume();
        v.setMetadata(meta(false));
        Volume vd = new Volume();
        vd.setMetadata(meta(true));
        assertFalse(VolumeMirrorReconciler.admitsAdd(v));
        assertFalse(VolumeMirrorReconciler.admitsUpdate(v, v));
        assertTrue(VolumeMirrorReconciler.admitsUpdate(vd, v));
    }

    @Test
    void i2ContainerNamespaceReconcilerActsOnlyOnATerminatingNamespaceStillCarryingTheFinalizer() {
        ContainerNamespace ns = new ContainerNamespace();
        ns.setMetadata(meta(true));
        assertTrue(ContainerNamespaceReconciler.admits(ns));
        ns.getMetadata().setFinalizers(List.of());
        assertFalse(ContainerNamespaceReconciler.admits(ns));
        ns.setMetadata(meta(false));
        assertFalse(ContainerNamespaceReconciler.admits(ns));
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff b = new Backoff(java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(1));
        org.junit.jupiter.api.Assertions.assertEquals(java.time.Duration.ofMillis(100), b.after(1));
        org.junit.jupiter.api.Assertions.assertEquals(java.time.Duration.ofMillis(400), b.after(3));
        org.junit.jupiter.api.Assertions.assertEquals(java.time.Duration.ofSeconds(1), b.after(60));
    }
}
