package io.rancherdesktop.rdd.controller.engine.sync;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import io.rancherdesktop.rdd.controller.engine.docker.DockerVolume;
import io.rancherdesktop.rdd.controller.engine.docker.EngineErrors;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerUsage;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerUsageIndex;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageHistoryStep;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.Mirror;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.controller.engine.mirror.MirrorStatusMapper;
import io.rancherdesktop.rdd.controller.engine.mirror.MirrorWriter;
import io.rancherdesktop.rdd.controller.engine.mirror.VolumeMirror;
import io.rancherdesktop.rdd.controller.engine.naming.ContainerName;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full sync of docs/design/mirroring-rules.md §3.3–3.9: ContainerNamespace {@code moby}, then containers, images
 * and volumes, each listed, inspected with bounded parallelism (I6), applied, and pruned against the active set
 * from the <em>list</em> response. One item's failure is logged and skipped (C1); only list calls, the namespace
 * apply and stale removals fail the sync.
 */
public final class FullSync {
    public static final int DEFAULT_PARALLELISM = 8;
    /**
     * How many items may be applied (written to the API) at once. Writes are not bounded by the inspect parallelism:
     * the store group-commits concurrent writes (one fsync for all of them), so more writers in flight make a cold
     * sync, where every mirror is created, cheaper per write (docs/benchmarks.md, "Engine full sync").
     */
    public static final int WRITE_CONCURRENCY = 32;
    /**
     * Benchmark only, never set in a product run: {@code -Drdd.benchmark.fullSyncWithoutUsedBy=true} makes every full
     * sync of the JVM skip {@code status.usedBy} (no usage index, images and volumes written without users), so that
     * the cold sync can be measured with and without it (docs/benchmarks.md, "Engine full sync"). Read once.
     */
    public static final String WITHOUT_USED_BY_PROPERTY = "rdd.benchmark.fullSyncWithoutUsedBy";
    private static final boolean USED_BY_DEFAULT = !Boolean.getBoolean(WITHOUT_USED_BY_PROPERTY);
    private static final Logger LOG = LoggerFactory.getLogger(FullSync.class);

    private final DockerEngineClient engine;
    private final MirrorWriter writer;
    private final ContainerUsageIndex usage;
    private final int parallelism;
    private final boolean usedBy;
    /** The usage index this sync fills ({@link #run}); the session's event handler keeps it current. */
    public ContainerUsageIndex usage() {
        return usage;
    }

    /** How many items a sync with this inspect parallelism works on (and writes) at once. */
    public static int writers(int parallelism) {
        return Math.max(parallelism, WRITE_CONCURRENCY);
    }

    /** Bounds the Docker inspects (§3.6, I6); the pool itself is larger, for the writes. */
    private final Semaphore inspects;

    /** A sync with an index of its own (nothing else reads the users afterwards). */
    public FullSync(DockerEngineClient engine, MirrorWriter writer, int parallelism) {
        this(engine, writer, new ContainerUsageIndex(), parallelism);
    }

    /**
     * @param usage the session's usage index: reset from the synced containers, then read for every image's and
     *              volume's {@code status.usedBy}; the event handler keeps it current afterwards
     */
    public FullSync(DockerEngineClient engine, MirrorWriter writer, ContainerUsageIndex usage, int parallelism) {
        this(engine, writer, usage, parallelism, USED_BY_DEFAULT);
    }

    /**
     * @param usedBy false only in benchmarks ({@link #WITHOUT_USED_BY_PROPERTY}): no users are derived and images and
     *               volumes are written without {@code status.usedBy}
     */
    public FullSync(DockerEngineClient engine, MirrorWriter writer, ContainerUsageIndex usage, int parallelism, boolean usedBy) {
        this.usedBy = usedBy;
        this.engine = Objects.requireNonNull(engine, "engine");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.usage = Objects.requireNonNull(usage, "usage");
        if (parallelism < 1) {
            throw new IllegalArgumentException("full-sync parallelism must be at least 1, got " + parallelism);
        }
        this.parallelism = parallelism;
        this.inspects = new Semaphore(parallelism);
    }

    /**
     * Runs the sync once.
     *
     * @throws FullSyncException on a structural failure (§3.8)
     */
    public FullSyncResult run() {
        long start = System.nanoTime();
        Map<MirrorKind, Set<String>> active = new EnumMap<>(MirrorKind.class);
        Map<MirrorKind, KindSyncStats> stats = new EnumMap<>(MirrorKind.class);
        structural("apply ContainerNamespace " + ContainerName.DEFAULT_NAMESPACE, () -> {
            writer.applyContainerNamespace(ContainerName.DEFAULT_NAMESPACE);
            return null;
        });
        try (ExecutorService pool = newPool()) {
            Queue<ContainerUsage> users = new ConcurrentLinkedQueue<>();
            List<ContainerMirror> containers = syncContainers(pool, active, stats, users);
            // Users are derived once, from every container inspected (its mirror written or not), before any image
            // or volume is written.
            if (usedBy) {
                usage.reset(users);
            }
            List<ImageMirror> images = syncImages(pool, active, stats);
            List<VolumeMirror> volumes = syncVolumes(pool, active, stats);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("Full sync done in {} ms: containers {}, images {}, volumes {}", elapsed.toMillis(),
                    stats.get(MirrorKind.CONTAINER), stats.get(MirrorKind.IMAGE), stats.get(MirrorKind.VOLUME));
            return new FullSyncResult(containers, images, volumes, active, stats, elapsed);
        }
    }

