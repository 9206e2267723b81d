package io.rancherdesktop.rdd.controller.engine.reconcile;

import io.rancherdesktop.rdd.wire.Backoff;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNamespace;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.rancherdesktop.rdd.controller.TriggerEventSource;
import io.rancherdesktop.rdd.controller.engine.EngineConnectException;
import io.rancherdesktop.rdd.controller.engine.EngineConnector;
import io.rancherdesktop.rdd.controller.engine.EngineConnectorSettings;
import io.rancherdesktop.rdd.controller.engine.EngineSession;
import io.rancherdesktop.rdd.controller.engine.docker.EngineDeletes;
import io.rancherdesktop.rdd.controller.engine.kube.ApiCallCounter;
import io.rancherdesktop.rdd.controller.engine.kube.FabricMirrorWriter;
import io.rancherdesktop.rdd.controller.engine.kube.KindView;
import io.rancherdesktop.rdd.controller.engine.kube.MirrorIndexes;
import io.rancherdesktop.rdd.controller.engine.kube.MirrorViews;
import io.rancherdesktop.rdd.controller.engine.kube.OperatorKindCache;
import io.rancherdesktop.rdd.controller.engine.kube.TrackingInformerEventSource;
import io.rancherdesktop.rdd.controller.engine.state.ContainerStateDecision;
import io.rancherdesktop.rdd.controller.engine.state.ContainerStateExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The App-level engine supervisor (docs/design/mirroring-rules.md §1.1, §2, §8–§10): owns the Docker watcher's
 * lifecycle, the App's {@code ContainerEngineReady} condition and the stop cleanup, reconciling the singleton App
 * one reconcile at a time.
 *
 * <ul>
 *   <li>{@code wantWatcher = App Running=True && spec.containerEngine.name == moby} (I1); a deleted or vanished App
 *       counts as false, and cleanup then runs in the last known R (§2.9).</li>
 *   <li>Connect: ping, clock, subscribe, full sync, then publish the session and set {@code Connected}; every
 *       existing mirror is enqueued once for the per-object reconcilers (§1.3). A failed connect sets
 *       {@code ConnectFailed} and retries with backoff (§2.3, §9.3).</li>
 *   <li>A dying watcher wakes this reconciler through a coalescing trigger (an event source of the App), after it is
 *       observably dead (§9.1, gap 7); the reconcile drops it and reconnects at once, keeping the mirrors (§9.2).</li>
 *   <li>Cleanup is level-triggered (I5): whenever {@code wantWatcher} is false, regardless of any watcher in memory,
 *       until it has succeeded and the caches are drained (watch-driven: the informers' delete events wake this
 *       reconciler; bounded by the drain timeout), and only then {@code Stopped}/{@code NotApplicable} (§8).</li>
 * </ul>
 */
public final class EngineSupervisor implements Reconciler<App>, AutoCloseable {
    public static final String NAME = "engine";
    private static final Logger LOG = LoggerFactory.getLogger(EngineSupervisor.class);
    private static final ResourceID APP_ID = new ResourceID(App.NAME);

