package io.rancherdesktop.rdd.controller.engine.testing;

import io.rancherdesktop.rdd.controller.ConflictRetry;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppStatus;
import io.rancherdesktop.rdd.api.app.v1alpha1.ContainerEngineSpec;
import io.rancherdesktop.rdd.instance.ControllerSelection;
import io.rancherdesktop.rdd.controller.engine.EngineController;
import io.rancherdesktop.rdd.controller.engine.EngineControllerSettings;
import io.rancherdesktop.rdd.controller.engine.request.RequestControllers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine controller against a real API server, with the App driven by the test: the App's {@code Running}
 * condition is written directly (what the App controller would copy from the VirtualMachine), so the engine
 * controller is exercised alone. The Docker endpoint is whatever the supplier returns (a real dockerd).
 */
public final class EngineControllerHarness implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final TestApiServer api;
    private final KubernetesClient client;
    private final KubernetesClient operatorClient;
    private final String namespace;
    private final Operator operator;
    private final EngineController controller;
    private RequestControllers requests;

    private EngineControllerHarness(TestApiServer api, KubernetesClient client, KubernetesClient operatorClient, String namespace,
                                    Operator operator, EngineController controller) {
        this.api = api;
        this.client = client;
        this.operatorClient = operatorClient;
        this.namespace = namespace;
        this.operator = operator;
        this.controller = controller;
    }

    /** Starts the engine controllers; the App is created with {@code spec.running} and Running per {@code running}. */
    public static EngineControllerHarness start(TestApiServer api, String namespace, Supplier<String> dockerEndpoint,
                                                boolean running, ContainerEngine engine, String controllers,
                                                EngineControllerSettings settings) {
        return start(api, namespace, dockerEndpoint, running, engine, controllers, settings, System.getenv());
    }

    /**
     * As above; {@code requestEnv} is the environment the request controllers read registry credentials from
     * ({@code DOCKER_CONFIG}, {@code HOME}).
     */
    public static EngineControllerHarness start(TestApiServer api, String namespace, Supplier<String> dockerEndpoint,
                                                boolean running, ContainerEngine engine, String controllers,
                                                EngineControllerSettings settings, java.util.Map<String, String> requestEnv) {
        KubernetesClient client = api.newClient();
        KubernetesClient operatorClient = api.newClient();
        Operator operator = null;
        EngineController controller = null;
        try {
            if (client.namespaces().withName(namespace).get() == null) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
            }
            App app = new App();
            ObjectMeta meta = new ObjectMeta();
            meta.setName(App.NAME);
            app.setMetadata(meta);
            AppSpec spec = new AppSpec();
            spec.setRunning(running);
            spec.setNamespace(namespace);
            spec.setContainerEngine(new ContainerEngineSpec(engine));
            app.setSpec(spec);
            app.setStatus(null);
            client.resource(app).create();
            setRunningCondition(client, running);
            operator = new Operator(o -> o.withKubernetesClient(operatorClient).withCloseClientOnStop(false)
                    .withCacheSyncTimeout(Duration.ofSeconds(30)));
            controller = EngineController.register(operator, api.config(), dockerEndpoint,
                    ControllerSelection.parse(controllers), settings, Clock.systemUTC());
            RequestControllers requests = RequestControllers.register(operator, api.config(), controller.sessions(),
                    ControllerSelection.parse(controllers), Clock.systemUTC(), requestEnv);
            operator.start();
            EngineControllerHarness h = new EngineControllerHarness(api, client, operatorClient, namespace, operator, controller);
            h.requests = requests;
            return h;
        } catch (RuntimeException e) {
            if (operator != null) {
                operator.stop();
            }
            if (controller != null) {
                controller.close();
            }
            operatorClient.close();
            client.close();
            throw e;
        }
    }

    public static EngineControllerHarness start(TestApiServer api, String namespace, Supplier<String> dockerEndpoint) {
        return start(api, namespace, dockerEndpoint, true, ContainerEngine.MOBY, "*", EngineControllerSettings.defaults());
    }

    /**
     * Writes the App's Running condition as the App controller would (True/Started or False/Stopped), retried on a
     * conflict as the controllers' own status writes are: the engine controller writes the App's status concurrently.
     */
    public static void setRunningCondition(KubernetesClient client, boolean running) {
        ConflictRetry.run(() -> "App Running condition", ConflictRetry.AT_ONCE, n -> client.resources(App.class).withName(App.NAME).editStatus(a -> {
            AppStatus st = a.getStatus() == null ? new AppStatus() : a.getStatus();
            a.setStatus(st);
            long gen = a.getMetadata().getGeneration() == null ? 0 : a.getMetadata().getGeneration();
            Conditions.setIn(st, Conditions.condition(ConditionTypes.RUNNING, running ? Conditions.TRUE : Conditions.FALSE,
                    running ? "Started" : "Stopped", "", gen), Instant.now());
            return a;
        }));
    }

    /** {@code spec.running} and the Running condition together. */
    public void setRunning(boolean running) {
        client.resources(App.class).withName(App.NAME).edit(a -> {
            a.getSpec().setRunning(running);
            return a;
        });
        setRunningCondition(client, running);
    }

    public void setEngine(ContainerEngine engine) {
        client.resources(App.class).withName(App.NAME).edit(a -> {
            a.getSpec().setContainerEngine(new ContainerEngineSpec(engine));
            return a;
        });
    }

    public App app() {
        return client.resources(App.class).withName(App.NAME).get();
    }

    public Optional<Condition> containerEngineReady() {
        App a = app();
        return a == null || a.getStatus() == null ? Optional.empty()
                : Conditions.find(a.getStatus().getConditions(), ConditionTypes.CONTAINER_ENGINE_READY);
    }

    /** Waits until ContainerEngineReady has {@code status}/{@code reason} for the App's current generation. */
    public Condition awaitEngineReady(String status, String reason) {
        return Await.value("ContainerEngineReady " + status + "/" + reason, TIMEOUT, () -> {
            App a = app();
            long gen = a.getMetadata().getGeneration();
            return containerEngineReady().filter(c -> status.equals(c.getStatus()) && reason.equals(c.getReason())
                    && c.getObservedGeneration() != null && c.getObservedGeneration() >= gen).orElse(null);
        });
    }

    public KubernetesClient client() {
        return client;
    }

    public String namespace() {
        return namespace;
    }

    public EngineController controller() {
        return controller;
    }

    public TestApiServer api() {
        return api;
    }

    @Override
    public void close() {
        try {
            operator.stop();
        } finally {
            try {
                if (requests != null) {
                    requests.close();
                }
                controller.close();
            } finally {
                operatorClient.close();
                client.close();
            }
        }
    }
}
