package io.rancherdesktop.rdd.service.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.apiserver.StatusException;
import io.rancherdesktop.rdd.controller.engine.reconcile.ContainerEngineReady;
import io.rancherdesktop.rdd.store.ObjectKey;
import io.rancherdesktop.rdd.store.ObjectStore;
import io.rancherdesktop.rdd.store.StoredObject;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Docker engine that the streaming subresources of Container ({@code log}, {@code stats}, {@code exec}) talk to,
 * found as the engine controller finds it, and only while the App says it is {@code Connected} (docs/api.md,
 * "Container log and stats" and "Container exec"): otherwise {@code 503} with a Status naming the condition.
 */
public final class ConnectedEngine {
    private static final String APPS = "apps." + App.GROUP;
    private static final String VMS = "virtualmachines." + VirtualMachine.GROUP;

    private final ObjectStore store;
    private final Supplier<String> defaultEndpoint;

    /** @param defaultEndpoint the instance's Docker endpoint, when neither the machine nor the condition names one */
    public ConnectedEngine(ObjectStore store, Supplier<String> defaultEndpoint) {
        this.store = store;
        this.defaultEndpoint = defaultEndpoint;
    }

    /**
     * The endpoint of the engine whose objects are mirrored into {@code namespace}: the VirtualMachine's published
     * {@code status.dockerEndpoint}, else the endpoint named by the {@code Connected} condition, else the instance's.
     *
     * @throws StatusException 503 unless App {@code app}'s {@code ContainerEngineReady} is True/{@code Connected} and the App
     *                         mirrors into {@code namespace} (its {@code spec.namespace})
     */
    public String endpoint(String namespace) {
        String condition = ConditionTypes.CONTAINER_ENGINE_READY;
        StoredObject app = store.get(APPS, new ObjectKey("", App.NAME))
                .orElseThrow(() -> unavailable("the container engine is not connected: App \"" + App.NAME + "\" does not exist"));
        JsonNode ready = null;
        for (JsonNode c : app.object().path("status").path("conditions")) {
            if (condition.equals(c.path("type").asText())) {
                ready = c;
            }
        }
        if (ready == null) {
            throw unavailable("the container engine is not connected: App \"" + App.NAME + "\" has no " + condition + " condition");
        }
        if (!"True".equals(ready.path("status").asText()) || !ConditionReasons.ContainerEngineReady.CONNECTED.equals(ready.path("reason").asText())) {
            throw unavailable("the container engine is not connected: App \"" + App.NAME + "\" condition " + condition + " is "
                    + ready.path("status").asText() + "/" + ready.path("reason").asText() + " (" + ready.path("message").asText() + "), not True/"
                    + ConditionReasons.ContainerEngineReady.CONNECTED);
        }
        String mirrored = app.object().path("spec").path("namespace").asText("default");
        if (!mirrored.equals(namespace)) {
            throw unavailable("no container engine mirrors namespace " + namespace + " (App \"" + App.NAME + "\" mirrors its engine into "
                    + mirrored + "; its " + condition + " condition says nothing about " + namespace + ")");
        }
        Optional<StoredObject> vm = store.get(VMS, new ObjectKey(namespace, VirtualMachine.APP_VM_NAME));
        String published = vm.map(v -> v.object().path("status").path("dockerEndpoint").asText("")).orElse("");
        if (!published.isBlank()) {
            return published;
        }
        String named = ContainerEngineReady.State.connectedEndpoint(ready.path("message").asText(null));
        return named != null ? named : defaultEndpoint.get();
    }

    public static StatusException unavailable(String message) {
        return new StatusException(503, "ServiceUnavailable", message, StatusException.Details.NONE);
    }
}
