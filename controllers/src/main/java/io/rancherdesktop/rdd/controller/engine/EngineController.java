package io.rancherdesktop.rdd.controller.engine;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.rancherdesktop.rdd.instance.ControllerSelection;
import io.rancherdesktop.rdd.controller.engine.kube.ApiCallCounter;
import io.rancherdesktop.rdd.controller.engine.kube.EngineEventRecorder;
import io.rancherdesktop.rdd.controller.engine.kube.MirrorRemoval;
import io.rancherdesktop.rdd.controller.engine.reconcile.ContainerMirrorReconciler;
import io.rancherdesktop.rdd.controller.engine.reconcile.ContainerNamespaceReconciler;
import io.rancherdesktop.rdd.controller.engine.reconcile.EngineSessions;
import io.rancherdesktop.rdd.controller.engine.reconcile.EngineSupervisor;
import io.rancherdesktop.rdd.controller.engine.reconcile.ImageMirrorReconciler;
import io.rancherdesktop.rdd.controller.engine.reconcile.MirrorQueues;
import io.rancherdesktop.rdd.controller.engine.reconcile.VolumeMirrorReconciler;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine controller, wired: the App-level {@link EngineSupervisor} ({@code engine}) and one java-operator-sdk
 * reconciler per mirrored kind ({@code container}, {@code image}, {@code volume}, {@code containernamespace}),
 * registered on an {@link Operator} according to the {@code --controllers} selection (docs/design/mirroring-rules.md
 * §1, docs/engine-mirroring.md).
 *
 * <p>The engine controller talks to the API through its own fabric8 client, whose requests an
 * {@link ApiCallCounter} counts: {@link #apiCalls()} is the "list calls per Docker event" metric (I7), also logged
 * after every full sync and when the service stops.
 */
public final class EngineController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineController.class);

    private final KubernetesClient client;
    private final ApiCallCounter apiCalls;
    private final EngineSessions sessions;
    private final EngineSupervisor supervisor;

    private EngineController(KubernetesClient client, ApiCallCounter apiCalls, EngineSessions sessions, EngineSupervisor supervisor) {
        this.client = client;
        this.apiCalls = apiCalls;
        this.sessions = sessions;
        this.supervisor = supervisor;
    }

    /**
     * Registers the selected engine controllers on {@code operator} (before it starts).
     *
     * @param apiConfig       how to reach the API (the engine controller builds its own counted client from it)
     * @param defaultEndpoint the instance's Docker endpoint ({@code InstancePaths::dockerEndpoint}, §1.5)
     */
    public static EngineController register(Operator operator, Config apiConfig, Supplier<String> defaultEndpoint,
                                            ControllerSelection selection, EngineControllerSettings settings, Clock clock) {
        ApiCallCounter apiCalls = new ApiCallCounter();
        return register(operator, apiCalls, apiCalls.newClient(apiConfig), defaultEndpoint, selection, settings, clock);
    }

    /**
     * As {@link #register(Operator, Config, Supplier, ControllerSelection, EngineControllerSettings, Clock)} with a
     * client built by the caller from {@code apiCalls} ({@link ApiCallCounter#newClient}), e.g. with a
     * fault-injecting interceptor in tests. The controller owns and closes {@code client}.
     */
    public static EngineController register(Operator operator, ApiCallCounter apiCalls, KubernetesClient client,
                                            Supplier<String> defaultEndpoint, ControllerSelection selection,
                                            EngineControllerSettings settings, Clock clock) {
        Objects.requireNonNull(operator, "operator");
        EngineSessions sessions = new EngineSessions();
        EngineEventRecorder events = new EngineEventRecorder(client, clock, "rdd-" + ProcessHandle.current().pid());
        GenericRetry retry = new GenericRetry().withoutMaxAttempts()
                .setInitialInterval(settings.errorRetry().initial().toMillis())
                .setIntervalMultiplier(2).setMaxInterval(settings.errorRetry().max().toMillis());

        Optional<ContainerMirrorReconciler> containers = Optional.empty();
        if (selection.isEnabled(ContainerMirrorReconciler.NAME)) {
            ContainerMirrorReconciler r = new ContainerMirrorReconciler(client, sessions, events, settings.deleteBackoff(),
                    settings.waitBackoff(), settings.maxTransientFailures(), settings.afterCall(), clock);
            operator.register(r, o -> configure(o, ContainerMirrorReconciler.NAME, retry)
                    .withOnAddFilter(ContainerMirrorReconciler::admitsAdd)
                    .withOnUpdateFilter(ContainerMirrorReconciler::admitsUpdate));
            containers = Optional.of(r);
        }
        Optional<ImageMirrorReconciler> images = Optional.empty();
        if (selection.isEnabled(ImageMirrorReconciler.NAME)) {
            ImageMirrorReconciler r = new ImageMirrorReconciler(sessions, events, settings.deleteBackoff());
            operator.register(r, o -> configure(o, ImageMirrorReconciler.NAME, retry)
                    .withOnAddFilter(ImageMirrorReconciler::admitsAdd)
                    .withOnUpdateFilter(ImageMirrorReconciler::admitsUpdate));
            images = Optional.of(r);
        }
        Optional<VolumeMirrorReconciler> volumes = Optional.empty();
        if (selection.isEnabled(VolumeMirrorReconciler.NAME)) {
            VolumeMirrorReconciler r = new VolumeMirrorReconciler(sessions, events, settings.deleteBackoff());
            operator.register(r, o -> configure(o, VolumeMirrorReconciler.NAME, retry)
                    .withOnAddFilter(VolumeMirrorReconciler::admitsAdd)
                    .withOnUpdateFilter(VolumeMirrorReconciler::admitsUpdate));
            volumes = Optional.of(r);
        }
        if (selection.isEnabled(ContainerNamespaceReconciler.NAME)) {
            ContainerNamespaceReconciler r = new ContainerNamespaceReconciler(new MirrorRemoval(client));
            operator.register(r, o -> configure(o, ContainerNamespaceReconciler.NAME, retry)
                    .withOnAddFilter(ContainerNamespaceReconciler::admits)
                    .withOnUpdateFilter((now, before) -> ContainerNamespaceReconciler.admits(now)));
        }
        EngineSupervisor supervisor = null;
        if (selection.isEnabled(EngineSupervisor.NAME)) {
            supervisor = new EngineSupervisor(client, sessions, defaultEndpoint, settings.supervisor(), apiCalls, clock);
            supervisor.useQueues(new MirrorQueues(containers, images, volumes));
            operator.register(supervisor, o -> configure(o, EngineSupervisor.NAME, retry));
        }
        LOG.info("Engine controllers registered: {}", selection.enabled().stream()
                .filter(n -> n.equals(EngineSupervisor.NAME) || n.equals(ContainerMirrorReconciler.NAME)
                        || n.equals(ImageMirrorReconciler.NAME) || n.equals(VolumeMirrorReconciler.NAME)
                        || n.equals(ContainerNamespaceReconciler.NAME)).sorted().toList());
        return new EngineController(client, apiCalls, sessions, supervisor);
    }

    /**
     * Every engine controller: own name, no generation filter (status changes matter to the predicates), every
     * event delivered including deletes, and no finalizer managed by the framework (the mirror finalizer is
     * written by the mirror writer and removed by the §7.4 procedure).
     */
    private static <R extends HasMetadata> ControllerConfigurationOverrider<R> configure(ControllerConfigurationOverrider<R> o,
                                                                                        String name, GenericRetry retry) {
        return o.withName(name).withGenerationAware(false).withTriggerReconcilerOnAllEvents(true).withRetry(retry)
                .withReconciliationMaxInterval(null);
    }

    /** API requests and list calls of the engine controller's client. */
    public ApiCallCounter apiCalls() {
        return apiCalls;
    }

    /** The published session, if any (tests, diagnostics). */
    public EngineSessions sessions() {
        return sessions;
    }

    /** The supervisor, if the {@code engine} controller is selected. */
    public Optional<EngineSupervisor> supervisor() {
        return Optional.ofNullable(supervisor);
    }

    /** The engine controller's own API client. */
    public KubernetesClient client() {
        return client;
    }

    /** Stops the watcher and closes the clients (§2.8); mirrors stay. Call after the operator stopped. */
    @Override
    public void close() {
        if (supervisor != null) {
            supervisor.close();
        }
        LOG.info("Engine controller stopped: {} API requests, {} of them list calls", apiCalls.requests(), apiCalls.lists());
        client.close();
    }
}
