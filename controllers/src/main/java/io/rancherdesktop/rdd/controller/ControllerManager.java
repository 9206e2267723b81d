package io.rancherdesktop.rdd.controller;

import io.rancherdesktop.rdd.instance.ControllerSelection;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.javaoperatorsdk.operator.processing.retry.Retry;
import io.rancherdesktop.rdd.instance.Identities;
import io.rancherdesktop.rdd.instance.ReadinessFlags;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.controller.app.AppReconciler;
import io.rancherdesktop.rdd.controller.engine.EngineControllerModule;
import io.rancherdesktop.rdd.controller.vm.DockerContextReconciler;
import io.rancherdesktop.rdd.instance.DockerCliContext;
import io.rancherdesktop.rdd.controller.vm.VirtualMachineReconciler;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.ServiceComponent;
import io.rancherdesktop.rdd.instance.ServiceContext;
import io.rancherdesktop.rdd.vm.DriverSelector;
import io.rancherdesktop.rdd.vm.HostEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs the controllers enabled by {@code --controllers} in one java-operator-sdk {@link Operator}, talking to the
 * service's own API through fabric8 clients built from the service kubeconfig, exactly as they would talk to a real
 * cluster — each with the token of its own identity (docs/api-server.md, "Identities"): the operator (informers,
 * finalizer patches) as {@code system:rdd:controller-manager}, the App, VirtualMachine and engine controllers as
 * {@code system:rdd:app-controller}, {@code system:rdd:vm-controller} and {@code system:rdd:engine-controller}. Configured for the embedded server: no leader election (one service per instance), no CRD check (the
 * server serves them), primary-resource patches (the finalizers java-operator-sdk adds and removes) by server-side
 * apply, which the server supports with {@code metadata.finalizers} as a set owned item by item, so the App
 * controller's {@code owned-by-App} on a machine survives the machine controller's own finalizer; no periodic
 * re-reconcile (informer events are the only triggers); and a bounded exponential retry for reconciles that throw.
 * Status is never written through java-operator-sdk: every controller uses {@link StatusWriter}. Reports the
 * {@code controllers} readiness check once every informer has synced, after marking the controller-discovery
 * ConfigMap ready ({@link ControllerDiscovery}).
 */
public final class ControllerManager implements ServiceComponent {

    /** The readiness check this component registers. */
    public static final String READINESS_CHECK = "controllers";
    /**
     * The name the engine controller registers under (docs/design/upstream-cli.md §7). The App's {@code Settled} waits for
     * {@code ContainerEngineReady} only while a controller of this name runs.
     */
    public static final String ENGINE_CONTROLLER = "engine";
    /** How long a graceful engine stop may take before the driver kills it. */
    static final Duration ENGINE_STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(ControllerManager.class);

    private final HostEnvironment host;
    private final Clock clock;
    private final List<ControllerModule> modules = new ArrayList<>();
    private KubernetesClient client;
    /** Whether {@link #client} was built here (and so is closed here). */
    private boolean ownsClient;
    private Operator operator;

    /**
     * @param host  the host the VM drivers run on (environment, root, executables)
     * @param extra modules besides the built-in App and VirtualMachine controllers (e.g. the engine controllers)
     */
    public ControllerManager(HostEnvironment host, Clock clock, List<ControllerModule> extra) {
        this.host = Objects.requireNonNull(host);
        this.clock = Objects.requireNonNull(clock);
        this.modules.add(new MachineControllers());
        this.modules.addAll(extra);
    }

    /** The manager of a real service: this host, the system clock, the built-in controllers. */
    public static ControllerManager forService() {
        return new ControllerManager(HostEnvironment.system(), Clock.systemUTC(), List.of(new EngineControllerModule()));
    }

    @Override
    public String name() {
        return "controller manager";
    }

    @Override
    public void start(ServiceContext context) throws IOException {
        ReadinessFlags.Flag ready = context.readiness().flag(READINESS_CHECK, "the controllers have not synced their informers yet");
        ControllerSelection selection = ControllerSelection.parse(context.controllers());
        Config owner = configFor(Files.readString(context.kubeconfig()));
        Function<String, Config> identity = user -> withToken(owner, context.identities().tokenFor(user));
        KubernetesClient own = new KubernetesClientBuilder().withConfig(identity.apply(Identities.CONTROLLER_MANAGER)).build();
        ownsClient = true;
        this.client = own;
        ControllerDiscovery discovery = new ControllerDiscovery(own);
        discovery.publish(selection.ordered());
        start(own, selection, context.paths(), identity);
        discovery.markReady();
        ready.set();
    }

    /**
     * Starts the operator on {@code client} with every controller on that client's identity; returns once every
     * informer has synced. Tests.
     */
    public void start(KubernetesClient client, ControllerSelection selection, InstancePaths paths) {
        start(client, selection, paths, user -> client.getConfiguration());
    }

