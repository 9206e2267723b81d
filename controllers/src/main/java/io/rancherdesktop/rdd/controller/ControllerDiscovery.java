package io.rancherdesktop.rdd.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller-discovery ConfigMap {@code rdd-system/rdd-controller-manager}, as upstream rdd publishes it
 * (docs/api.md, "Controller discovery"): {@code data.embedded} is the JSON {@code {"enabledControllers":[…]}} of the
 * controllers {@code --controllers} enables, and the annotation {@code rdd.rancherdesktop.io/ready: "true"} appears once
 * they all run with synced informers. Re-created at every service start, so its {@code creationTimestamp} says which
 * run wrote it. Written through the API by the controller manager; {@code /readyz} stays the readiness signal.
 */
public final class ControllerDiscovery {
    public static final String NAMESPACE = "rdd-system";
    public static final String NAME = "rdd-controller-manager";
    public static final String DATA_KEY = "embedded";
    public static final String READY_ANNOTATION = "rdd.rancherdesktop.io/ready";

    private static final Logger log = LoggerFactory.getLogger(ControllerDiscovery.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;

    public ControllerDiscovery(KubernetesClient client) {
        this.client = client;
    }

    /** Replaces the ConfigMap with a fresh one listing {@code enabled}, not (yet) ready. */
    public void publish(List<String> enabled) {
        if (client.namespaces().withName(NAMESPACE).get() == null) {
            try {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
        // A fresh object (new uid and creationTimestamp) per run: a ready annotation of an earlier run never counts.
        client.configMaps().inNamespace(NAMESPACE).withName(NAME).withTimeout(30, TimeUnit.SECONDS).delete();
        String embedded;
        try {
            embedded = JSON.writeValueAsString(Map.of("enabledControllers", enabled));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(NAME).endMetadata()
                .addToData(DATA_KEY, embedded).build();
        client.configMaps().inNamespace(NAMESPACE).resource(cm).create();
        log.info("controller discovery {}/{}: enabledControllers {}", NAMESPACE, NAME, enabled);
    }

    /** Adds {@code rdd.rancherdesktop.io/ready: "true"}. */
    public void markReady() {
        client.configMaps().inNamespace(NAMESPACE).withName(NAME)
                .edit(cm -> new ConfigMapBuilder(cm).editMetadata().addToAnnotations(READY_ANNOTATION, "true").endMetadata().build());
    }
}