    /**
     * Tunables.
     *
     * @param stopTimeout grace period of a {@code spec.state=created} stop; null (the default) for the container's own
     *                    stop timeout, as {@code docker stop} without {@code -t}
     */
    public record Settings(EngineConnectorSettings connector, Duration settleTimeout, Duration stopTimeout,
                           Backoff connectBackoff, Duration drainTimeout) {
        public Settings {
            Objects.requireNonNull(connector, "connector");
            Objects.requireNonNull(settleTimeout, "settleTimeout");
            Objects.requireNonNull(connectBackoff, "connectBackoff");
            Objects.requireNonNull(drainTimeout, "drainTimeout");
        }

        public static Settings defaults() {
            return new Settings(EngineConnectorSettings.defaults(), ContainerStateDecision.DEFAULT_SETTLE_TIMEOUT, null,
                    new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30)), Duration.ofSeconds(30));
        }
    }

    private final KubernetesClient client;
    private final EngineSessions sessions;
    private final Supplier<String> defaultEndpoint;
    private final Settings settings;
    private final Clock clock;
    private final ContainerEngineReady condition;
    private final StopCleanup cleanup;
    private final ApiCallCounter apiCalls;
    private final TriggerEventSource<App> wake = new TriggerEventSource<>("engine-supervisor-wake");
    private volatile MirrorQueues queues = MirrorQueues.none();
    private volatile MirrorViews views;
    /** Cleanup succeeded and the caches are draining; informer deletes wake the supervisor while set. */
    private volatile boolean draining;
    private Instant drainDeadline;
    private int connectFailures;
    /** No connect attempt before this (backoff), however many App events arrive meanwhile. */
    private Instant nextConnectAt = Instant.MIN;
    /** The machine's engine changed (restarted, new endpoint): try to connect at once. */
    private volatile boolean machineChanged;
    /** The engine client's list-call count when the current session was published (I7 metric). */
    private long listsAtPublish;

    /**
     * @param client          the engine controller's client (its informers and writes are counted by {@code apiCalls})
     * @param defaultEndpoint the instance's Docker endpoint ({@code InstancePaths.dockerEndpoint()}, §1.5), used
     *                        when the VirtualMachine does not publish one
     */
    public EngineSupervisor(KubernetesClient client, EngineSessions sessions, Supplier<String> defaultEndpoint,
                            Settings settings, ApiCallCounter apiCalls, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.defaultEndpoint = Objects.requireNonNull(defaultEndpoint, "defaultEndpoint");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.apiCalls = Objects.requireNonNull(apiCalls, "apiCalls");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.condition = new ContainerEngineReady(client, clock);
        this.cleanup = new StopCleanup(client);
    }

    /** The per-object reconcilers to enqueue into (set once at registration). */
    public void useQueues(MirrorQueues queues) {
        this.queues = Objects.requireNonNull(queues, "queues");
    }

    /** The views of the mirrors (available once the operator prepared the event sources). */
    public MirrorViews views() {
        return views;
    }

    @Override
    public List<EventSource<?, App>> prepareEventSources(EventSourceContext<App> context) {
        TrackingInformerEventSource<Container, App> containers = informer(Container.class, context);
        TrackingInformerEventSource<Image, App> images = informer(Image.class, context);
        TrackingInformerEventSource<Volume, App> volumes = informer(Volume.class, context);
        TrackingInformerEventSource<ContainerNamespace, App> namespaces = informer(ContainerNamespace.class, context);
        images.addIndexers(MirrorIndexes.image());
        volumes.addIndexers(MirrorIndexes.terminatingOnly());
        views = new MirrorViews(view(containers), view(images), view(volumes), view(namespaces));
        return List.of(wake, containers, images, volumes, namespaces, machines(context));
    }

    /**
     * The mirrors of every namespace, as this controller's cache; events never reconcile the App except deletes
     * while a cleanup waits for the cache to drain (§8.4).
     */
    /**
     * The VirtualMachines: a restarted engine (the machine's Running reason or message, or its Docker endpoint,
     * changed) wakes the supervisor and cuts a pending connect backoff short; the App's own Running condition does
     * not flip when the VM driver restarts a crashed engine.
     */
    private InformerEventSource<VirtualMachine, App> machines(EventSourceContext<App> context) {
        var config = InformerEventSourceConfiguration.from(VirtualMachine.class, App.class)
                .withName("engine-virtualmachines")
                .withKubernetesClient(client)
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(vm -> VirtualMachine.APP_VM_NAME.equals(vm.getMetadata().getName())
                        ? Set.of(APP_ID) : Set.of())
                .withOnAddFilter(vm -> false)
                .withOnUpdateFilter((now, before) -> {
                    boolean changed = !java.util.Objects.equals(engineFacts(now), engineFacts(before));
                    if (changed) {
                        machineChanged = true;
                    }
                    return changed;
                })
                .withOnDeleteFilter((vm, unknown) -> false)
                .build();
        return new InformerEventSource<>(config, context);
    }

    /** What of a VirtualMachine tells that its engine came or went: Running's status, reason, message; the endpoint. */
    private static List<String> engineFacts(VirtualMachine vm) {
        var st = vm.getStatus();
        if (st == null) {
            return List.of();
        }
        var running = Conditions.find(st.getConditions(), ConditionTypes.RUNNING);
        return java.util.Arrays.asList(running.map(c -> c.getStatus()).orElse(null), running.map(c -> c.getReason()).orElse(null),
                running.map(c -> c.getMessage()).orElse(null), st.getDockerEndpoint());
    }

    private static <R extends HasMetadata> KindView<R> view(TrackingInformerEventSource<R, App> source) {
        return new KindView<>(new OperatorKindCache<>(source, source.seen()));
    }

    private <R extends HasMetadata> TrackingInformerEventSource<R, App> informer(Class<R> type, EventSourceContext<App> context) {
        var config = InformerEventSourceConfiguration.from(type, App.class)
                .withName("engine-" + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + "s")
                .withKubernetesClient(client)
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(r -> Set.of(APP_ID))
                .withOnAddFilter(r -> false)
                .withOnUpdateFilter((now, before) -> false)
                .withOnDeleteFilter((r, finalStateUnknown) -> draining)
                .build();
        return new TrackingInformerEventSource<>(config, context);
    }

    @Override
    public UpdateControl<App> reconcile(App app, Context<App> context) {
        if (!App.NAME.equals(app.getMetadata().getName())) {
            return UpdateControl.noUpdate(); // admission rejects other names
        }
        boolean gone = context.isPrimaryResourceDeleted() || app.getMetadata().getDeletionTimestamp() != null;
        AppSpec spec = app.getSpec() == null ? new AppSpec() : app.getSpec();
        String namespace = spec.resourceNamespace();
        boolean running = !gone && Conditions.isTrue(app.getStatus() == null ? null : app.getStatus().getConditions(),
                ConditionTypes.RUNNING);
        boolean moby = engine(spec) == ContainerEngine.MOBY;
        boolean wantWatcher = running && moby;
        long generation = app.getMetadata().getGeneration() == null ? 0 : app.getMetadata().getGeneration();

        boolean died = dropUnwantedSession(wantWatcher, namespace);
        if (wantWatcher) {
            draining = false;
            drainDeadline = null;
            return ensureConnected(app, namespace, generation);
        }
        connectFailures = 0;
        nextConnectAt = Instant.MIN; // the next start connects at once
        ContainerEngineReady.State terminal = running ? ContainerEngineReady.State.notApplicable() : ContainerEngineReady.State.stopped();
        return cleanUp(app, namespace, generation, terminal, gone, died);
    }

    /** Drops a dead session, or a live one that is no longer wanted; returns whether a watcher had died. */
    private boolean dropUnwantedSession(boolean wantWatcher, String namespace) {
        ActiveSession s = sessions.published().orElse(null);
        if (s == null) {
            return false;
        }
        boolean dead = !s.isAlive();
        if (dead || !wantWatcher || !s.serves(namespace)) {
            sessions.withdraw(s);
            s.session().close();
            // The I7 metric: list calls made while this session handled Docker events (0 in steady state).
            LOG.info("The Docker watcher for {} handled {} Docker events with {} API list calls", s.namespace(),
                    s.session().watcher().handledActions(), apiCalls.lists() - listsAtPublish);
            if (dead) {
                LOG.warn("The Docker watcher for {} died ({}); {}", s.namespace(),
                        s.session().watcher().ended().getNow(null), wantWatcher ? "reconnecting" : "cleaning up");
            } else {
                LOG.info("Stopped the Docker watcher for {}", s.namespace());
            }
        }
        return dead;
    }

    private UpdateControl<App> ensureConnected(App app, String namespace, long generation) {
        var live = sessions.live();
        if (live.isPresent()) {
            // §2.4: re-stamp observedGeneration after spec edits that do not cycle the watcher.
            condition.write(ContainerEngineReady.State.connected(live.get().session().engine().endpoint()), generation);
            return UpdateControl.noUpdate();
        }
        Instant now = clock.instant();
        if (machineChanged) {
            machineChanged = false;
            nextConnectAt = now; // the engine just (re)started: do not sit out a backoff
        }
        if (now.isBefore(nextConnectAt)) {
            // App events between attempts (other controllers' status writes) do not speed up the backoff. That is why
            // this is a hand-written schedule (nextConnectAt) and not JOSDK's retry: a failed connect is an outcome, not
            // a thrown reconcile, and JOSDK runs the reconciler on every event however long a retry has still to wait.
            return UpdateControl.<App>noUpdate().rescheduleAfter(Duration.between(now, nextConnectAt));
        }
        String endpoint = endpointOf(namespace);
        FabricMirrorWriter writer = new FabricMirrorWriter(client, namespace, views, clock, id -> containerGone(namespace));
        EngineSession session;
        long listsBefore = apiCalls.lists();
        try {
            session = new EngineConnector(writer, settings.connector(), clock).connect(endpoint, () -> wake.trigger(APP_ID));
        } catch (EngineConnectException e) {
            connectFailures++;
            Duration retry = settings.connectBackoff().after(connectFailures);
            nextConnectAt = clock.instant().plus(retry);
            LOG.warn("Connecting to the Docker engine at {} failed (attempt {}): {}; retrying in {}", endpoint,
                    connectFailures, e.getMessage(), retry);
            condition.write(ContainerEngineReady.State.connectFailed(e.getMessage()), generation);
            return UpdateControl.<App>noUpdate().rescheduleAfter(retry);
        }
        connectFailures = 0;
        nextConnectAt = Instant.MIN;
        ActiveSession active = new ActiveSession(session, namespace, writer,
                new ContainerStateExecutor(session.engine(), new ContainerStateDecision(settings.settleTimeout()),
                        settings.stopTimeout()),
                new EngineDeletes(session.engine()));
        listsAtPublish = apiCalls.lists();
        sessions.publish(active);
        condition.write(ContainerEngineReady.State.connected(endpoint), generation);
        LOG.info("Engine mirroring connected to {} into namespace {} ({} API list calls for the full sync)", endpoint,
                namespace, apiCalls.lists() - listsBefore);
        enqueueEveryMirror(namespace);
        return UpdateControl.noUpdate();
    }

    /** §1.3: per-object work requested while disconnected gets served now. */
    private void enqueueEveryMirror(String namespace) {
        MirrorQueues q = queues;
        views.containers().cache().list(namespace).forEach(c -> q.container(namespace, c.getMetadata().getName()));
        views.images().cache().list(namespace).forEach(i -> q.image(namespace, i.getMetadata().getName()));
        views.volumes().cache().list(namespace).forEach(v -> q.volume(namespace, v.getMetadata().getName()));
    }

    /** A container mirror went: images and volumes whose delete waited for it may succeed now (§7.2). */
    private void containerGone(String namespace) {
        MirrorQueues q = queues;
        views.images().cache().byIndex(MirrorIndexes.TERMINATING, namespace)
                .forEach(i -> q.image(namespace, i.getMetadata().getName()));
        views.volumes().cache().byIndex(MirrorIndexes.TERMINATING, namespace)
                .forEach(v -> q.volume(namespace, v.getMetadata().getName()));
    }

    private UpdateControl<App> cleanUp(App app, String namespace, long generation, ContainerEngineReady.State terminal,
                                       boolean gone, boolean died) {
        if (!gone && !died && !draining && terminal.isRecordedIn(ContainerEngineReady.of(app), generation)) {
            return UpdateControl.noUpdate(); // §8.5: already clean for this case
        }
        if (!draining) {
            cleanup.removeAll(namespace); // throws after trying everything: the condition stays, JOSDK retries (I5)
            draining = true;
            drainDeadline = clock.instant().plus(settings.drainTimeout());
        }
        if (!views.cachesEmpty(namespace)) {
            Duration left = Duration.between(clock.instant(), drainDeadline);
            if (left.isNegative() || left.isZero()) {
                draining = false;
                drainDeadline = null;
                throw new IllegalStateException("the mirror caches of " + namespace + " did not drain within "
                        + settings.drainTimeout() + " after the cleanup");
            }
            return UpdateControl.<App>noUpdate().rescheduleAfter(left); // informer deletes wake us sooner
        }
        draining = false;
        drainDeadline = null;
        if (!gone) {
            condition.write(terminal, generation);
        }
        return UpdateControl.noUpdate();
    }

    /** The VirtualMachine's published Docker endpoint, else the instance's (§1.5). */
    private String endpointOf(String namespace) {
        VirtualMachine vm = client.resources(VirtualMachine.class).inNamespace(namespace).withName(VirtualMachine.APP_VM_NAME).get();
        String published = vm == null || vm.getStatus() == null ? null : vm.getStatus().getDockerEndpoint();
        return published == null || published.isBlank() ? defaultEndpoint.get() : published;
    }

    private static ContainerEngine engine(AppSpec spec) {
        return spec.getContainerEngine() == null || spec.getContainerEngine().getName() == null
                ? ContainerEngine.MOBY : spec.getContainerEngine().getName();
    }

    /** Service shutdown (§2.8): the watcher stops and the client closes; mirrors are not swept. */
    @Override
    public void close() {
        sessions.published().ifPresent(s -> {
            sessions.withdraw(s);
            s.session().close();
        });
    }
}