    /**
     * Starts the operator on {@code client} (the controller manager's identity); each controller reaches the API as
     * {@code identity.apply(its Identities name)}. Returns once every informer has synced.
     */
    public void start(KubernetesClient client, ControllerSelection selection, InstancePaths paths, Function<String, Config> identity) {
        this.client = client;
        operator = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .checkingCRDAndValidateLocalModel(false)
                .withUseSSAToPatchPrimaryResource(true)
                .withStopOnInformerErrorDuringStartup(true)
                .withCacheSyncTimeout(Duration.ofSeconds(60))
                .withReconciliationTerminationTimeout(Duration.ofSeconds(10)));
        ControllerModule.Registration registration = new ControllerModule.Registration(operator, client, selection, paths,
                host.env(), clock, identity);
        modules.forEach(m -> m.register(registration));
        if (operator.getRegisteredControllersNumber() == 0) {
            log.info("no controllers enabled (--controllers selects none)");
            return;
        }
        operator.start();
        log.info("controllers started: {}", String.join(", ", operator.getRegisteredControllers().stream()
                .map(c -> c.getConfiguration().getName()).sorted().toList()));
    }

    /** Retry of a reconcile that threw: 5 attempts, 1 s doubling up to 30 s; then the next event retries. */
    public static Retry retry() {
        return new GenericRetry().setMaxAttempts(5).setInitialInterval(Duration.ofSeconds(1)).setIntervalMultiplier(2)
                .setMaxInterval(Duration.ofSeconds(30).toMillis());
    }

    /** The settings every rdd controller shares; {@code finalizer} may be null (no finalizer). */
    public static <P extends io.fabric8.kubernetes.api.model.HasMetadata> void configure(
            ControllerConfigurationOverrider<P> o, String name, String finalizer) {
        o.withName(name).withRetry(retry()).withReconciliationMaxInterval(null)
                // Status changes by other writers (the engine controller's ContainerEngineReady on the App) are
                // inputs too, so events are not filtered by generation.
                .withGenerationAware(false);
        if (finalizer != null) {
            o.withFinalizer(finalizer);
        }
    }

    static Config configFor(String kubeconfig) {
        Config config = Config.fromKubeconfig(kubeconfig);
        config.setRequestTimeout((int) Duration.ofSeconds(30).toMillis());
        return config;
    }

    /** {@code base} with {@code token} instead of its own: the same server, another identity. */
    public static Config withToken(Config base, String token) {
        return new ConfigBuilder(base).withOauthToken(token).build();
    }

    @Override
    public void close() {
        if (operator != null) {
            try {
                operator.stop();
            } catch (RuntimeException e) {
                log.warn("stopping the operator: {}", e.toString());
            }
        }
        for (ControllerModule m : modules.reversed()) {
            try {
                m.close();
            } catch (RuntimeException e) {
                log.warn("stopping {}: {}", m, e.toString());
            }
        }
        if (client != null && ownsClient) {
            client.close();
        }
    }

    /** The App controller and the VirtualMachine controller (group {@code app}), each on a client of its own identity. */
    private final class MachineControllers implements ControllerModule {
        private VirtualMachineReconciler machines;
        private final List<KubernetesClient> clients = new ArrayList<>();

        private KubernetesClient clientAs(Registration r, String user) {
            KubernetesClient c = new KubernetesClientBuilder().withConfig(r.identity().apply(user)).build();
            clients.add(c);
            return c;
        }

        @Override
        public void register(Registration r) {
            if (r.selection().isEnabled(AppReconciler.NAME)) {
                // E of the Settled computation: the engine controller is selected *and* present in this build.
                AppReconciler app = new AppReconciler(clientAs(r, Identities.APP_CONTROLLER), () -> r.selection().isEnabled(ENGINE_CONTROLLER)
                        && r.operator().getRegisteredController(ENGINE_CONTROLLER).isPresent(), r.clock());
                r.operator().register(app, (ControllerConfigurationOverrider<App> o) -> configure(o, AppReconciler.NAME, Finalizers.CLEANUP));
            }
            if (r.selection().isEnabled(VirtualMachineReconciler.NAME)) {
                machines = new VirtualMachineReconciler(clientAs(r, Identities.VM_CONTROLLER), r.paths(), new DriverSelector(r.paths(), host),
                        r.env(), ENGINE_STOP_TIMEOUT, r.clock());
                r.operator().register(machines, (ControllerConfigurationOverrider<VirtualMachine> o) ->
                        configure(o, VirtualMachineReconciler.NAME, Finalizers.CLEANUP));
                // The Docker CLI context follows the machine; it reads the VirtualMachine only (docs/engine-mirroring.md).
                r.operator().register(new DockerContextReconciler(DockerCliContext.of(r.paths(), r.env())),
                        (ControllerConfigurationOverrider<VirtualMachine> o) -> configure(o, DockerContextReconciler.NAME, null));
            }
        }

        @Override
        public void close() {
            if (machines != null) {
                machines.close(); // detach: engines keep running and the next service run adopts them
            }
            clients.forEach(KubernetesClient::close);
        }

        @Override
        public String toString() {
            return "app and vm controllers";
        }
    }
}
