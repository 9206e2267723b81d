package io.rancherdesktop.rdd.controller.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.EventReasons;
import io.rancherdesktop.rdd.api.FieldManagers;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.controller.engine.kube.ApiCallCounter;
import io.rancherdesktop.rdd.controller.engine.reconcile.ContainerEngineReady;
import io.rancherdesktop.rdd.controller.engine.reconcile.ContainerMirrorReconciler;
import io.rancherdesktop.rdd.controller.engine.reconcile.ContainerNamespaceReconciler;
import io.rancherdesktop.rdd.controller.engine.reconcile.EngineSupervisor;
import io.rancherdesktop.rdd.controller.engine.reconcile.ImageMirrorReconciler;
import io.rancherdesktop.rdd.controller.engine.reconcile.VolumeMirrorReconciler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The design note names what the code uses (review S1: documentation that drifted from the code; S7: the reason
 * spec is written once is written down). A rename in the code without the doc fails here.
 */
class EngineDocsTest {
    private static final Path DOC = Path.of("..", "docs", "engine-mirroring.md");

    @Test
    void s1S7TheDesignNoteNamesTheFieldManagersFinalizerReasonsAndControllersOfTheCode() throws IOException {
        String doc = Files.readString(DOC);
        for (String term : List.of(
                FieldManagers.ENGINE_CONTROLLER, ContainerMirrorReconciler.STATE_FIELD_MANAGER, ApiCallCounter.USER_AGENT,
                Finalizers.MIRROR,
                EventReasons.ENGINE_DELETE_FAILED, EventReasons.STATE_CHANGE_FAILED, EventReasons.STATE_CHANGED,
                ConditionReasons.ContainerEngineReady.CONNECTED, ConditionReasons.ContainerEngineReady.CONNECT_FAILED,
                ConditionReasons.ContainerEngineReady.NOT_APPLICABLE, ConditionReasons.ContainerEngineReady.STOPPED,
                ContainerEngineReady.NOT_APPLICABLE_MESSAGE,
                "`" + EngineSupervisor.NAME + "`", "`" + ContainerMirrorReconciler.NAME + "`", "`" + ImageMirrorReconciler.NAME + "`",
                "`" + VolumeMirrorReconciler.NAME + "`", "`" + ContainerNamespaceReconciler.NAME + "`",
                "Spec exactly once", "J9 wins")) {
            assertTrue(doc.contains(term), "docs/engine-mirroring.md does not mention " + term);
        }
    }
}
