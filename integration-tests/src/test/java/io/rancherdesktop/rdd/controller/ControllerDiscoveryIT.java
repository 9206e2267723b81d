package io.rancherdesktop.rdd.controller;

import io.rancherdesktop.rdd.instance.ControllerSelection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.admission.DefaultAdmissionPlugins;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import io.rancherdesktop.rdd.service.ServiceRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 11: the controller-discovery ConfigMap {@code rdd-system/rdd-controller-manager} (docs/api.md,
 * "Controller discovery"), written by the real service's controller manager. No App exists, so no engine starts.
 */
class ControllerDiscoveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path home;
    private InstancePaths paths;

    @BeforeEach
    void home() throws IOException {
        home = Files.createTempDirectory(Path.of("/tmp"), "rdd-disc-");
        paths = new InstancePaths(new Instance("disc"), Platform.LINUX, home, Map.of());
    }

    @AfterEach
    void cleanup() throws IOException {
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private ServiceRuntime serve(String controllers) {
        return ServiceRuntime.start(paths, ServiceRuntime.Options.defaults(paths.instance()).withSecurePort(0)
                .withAdmission(DefaultAdmissionPlugins.create())
                .withControllers(controllers, List.of(ControllerManager.forService())));
    }

    private static List<?> enabled(ConfigMap cm) throws IOException {
        return JSON.readValue(cm.getData().get(ControllerDiscovery.DATA_KEY), Map.class).get("enabledControllers") instanceof List<?> l ? l : null;
    }

    @Test
    void theServicePublishesItsEnabledControllersAndMarksThemReadyAFreshObjectPerRun() throws IOException {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String firstUid;
        try (ServiceRuntime rt = serve("*"); KubernetesClient client = TestApiServer.newClient(rt.kubeconfig())) {
            assertTrue(rt.readiness().evaluate().ready());
            ConfigMap cm = client.configMaps().inNamespace(ControllerDiscovery.NAMESPACE).withName(ControllerDiscovery.NAME).get();
            assertNotNull(cm, "rdd-system/rdd-controller-manager exists once the service is ready");
            assertEquals(ControllerSelection.ALL, enabled(cm));
            assertEquals("true", cm.getMetadata().getAnnotations().get(ControllerDiscovery.READY_ANNOTATION));
            assertFalse(Instant.parse(cm.getMetadata().getCreationTimestamp()).isBefore(start), "fresh: created by this run");
            firstUid = cm.getMetadata().getUid();
        }
        try (ServiceRuntime rt = serve(""); KubernetesClient client = TestApiServer.newClient(rt.kubeconfig())) {
            ConfigMap cm = client.configMaps().inNamespace(ControllerDiscovery.NAMESPACE).withName(ControllerDiscovery.NAME).get();
            assertEquals(List.of(), enabled(cm), "--controllers=\"\" enables none");
            assertEquals("true", cm.getMetadata().getAnnotations().get(ControllerDiscovery.READY_ANNOTATION));
            assertNotEquals(firstUid, cm.getMetadata().getUid(), "each run writes a new object");
        }
        try (ServiceRuntime rt = serve("app,-vm"); KubernetesClient client = TestApiServer.newClient(rt.kubeconfig())) {
            ConfigMap cm = client.configMaps().inNamespace(ControllerDiscovery.NAMESPACE).withName(ControllerDiscovery.NAME).get();
            assertEquals(List.of("app"), enabled(cm));
        }
    }
}
