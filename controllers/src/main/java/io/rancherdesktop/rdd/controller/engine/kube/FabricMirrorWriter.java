package io.rancherdesktop.rdd.controller.engine.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.rancherdesktop.rdd.api.FieldManagers;
import io.rancherdesktop.rdd.api.Finalizers;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNamespace;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeStatus;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageMirror;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.controller.engine.mirror.MirrorWriter;
import io.rancherdesktop.rdd.controller.engine.mirror.VolumeMirror;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MirrorWriter} over the fabric8 client (docs/design/mirroring-rules.md §4.3–4.6, §7.4), for one resource
 * namespace R.
 *
 * <ul>
 *   <li>A new mirror is created with a plain POST carrying the mirror finalizer and, for a Container,
 *       {@code spec.state=unknown}: the spec is written exactly once and the engine never owns it through
 *       server-side apply, so no later write can overwrite a user's {@code spec.state} (§4.5, S7, gap 8). The
 *       create's claim on {@code spec.state} is then dropped ({@link SpecStateOwnership}), so a user's server-side
 *       apply of a state does not conflict with the engine.</li>
 *   <li>The finalizer is re-asserted by server-side apply under field manager {@code engine-controller} (force)
 *       whenever a non-terminating mirror lacks it (S2), never on a terminating one (§4.4). Finalizers are a set
 *       on the server, so the apply claims only the mirror finalizer and others' finalizers stay; the read
 *       resourceVersion is a precondition, so an object that started terminating meanwhile is re-read, not
 *       refused.</li>
 *   <li>Status goes through the status subresource by server-side apply under {@code engine-controller} (force).
 *       It is compared first with the newest known state (informer cache plus this writer's own recent writes), so
 *       an unchanged engine object costs no request and keeps its resourceVersion (§4.6). The Container's
 *       {@code status.lastAction} belongs to another field manager and is left alone.</li>
 *   <li>Lookups by image ID or tag read the cache indexes: handling a Docker event lists nothing (I7). Only the
 *       full sync's pruning lists from the API (§3.9).</li>
 * </ul>
 */
public final class FabricMirrorWriter implements MirrorWriter {
    private static final Logger LOG = LoggerFactory.getLogger(FabricMirrorWriter.class);
    private static final int MAX_ATTEMPTS = 8;

    private final KubernetesClient client;
    private final String namespace;
    private final MirrorViews views;
    private final MirrorRemoval removal;
    private final Clock clock;
    private final Consumer<String> containerRemoved;
    private final PatchContext apply;

    /**
     * @param client           the engine controller's client
     * @param namespace        the resource namespace R
     * @param containerRemoved called after a Container mirror was removed engine-side (a destroy event): images and
     *                         volumes waiting for that container to go can retry their delete
     */
    public FabricMirrorWriter(KubernetesClient client, String namespace, MirrorViews views, Clock clock,
                              Consumer<String> containerRemoved) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.views = Objects.requireNonNull(views, "views");
        this.removal = new MirrorRemoval(client);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.containerRemoved = Objects.requireNonNull(containerRemoved, "containerRemoved");
        this.apply = new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager(FieldManagers.ENGINE_CONTROLLER).withForce(true).build();
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public void applyContainerNamespace(String engineNamespace) {
        if (views.namespaces().current(namespace, engineNamespace).isPresent()) {
            return; // present, or terminating and on its way out (it has no finalizer of ours, I2)
        }
        ContainerNamespace ns = new ContainerNamespace();
        ns.setMetadata(meta(engineNamespace));
        ns.setSpec(null);
        ns.setStatus(null);
        ContainerNamespace written = client.resources(ContainerNamespace.class).inNamespace(namespace)
                .withName(engineNamespace).patch(apply, ns);
        views.namespaces().written(written);
    }

    @Override
    public void applyContainer(ContainerMirror mirror) {
        applyMirror(Container.class, views.containers(), mirror.name(), mirror.status(), () -> {
            Container c = new Container();
            c.setSpec(new ContainerSpec(RequestedState.UNKNOWN));
            return c;
        }, current -> MirrorStatusConversion.container(mirror.status(),
                current.getStatus() == null ? null : current.getStatus().getConditions(),
                generation(current), clock.instant()), Container::new);
    }

    @Override
    public void applyImage(ImageMirror mirror) {
        applyMirror(Image.class, views.images(), mirror.name(), mirror.status(), Image::new,
                current -> MirrorStatusConversion.image(mirror.status()), Image::new);
    }

    @Override
    public void applyVolume(VolumeMirror mirror) {
        applyMirror(Volume.class, views.volumes(), mirror.name(), mirror.status(), Volume::new,
                current -> MirrorStatusConversion.volume(mirror.status()), Volume::new);
    }

    @Override
    public void applyUsage(MirrorKind kind, String name, List<String> usedBy) {
        List<String> users = List.copyOf(usedBy);
        switch (kind) {
            case IMAGE -> applyUsage(Image.class, views.images(), name, users, ImageStatus.class,
                    ImageStatus::getUsedBy, ImageStatus::getInUse, (s, u) -> {
                        s.setUsedBy(new ArrayList<>(u));
                        s.setInUse(!u.isEmpty());
                    }, Image::new);
            case VOLUME -> applyUsage(Volume.class, views.volumes(), name, users, VolumeStatus.class,
                    VolumeStatus::getUsedBy, VolumeStatus::getInUse, (s, u) -> {
                        s.setUsedBy(new ArrayList<>(u));
                        s.setInUse(!u.isEmpty());
                    }, Volume::new);
            case CONTAINER -> throw new IllegalArgumentException("containers have no usedBy");
        }
    }

    /**
     * Status write of the newest known status with only the users replaced: the whole engine-owned status goes in
     * the apply, so server-side apply keeps every other field this manager owns.
     */
    private <S, T extends CustomResource<?, S>> void applyUsage(Class<T> type, KindView<T> view, String name, List<String> users,
                                                                Class<S> statusType, Function<S, List<String>> usedBy,
                                                                Function<S, Boolean> inUse, BiConsumer<S, List<String>> set,
                                                                Supplier<T> empty) {
        T current = view.current(namespace, name).orElse(null);
        if (current == null || current.getStatus() == null) {
            return; // not mirrored yet: its apply renders the users from the index
        }
        S stored = current.getStatus();
        if (users.equals(usedBy.apply(stored)) && Boolean.valueOf(!users.isEmpty()).equals(inUse.apply(stored))) {
            return;
        }
        S status = client.getKubernetesSerialization().convertValue(stored, statusType);
        set.accept(status, users);
        T config = empty.get();
        config.setMetadata(meta(name));
        config.setStatus(status);
        try {
            T written = client.resources(type).inNamespace(namespace).withName(name).subresource("status").patch(apply, config);
            view.written(written);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            LOG.debug("{} {}/{} vanished before its users could be written", type.getSimpleName(), namespace, name);
            view.removed(namespace, name, KindView.resourceVersion(current));
        }
    }

    /**
     * The mirrors of {@code kind} in R for pruning (§3.9), from the synced informer cache corrected by this writer's
     * own writes: no API list. A mirror somebody else created a moment ago may be missed and is pruned by the next
     * sync; one deleted a moment ago is removed again, which is a NotFound and harmless.
     */
    @Override
    public Set<String> listNames(MirrorKind kind) {
        return switch (kind) {
            case CONTAINER -> views.containers().namesIn(namespace);
            case IMAGE -> views.images().namesIn(namespace);
            case VOLUME -> views.volumes().namesIn(namespace);
        };
    }

    @Override
    public Set<String> listImageNamesWithId(String imageId) {
        return views.images().matching(namespace, MirrorIndexes.IMAGE_ID, MirrorIndexes.key(namespace, imageId),
                        i -> i.getStatus() != null && imageId.equals(i.getStatus().getId()))
                .stream().map(i -> i.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public Set<String> listImageIdsWithTag(String repoTag) {
        return views.images().matching(namespace, MirrorIndexes.IMAGE_TAG, MirrorIndexes.key(namespace, repoTag),
                        i -> i.getStatus() != null && repoTag.equals(i.getStatus().getRepoTag()))
                .stream().map(i -> i.getStatus().getId()).filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public void remove(MirrorKind kind, String name) {
        switch (kind) {
            case CONTAINER -> {
                remove(Container.class, views.containers(), name);
                containerRemoved.accept(name);
            }
            case IMAGE -> remove(Image.class, views.images(), name);
            case VOLUME -> remove(Volume.class, views.volumes(), name);
        }
    }

    private <T extends HasMetadata> void remove(Class<T> type, KindView<T> view, String name) {
        long cachedRv = view.current(namespace, name).map(KindView::resourceVersion).orElse(-1L);
        MirrorRemoval.Outcome outcome = removal.remove(type, namespace, name);
        view.removed(namespace, name, outcome.existed() ? outcome.lastResourceVersion() : cachedRv);
    }

    /**
     * Create if absent (finalizer and, for containers, the one-time spec), re-assert the finalizer if a live mirror
     * lost it, then write the status if it differs from the newest known one.
     *
     * @param record  the engine status record the status is rendered from (equality means "same status")
     * @param blank   a new object of the kind with its spec set, to create
     * @param desired the status to write, computed from the current object (stored conditions, generation)
     * @param empty   a new object of the kind, for apply configurations
     */
    private <S, T extends CustomResource<?, S>> void applyMirror(Class<T> type, KindView<T> view, String name, Object record,
                                                                 Supplier<T> blank, Function<T, S> desired,
                                                                 Supplier<T> empty) {
        // Two passes: if the object vanished between the read and the status write (a stale cache, or deleted just
        // now), the second pass sees it absent and creates it again.
        for (int pass = 1; pass <= 2; pass++) {
            T current = view.current(namespace, name).orElse(null);
            if (current == null) {
                current = create(type, view, name, blank);
            }
            if (!terminating(current) && !hasMirrorFinalizer(current)) {
                long seen = KindView.resourceVersion(current);
                current = reassertFinalizer(type, view, current, empty);
                if (current == null) {
                    view.removed(namespace, name, seen);
                    continue;
                }
            }
            long seen = KindView.resourceVersion(current);
            if (view.confirmedUnchanged(namespace, name, record, seen)) {
                return; // the same engine record was confirmed against this very version: nothing to render
            }
            S status = desired.apply(current);
            if (sameStatus(current.getStatus(), status)) {
                view.confirm(namespace, name, record, seen);
                return;
            }
            T config = empty.get();
            config.setMetadata(meta(name));
            clearSpec(config);
            config.setStatus(status);
            try {
                T written = client.resources(type).inNamespace(namespace).withName(name).subresource("status").patch(apply, config);
                view.written(written);
                view.confirm(namespace, name, record, KindView.resourceVersion(written));
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                    throw e;
                }
                LOG.debug("{} {}/{} vanished before its status could be written", type.getSimpleName(), namespace, name);
                view.removed(namespace, name, KindView.resourceVersion(current));
            }
        }
    }

    private <T extends CustomResource<?, ?>> T create(Class<T> type, KindView<T> view, String name, Supplier<T> blank) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            T obj = blank.get();
            ObjectMeta m = meta(name);
            m.setFinalizers(new ArrayList<>(List.of(Finalizers.MIRROR)));
            obj.setMetadata(m);
            obj.setStatus(null);
            try {
                // A plain POST (field manager from the client's User-Agent), never an apply: see the class comment.
                T created = client.resources(type).inNamespace(namespace).resource(obj).create();
                view.written(created);
                if (created instanceof Container c) {
                    // The create recorded spec.state=unknown as this writer's claim: drop it, or every server-side
                    // apply of a state would conflict with the engine.
                    Container released = SpecStateOwnership.release(client, c);
                    if (released == null) {
                        return created; // deleted meanwhile: the status write finds it gone
                    }
                    view.written(type.cast(released));
                    return type.cast(released);
                }
                return created;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                T existing = client.resources(type).inNamespace(namespace).withName(name).get();
                if (existing != null) {
                    return existing; // created concurrently (or the cache lagged): continue with it
                }
            }
        }
        throw new IllegalStateException("creating " + type.getSimpleName() + " " + namespace + "/" + name
                + " kept conflicting with concurrent deletes");
    }

    /**
     * Server-side apply of the mirror finalizer, guarded by the read resourceVersion: if the object changed since
     * (e.g. it started terminating, when adding a finalizer would be refused), it is read again and re-judged.
     */
    private <T extends CustomResource<?, ?>> T reassertFinalizer(Class<T> type, KindView<T> view, T current, Supplier<T> empty) {
        String name = current.getMetadata().getName();
        KubernetesClientException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            T config = empty.get();
            ObjectMeta m = meta(name);
            // The server treats metadata.finalizers as a set owned item by item: the engine claims only its own.
            m.setFinalizers(new ArrayList<>(List.of(Finalizers.MIRROR)));
            m.setResourceVersion(current.getMetadata().getResourceVersion());
            config.setMetadata(m);
            clearSpec(config);
            config.setStatus(null);
            try {
                T written = client.resources(type).inNamespace(namespace).withName(name).patch(apply, config);
                view.written(written);
                LOG.info("Re-asserted the mirror finalizer on {} {}/{}", type.getSimpleName(), namespace, name);
                return written;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return null;
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                last = e;
                current = client.resources(type).inNamespace(namespace).withName(name).get();
                if (current == null) {
                    return null;
                }
                if (terminating(current) || hasMirrorFinalizer(current)) {
                    return current;
                }
            }
        }
        throw last;
    }

    private boolean sameStatus(Object stored, Object desired) {
        if (stored == null) {
            return false;
        }
        JsonNode a = client.getKubernetesSerialization().convertValue(stored, JsonNode.class);
        JsonNode b = client.getKubernetesSerialization().convertValue(desired, JsonNode.class);
        if (stored instanceof ContainerStatus && a instanceof ObjectNode o) {
            o.remove("lastAction"); // the spec.state reconciler's field, not engine state
        }
        return a.equals(b);
    }

    private static void clearSpec(CustomResource<?, ?> config) {
        if (config instanceof Container c) {
            c.setSpec(null);
        }
    }

    private ObjectMeta meta(String name) {
        ObjectMeta m = new ObjectMeta();
        m.setName(name);
        m.setNamespace(namespace);
        return m;
    }

    private static long generation(HasMetadata o) {
        Long g = o.getMetadata().getGeneration();
        return g == null ? 0 : g;
    }

    static boolean terminating(HasMetadata o) {
        return o.getMetadata().getDeletionTimestamp() != null;
    }

    static boolean hasMirrorFinalizer(HasMetadata o) {
        return o.getMetadata().getFinalizers() != null && o.getMetadata().getFinalizers().contains(Finalizers.MIRROR);
    }
}
