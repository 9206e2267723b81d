package io.rancherdesktop.rdd.controller.engine.kube;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What counts as a list call in the I7 metric. */
class ApiCallCounterTest {

    @Test
    void i7CollectionGetsAreListsAndObjectGetsWatchesAndWritesAreNot() {
        assertTrue(ApiCallCounter.isList("GET", "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/r/images", null));
        assertTrue(ApiCallCounter.isList("GET", "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/r/images",
                "fieldSelector=status.id%3Dsha256%3Aab"));
        assertTrue(ApiCallCounter.isList("GET", "/apis/containers.rancherdesktop.io/v1alpha1/images", null));
        assertTrue(ApiCallCounter.isList("GET", "/api/v1/namespaces", null));
        assertTrue(ApiCallCounter.isList("GET", "/api/v1/namespaces/r/events", null));

        assertFalse(ApiCallCounter.isList("GET", "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/r/images/img-1", null));
        assertFalse(ApiCallCounter.isList("GET", "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/r/containers/c/status", null));
        assertFalse(ApiCallCounter.isList("GET", "/api/v1/namespaces/r", null));
        assertFalse(ApiCallCounter.isList("GET", "/apis/app.rancherdesktop.io/v1alpha1/apps/app", null));
        assertFalse(ApiCallCounter.isList("GET", "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/r/images",
                "resourceVersion=5&watch=true"));
        assertFalse(ApiCallCounter.isList("PATCH", "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/r/images", null));
        assertFalse(ApiCallCounter.isList("GET", "/version", null));
    }
}
