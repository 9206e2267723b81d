package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which containers use which image and which volume, for {@code status.usedBy} (docs/api.md §3.3, §3.4). One per
 * engine session: the full sync fills it once from the containers it synced ({@link #reset}), then the event
 * handler keeps it current from the container inspects it makes anyway ({@link #put}, {@link #remove}); it never
 * calls the engine itself. Each change reports exactly the images and volumes whose user list changed, with the
 * new list, so only those mirrors are rewritten. Thread-safe.
 */
public final class ContainerUsageIndex {
    private final Map<String, ContainerUsage> byContainer = new HashMap<>();
    /** Derived from {@code byContainer}: image ID → users, and volume name → users; no empty sets. */
    private final Map<String, TreeSet<String>> imageUsers = new HashMap<>();
    private final Map<String, TreeSet<String>> volumeUsers = new HashMap<>();

    /**
     * The images and volumes whose users changed, each with its new user list (sorted; empty when unused).
     *
     * @param images  image ID → users
     * @param volumes engine volume name → users
     */
    public record Change(Map<String, List<String>> images, Map<String, List<String>> volumes) {
        public static final Change NONE = new Change(Map.of(), Map.of());

        public Change {
            images = Map.copyOf(images);
            volumes = Map.copyOf(volumes);
        }

        public boolean isEmpty() {
            return images.isEmpty() && volumes.isEmpty();
        }
    }

    /** Replaces the whole index (a full sync). */
    public synchronized void reset(Collection<ContainerUsage> containers) {
        byContainer.clear();
        imageUsers.clear();
        volumeUsers.clear();
        containers.forEach(c -> {
            ContainerUsage before = byContainer.put(c.containerId(), c);
            unindex(before);
            index(c);
        });
    }

    /** Records a container's current usage (create, rename, any re-inspect); reports what changed. */
    public synchronized Change put(ContainerUsage usage) {
        ContainerUsage before = byContainer.put(usage.containerId(), usage);
        unindex(before);
        index(usage);
        return changeBetween(before, usage);
    }

    /** Forgets a container (destroy); reports what changed. */
    public synchronized Change remove(String containerId) {
        ContainerUsage before = byContainer.remove(containerId);
        unindex(before);
        return before == null ? Change.NONE : changeBetween(before, null);
    }

    /** Docker names of the containers using {@code imageId}, sorted. */
    public synchronized List<String> usersOfImage(String imageId) {
        return users(imageUsers, imageId);
    }

    /** Docker names of the containers mounting the volume {@code volumeName}, sorted. */
    public synchronized List<String> usersOfVolume(String volumeName) {
        return users(volumeUsers, volumeName);
    }

    /** Image ID → users, for every image some container uses: the batch derivation of a full sync. */
    public static Map<String, List<String>> usersByImage(Collection<ContainerUsage> containers) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        for (ContainerUsage c : containers) {
            if (c.imageId() != null) {
                out.computeIfAbsent(c.imageId(), k -> new TreeSet<>()).add(c.name());
            }
        }
        return freeze(out);
    }

    /** Volume name → users, for every volume some container mounts. */
    public static Map<String, List<String>> usersByVolume(Collection<ContainerUsage> containers) {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        for (ContainerUsage c : containers) {
            c.volumes().forEach(v -> out.computeIfAbsent(v, k -> new TreeSet<>()).add(c.name()));
        }
        return freeze(out);
    }

    /** A user list as the status carries it: sorted, without duplicates or nulls, immutable. */
    public static List<String> sortedNames(Collection<String> names) {
        return names == null ? List.of() : names.stream().filter(Objects::nonNull).distinct().sorted().toList();
    }

    private static List<String> users(Map<String, TreeSet<String>> index, String key) {
        TreeSet<String> names = index.get(key);
        return names == null ? List.of() : List.copyOf(names);
    }

    private void index(ContainerUsage c) {
        if (c.imageId() != null) {
            imageUsers.computeIfAbsent(c.imageId(), k -> new TreeSet<>()).add(c.name());
        }
        c.volumes().forEach(v -> volumeUsers.computeIfAbsent(v, k -> new TreeSet<>()).add(c.name()));
    }

    private void unindex(ContainerUsage c) {
        if (c == null) {
            return;
        }
        if (c.imageId() != null) {
            drop(imageUsers, c.imageId(), c.name());
        }
        c.volumes().forEach(v -> drop(volumeUsers, v, c.name()));
    }

    /** Removes one user; another live container of the same name (a transient during renames) keeps it listed. */
    private void drop(Map<String, TreeSet<String>> index, String key, String name) {
        TreeSet<String> names = index.get(key);
        if (names == null) {
            return;
        }
        boolean stillUsed = byContainer.values().stream().anyMatch(o -> o.name().equals(name)
                && (index == imageUsers ? key.equals(o.imageId()) : o.volumes().contains(key)));
        if (!stillUsed) {
            names.remove(name);
            if (names.isEmpty()) {
                index.remove(key);
            }
        }
    }

    /**
     * The images and volumes touched by a container going from {@code before} to {@code after} (either may be null):
     * a rename touches all of them, otherwise only an image or volume gained or lost.
     */
    private Change changeBetween(ContainerUsage before, ContainerUsage after) {
        if (Objects.equals(before, after)) {
            return Change.NONE;
        }
        boolean renamed = before != null && after != null && !before.name().equals(after.name());
        Set<String> images = new TreeSet<>();
        Set<String> volumes = new TreeSet<>();
        String oldImage = before == null ? null : before.imageId();
        String newImage = after == null ? null : after.imageId();
        if (renamed || !Objects.equals(oldImage, newImage)) {
            if (oldImage != null) {
                images.add(oldImage);
            }
            if (newImage != null) {
                images.add(newImage);
            }
        }
        Set<String> oldVolumes = before == null ? Set.of() : Set.copyOf(before.volumes());
        Set<String> newVolumes = after == null ? Set.of() : Set.copyOf(after.volumes());
        for (String v : oldVolumes) {
            if (renamed || !newVolumes.contains(v)) {
                volumes.add(v);
            }
        }
        for (String v : newVolumes) {
            if (renamed || !oldVolumes.contains(v)) {
                volumes.add(v);
            }
        }
        Map<String, List<String>> imageUsers = new TreeMap<>();
        images.forEach(i -> imageUsers.put(i, usersOfImage(i)));
        Map<String, List<String>> volumeUsers = new TreeMap<>();
        volumes.forEach(v -> volumeUsers.put(v, usersOfVolume(v)));
        return new Change(imageUsers, volumeUsers);
    }

    private static Map<String, List<String>> freeze(Map<String, TreeSet<String>> sets) {
        Map<String, List<String>> out = new TreeMap<>();
        sets.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }
}
