package io.rancherdesktop.rdd.controller.engine.request;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.rancherdesktop.rdd.controller.ControllerManager;
import io.rancherdesktop.rdd.controller.engine.reconcile.EngineSessions;
import io.rancherdesktop.rdd.instance.ControllerSelection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request controllers (controller name {@value #NAME} in {@code --controllers}): one reconciler per request
 * kind, on the operator of the engine controllers and sharing their engine session, reaching the API through their
 * own client as {@code system:rdd:request-controller} (docs/api.md §3.5).
 */
public final class RequestControllers implements AutoCloseable {
    /** The controller name in {@code --controllers} and the discovery ConfigMap. */
    public static final String NAME = "request";
    private static final Logger LOG = LoggerFactory.getLogger(RequestControllers.class);

    private final KubernetesClient client;
    private final List<String> registered;

    private RequestControllers(KubernetesClient client, List<String> registered) {
        this.client = client;
        this.registered = registered;
    }

    /**
     * Registers the request reconcilers on {@code operator} (before it starts) when {@code selection} enables
     * {@value #NAME}; null otherwise.
     *
     * @param apiConfig the request controller's identity
     * @param sessions  the engine controller's published session
     * @param env       the service's environment ({@code DOCKER_CONFIG}, {@code HOME}: where registry credentials are)
     */
    public static RequestControllers register(Operator operator, Config apiConfig, EngineSessions sessions,
                                              ControllerSelection selection, Clock clock, Map<String, String> env) {
        Objects.requireNonNull(operator, "operator");
        if (!selection.isEnabled(NAME)) {
            return null;
        }
        KubernetesClient client = new KubernetesClientBuilder().withConfig(apiConfig).build();
        List<String> names = new ArrayList<>();
        RegistryCredentials credentials = RegistryCredentials.forEnvironment(env, client);
        register(operator, new ContainerCreateReconciler(client, sessions, credentials, clock), ContainerCreateReconciler.NAME, names);
        register(operator, new VolumeCreateReconciler(client, sessions, clock), VolumeCreateReconciler.NAME, names);
        register(operator, new ImagePullReconciler(client, sessions, credentials, clock), ImagePullReconciler.NAME, names);
        register(operator, new ImagePushReconciler(client, sessions, credentials, clock), ImagePushReconciler.NAME, names);
        register(operator, new ImageScanReconciler(client, sessions, clock), ImageScanReconciler.NAME, names);
        LOG.info("Request controllers registered: {}", names);
        return new RequestControllers(client, List.copyOf(names));
    }

    private static <R extends HasMetadata> void register(Operator operator, Reconciler<R> reconciler, String name, List<String> names) {
        operator.register(reconciler, (ControllerConfigurationOverrider<R> o) -> ControllerManager.configure(o, name, null));
        names.add(name);
    }

    /** The reconcilers' names. */
    public List<String> registered() {
        return registered;
    }

    @Override
    public void close() {
        client.close();
    }
}
