package io.rancherdesktop.rdd.controller.engine.testing;

import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageMirror;
import io.rancherdesktop.rdd.controller.engine.mirror.Mirror;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.controller.engine.mirror.MirrorWriter;
import io.rancherdesktop.rdd.controller.engine.mirror.VolumeMirror;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An in-memory stand-in for the API side, until the fabric8 writer exists: stores the last mirror per name,
 * records every call, and can fail applies of chosen names (fault injection).
 */
public final class RecordingMirrorWriter implements MirrorWriter {
    /** One recorded call. */
    public record Call(String op, MirrorKind kind, String name) {
    }

    private final Map<MirrorKind, Map<String, Mirror>> store = new EnumMap<>(MirrorKind.class);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
    private volatile Predicate<String> failApplyOf = n -> false;
    private volatile Predicate<String> failRemoveOf = n -> false;
    private volatile boolean failNamespaceApply;

    private volatile java.util.function.Consumer<Mirror> beforeApply = m -> { };

    public RecordingMirrorWriter() {
        for (MirrorKind k : MirrorKind.values()) {
            store.put(k, new ConcurrentHashMap<>());
        }
    }

    public RecordingMirrorWriter failApplyOf(Predicate<String> names) {
        this.failApplyOf = Objects.requireNonNull(names);
        return this;
    }

    public RecordingMirrorWriter failRemoveOf(Predicate<String> names) {
        this.failRemoveOf = Objects.requireNonNull(names);
        return this;
    }

    /** Runs {@code hook} at the start of every apply, on the applying thread (e.g. to hold applies and count overlap). */
    public RecordingMirrorWriter beforeApply(java.util.function.Consumer<Mirror> hook) {
        this.beforeApply = Objects.requireNonNull(hook);
        return this;
    }

    public RecordingMirrorWriter failNamespaceApply() {
        this.failNamespaceApply = true;
        return this;
    }

    /** Seeds a mirror as if an earlier session had written it. */
    public void seed(Mirror m) {
        store.get(m.kind()).put(m.name(), m);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String op) {
        return calls.stream().filter(c -> c.op().equals(op)).toList();
    }

    public void clearCalls() {
        calls.clear();
    }

    public Set<String> namespaces() {
        return Set.copyOf(namespaces);
    }

    public Mirror get(MirrorKind kind, String name) {
        return store.get(kind).get(name);
    }

    public Map<String, Mirror> all(MirrorKind kind) {
        return Map.copyOf(store.get(kind));
    }

    public List<ImageMirror> images() {
        return store.get(MirrorKind.IMAGE).values().stream().map(ImageMirror.class::cast).toList();
    }

    @Override
    public void applyContainerNamespace(String engineNamespace) {
        calls.add(new Call("applyNamespace", null, engineNamespace));
        if (failNamespaceApply) {
            throw new IllegalStateException("injected: the API server refused ContainerNamespace " + engineNamespace);
        }
        namespaces.add(engineNamespace);
    }

    @Override
    public void applyContainer(ContainerMirror mirror) {
        put(mirror);
    }

    @Override
    public void applyImage(ImageMirror mirror) {
        put(mirror);
    }

    @Override
    public void applyVolume(VolumeMirror mirror) {
        put(mirror);
    }

    private void put(Mirror m) {
        beforeApply.accept(m);
        calls.add(new Call("apply", m.kind(), m.name()));
        if (failApplyOf.test(m.name())) {
            throw new IllegalStateException("injected apply failure for " + m.kind() + " " + m.name());
        }
        store.get(m.kind()).put(m.name(), m);
    }

    @Override
    public void applyUsage(MirrorKind kind, String name, List<String> usedBy) {
        calls.add(new Call("applyUsage", kind, name));
        store.get(kind).computeIfPresent(name, (n, m) -> switch (m) {
            case ImageMirror i -> i.withUsedBy(usedBy);
            case VolumeMirror v -> v.withUsedBy(usedBy);
            default -> throw new IllegalArgumentException(kind + " has no usedBy");
        });
    }

    @Override
    public Set<String> listNames(MirrorKind kind) {
        calls.add(new Call("list", kind, null));
        return new TreeSet<>(store.get(kind).keySet());
    }

    @Override
    public Set<String> listImageNamesWithId(String imageId) {
        return images().stream().filter(i -> i.status().id().equals(imageId)).map(ImageMirror::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public Set<String> listImageIdsWithTag(String repoTag) {
        return images().stream().filter(i -> repoTag.equals(i.status().repoTag())).map(i -> i.status().id())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public void remove(MirrorKind kind, String name) {
        calls.add(new Call("remove", kind, name));
        if (failRemoveOf.test(name)) {
            throw new IllegalStateException("injected remove failure for " + kind + " " + name);
        }
        store.get(kind).remove(name);
    }

    /** Names of mirrors of {@code kind} in insertion-independent order. */
    public List<String> names(MirrorKind kind) {
        return new ArrayList<>(new TreeSet<>(store.get(kind).keySet()));
    }
}
