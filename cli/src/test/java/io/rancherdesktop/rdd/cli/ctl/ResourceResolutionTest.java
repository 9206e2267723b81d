package io.rancherdesktop.rdd.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.wire.ApiResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Type names resolve as kubectl resolves them: plural, singular, kind, short name, kind.group. */
class ResourceResolutionTest {
    private static final ApiResource CM = new ApiResource("", "v1", "configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of("get", "list"), List.of());
    private static final ApiResource APP = new ApiResource("rdd.rancherdesktop.io", "v1alpha1", "apps", "app", "App", true, List.of(), List.of(), List.of("all"));
    private static final ApiResource APPS_OTHER = new ApiResource("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), List.of(), List.of());
    private static final List<ApiResource> ALL = List.of(APP, APPS_OTHER, CM);

    @Test
    void everyKubectlSpellingResolves() {
        for (String s : List.of("configmaps", "configmap", "cm", "ConfigMap", "CONFIGMAPS")) {
            assertEquals(CM, CtlSession.match(ALL, s).orElseThrow(), s);
        }
        assertEquals(APP, CtlSession.match(ALL, "apps.rdd.rancherdesktop.io").orElseThrow());
        assertEquals(APP, CtlSession.match(ALL, "app.rdd.rancherdesktop.io").orElseThrow());
        assertEquals(APP, CtlSession.match(ALL, "App.v1alpha1.rdd.rancherdesktop.io").orElseThrow());
        assertEquals(APPS_OTHER, CtlSession.match(ALL, "deploy").orElseThrow());
    }

    @Test
    void unknownTypesDoNotResolve() {
        assertTrue(CtlSession.match(ALL, "pods").isEmpty());
        assertTrue(CtlSession.match(ALL, "apps.example.com").isEmpty());
    }

    @Test
    void pathsAndNames() {
        assertEquals("/api/v1/namespaces/default/configmaps/a%20b", CM.path("default", "a b"));
        assertEquals("/api/v1/configmaps", CM.path(null, null));
        assertEquals("/apis/rdd.rancherdesktop.io/v1alpha1/namespaces/x/apps", APP.path("x", null));
        assertEquals("app.rdd.rancherdesktop.io", APP.kindPrefix());
        assertEquals("configmap", CM.kindPrefix());
        assertEquals("apps.rdd.rancherdesktop.io", APP.qualifiedName());
    }
}