    /**
     * Syncs one kind as {@link #run()} does (list, inspect within the same bound, apply, prune against the list),
     * for an engine operation that removed objects without an event per object (a volume prune, §5). Images and
     * volumes are written with the users the usage index holds; a container resync leaves the index to the
     * container events, which keep it current.
     *
     * @throws FullSyncException on a structural failure of that kind (§3.8)
     */
    public KindSyncStats runKind(MirrorKind kind) {
        long start = System.nanoTime();
        Map<MirrorKind, Set<String>> active = new EnumMap<>(MirrorKind.class);
        Map<MirrorKind, KindSyncStats> stats = new EnumMap<>(MirrorKind.class);
        try (ExecutorService pool = newPool()) {
            switch (kind) {
                case CONTAINER -> syncContainers(pool, active, stats, new ConcurrentLinkedQueue<>());
                case IMAGE -> syncImages(pool, active, stats);
                case VOLUME -> syncVolumes(pool, active, stats);
            }
        }
        LOG.info("Resync of {} done in {} ms: {}", kind, Duration.ofNanos(System.nanoTime() - start).toMillis(), stats.get(kind));
        return stats.get(kind);
    }

    private ExecutorService newPool() {
        return Executors.newFixedThreadPool(writers(parallelism), Thread.ofVirtual().name("full-sync-", 0).factory());
    }

    /** @param users receives the usage of every container inspected */
    private List<ContainerMirror> syncContainers(ExecutorService pool, Map<MirrorKind, Set<String>> active,
                                                 Map<MirrorKind, KindSyncStats> stats, Queue<ContainerUsage> users) {
        DockerClient docker = engine.docker();
        List<Container> listed = structural("list containers",
                () -> docker.listContainersCmd().withShowAll(true).exec());
        Set<String> ids = new LinkedHashSet<>();
        listed.forEach(c -> ids.add(c.getId()));
        List<ItemResult<ContainerMirror>> results = forEach(pool, List.copyOf(ids), id -> {
            ContainerMirror m;
            try {
                m = MirrorStatusMapper.container(inspect(() -> docker.inspectContainerCmd(id).exec()));
                if (usedBy) {
                    users.add(ContainerUsage.of(m));
                }
            } catch (RuntimeException e) {
                return inspectFailure("container " + id, e);
            }
            return applied(List.of(m), "container " + id, writer::applyContainer);
        });
        active.put(MirrorKind.CONTAINER, Collections.unmodifiableSet(ids));
        List<ContainerMirror> mirrors = collect(results);
        int pruned = prune(MirrorKind.CONTAINER, ids);
        stats.put(MirrorKind.CONTAINER, stats(ids.size(), results, pruned));
        return mirrors;
    }

    private List<ImageMirror> syncImages(ExecutorService pool, Map<MirrorKind, Set<String>> active,
                                         Map<MirrorKind, KindSyncStats> stats) {
        DockerClient docker = engine.docker();
        List<Image> listed = structural("list images", () -> docker.listImagesCmd().exec());
        Set<String> names = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Image image : listed) {
            names.addAll(MirrorStatusMapper.imageNames(image));
            ids.add(image.getId());
        }
        List<ItemResult<ImageMirror>> results = forEach(pool, List.copyOf(ids), id -> {
            List<ImageMirror> mirrors;
            try {
                mirrors = MirrorStatusMapper.images(inspect(() -> docker.inspectImageCmd(id).exec()));
                List<String> users = usedBy ? usage.usersOfImage(id) : null;
                List<ImageHistoryStep> history = MirrorStatusMapper.history(engine, id);
                mirrors = mirrors.stream().map(m -> (users == null ? m : m.withUsedBy(users)).withHistory(history)).toList();
            } catch (RuntimeException e) {
                return inspectFailure("image " + id, e);
            }
            return applied(mirrors, "image " + id, writer::applyImage);
        });
        List<ImageMirror> mirrors = collect(results);
        // A tag added between list and inspect was just applied: keep it rather than prune and re-create it.
        mirrors.forEach(m -> names.add(m.name()));
        active.put(MirrorKind.IMAGE, Collections.unmodifiableSet(names));
        int pruned = prune(MirrorKind.IMAGE, names);
        stats.put(MirrorKind.IMAGE, stats(ids.size(), results, pruned));
        return mirrors;
    }

    private List<VolumeMirror> syncVolumes(ExecutorService pool, Map<MirrorKind, Set<String>> active,
                                           Map<MirrorKind, KindSyncStats> stats) {
        List<DockerVolume> listed = structural("list volumes", engine::listVolumes);
        Set<String> names = new LinkedHashSet<>();
        listed.forEach(v -> names.add(VolumeMirrorName.of(v.name())));
        // The list response carries every status field, so volumes need no inspect (§3.5).
        List<ItemResult<VolumeMirror>> results = forEach(pool, listed,
                v -> applied(List.of(usedBy ? MirrorStatusMapper.volume(v).withUsedBy(usage.usersOfVolume(v.name()))
                                : MirrorStatusMapper.volume(v)),
                        "volume " + v.name(), writer::applyVolume));
        active.put(MirrorKind.VOLUME, Collections.unmodifiableSet(names));
        List<VolumeMirror> mirrors = collect(results);
        int pruned = prune(MirrorKind.VOLUME, names);
        stats.put(MirrorKind.VOLUME, stats(listed.size(), results, pruned));
        return mirrors;
    }

    /** One Docker inspect, within the inspect parallelism. */
    private <T> T inspect(Supplier<T> call) {
        try {
            inspects.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FullSyncException("full sync interrupted", e);
        }
        try {
            return call.get();
        } finally {
            inspects.release();
        }
    }

    /** Removes every mirror of {@code kind} not in {@code active}; all removals are tried before failing. */
    private int prune(MirrorKind kind, Set<String> active) {
        Set<String> existing = structural("list " + kind + " mirrors", () -> writer.listNames(kind));
        List<String> stale = existing.stream().filter(n -> !active.contains(n)).sorted().toList();
        FullSyncException failure = null;
        for (String name : stale) {
            try {
                writer.remove(kind, name);
                LOG.info("Removed stale {} mirror {}", kind, name);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = new FullSyncException("removing stale " + kind + " mirror " + name + " failed: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return stale.size();
    }

    private <M extends Mirror> ItemResult<M> applied(List<M> mirrors, String what, java.util.function.Consumer<M> apply) {
        List<M> written = new ArrayList<>(mirrors.size());
        int failed = 0;
        for (M m : mirrors) {
            try {
                apply.accept(m);
                written.add(m);
            } catch (RuntimeException e) {
                failed++;
                LOG.warn("Full sync: applying the mirror of {} failed, skipping it: {}", what, e.getMessage(), e);
            }
        }
        return new ItemResult<>(written, false, failed);
    }

    private static <M extends Mirror> ItemResult<M> inspectFailure(String what, RuntimeException e) {
        if (EngineErrors.isNotFound(e)) {
            LOG.debug("Full sync: {} vanished between list and inspect", what);
            return new ItemResult<>(List.of(), true, 0);
        }
        LOG.warn("Full sync: inspecting {} failed, skipping it: {}", what, EngineErrors.message(e), e);
        return new ItemResult<>(List.of(), false, 1);
    }

    private static <T, M extends Mirror> List<ItemResult<M>> forEach(ExecutorService pool, List<T> items, Function<T, ItemResult<M>> task) {
        List<Future<ItemResult<M>>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(pool.submit(() -> task.apply(item)));
        }
        List<ItemResult<M>> results = new ArrayList<>(items.size());
        for (int i = 0; i < futures.size(); i++) {
            try {
                results.add(futures.get(i).get());
            } catch (ExecutionException e) {
                // task() catches RuntimeException itself; an Error here is a programming fault worth failing on.
                throw new FullSyncException("full sync task for " + items.get(i) + " failed unexpectedly", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new FullSyncException("full sync interrupted", e);
            }
        }
        return results;
    }

    /** The written mirrors sorted by name: Docker's list order is not stable (volumes come from a Go map). */
    private static <M extends Mirror> List<M> collect(List<ItemResult<M>> results) {
        List<M> all = new ArrayList<>();
        results.forEach(r -> all.addAll(r.written()));
        all.sort(java.util.Comparator.comparing(Mirror::name));
        return all;
    }

    private static <M extends Mirror> KindSyncStats stats(int listed, List<ItemResult<M>> results, int pruned) {
        int applied = 0;
        int vanished = 0;
        int failed = 0;
        for (ItemResult<M> r : results) {
            applied += r.written().size();
            vanished += r.vanished() ? 1 : 0;
            failed += r.failed();
        }
        return new KindSyncStats(listed, applied, vanished, failed, pruned);
    }

    private static <T> T structural(String step, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new FullSyncException("full sync failed: " + step + ": " + EngineErrors.message(e), e);
        }
    }

    private record ItemResult<M extends Mirror>(List<M> written, boolean vanished, int failed) {
    }
}
