package io.rancherdesktop.rdd.controller.engine.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code status.usedBy} derivation (docs/api.md §3.3, §3.4): the full-sync batch and the per-event changes. */
class ContainerUsageIndexTest {
    private static final String IMG_A = "sha256:" + "a".repeat(64);
    private static final String IMG_B = "sha256:" + "b".repeat(64);

    private static ContainerUsage c(String id, String name, String image, String... volumes) {
        return new ContainerUsage(id, name, image, List.of(volumes));
    }

    @Test
    void aFullSyncDerivesSortedUsersPerImageAndVolumeInOneBatch() {
        ContainerUsageIndex index = new ContainerUsageIndex();
        index.reset(List.of(c("1", "web", IMG_A, "data"), c("2", "api", IMG_A, "data", "cache"), c("3", "job", IMG_B)));
        assertEquals(List.of("api", "web"), index.usersOfImage(IMG_A));
        assertEquals(List.of("job"), index.usersOfImage(IMG_B));
        assertEquals(List.of("api", "web"), index.usersOfVolume("data"));
        assertEquals(List.of("api"), index.usersOfVolume("cache"));
        assertEquals(List.of(), index.usersOfVolume("unused"));
        assertEquals(List.of(), index.usersOfImage("sha256:unused"));
    }

    @Test
    void creatingAContainerChangesExactlyItsImageAndVolumes() {
        ContainerUsageIndex index = new ContainerUsageIndex();
        index.reset(List.of(c("1", "web", IMG_A, "data")));
        ContainerUsageIndex.Change change = index.put(c("2", "api", IMG_A, "data", "cache"));
        assertEquals(Map.of(IMG_A, List.of("api", "web")), change.images());
        assertEquals(Map.of("data", List.of("api", "web"), "cache", List.of("api")), change.volumes());
    }

    @Test
    void reInspectingAnUnchangedContainerChangesNothing() {
        ContainerUsageIndex index = new ContainerUsageIndex();
        index.reset(List.of(c("1", "web", IMG_A, "data")));
        assertTrue(index.put(c("1", "web", IMG_A, "data")).isEmpty(), "a start/stop/die event writes no usedBy");
    }

    @Test
    void renamingAContainerRewritesEveryImageAndVolumeItUses() {
        ContainerUsageIndex index = new ContainerUsageIndex();
        index.reset(List.of(c("1", "web", IMG_A, "data"), c("2", "api", IMG_A)));
        ContainerUsageIndex.Change change = index.put(c("1", "zeta", IMG_A, "data"));
        assertEquals(Map.of(IMG_A, List.of("api", "zeta")), change.images());
        assertEquals(Map.of("data", List.of("zeta")), change.volumes());
    }

    @Test
    void removingTheLastUserLeavesAnEmptyList() {
        ContainerUsageIndex index = new ContainerUsageIndex();
        index.reset(List.of(c("1", "web", IMG_A, "data"), c("2", "api", IMG_A)));
        assertEquals(Map.of(IMG_A, List.of("api")), index.remove("1").images());
        ContainerUsageIndex.Change last = index.remove("2");
        assertEquals(Map.of(IMG_A, List.of()), last.images());
        assertEquals(Map.of(), last.volumes());
        assertTrue(index.remove("2").isEmpty(), "removing an unknown container changes nothing");
    }

    @Test
    void aContainerMovingToAnotherImageRewritesBoth() {
        ContainerUsageIndex index = new ContainerUsageIndex();
        index.reset(List.of(c("1", "web", IMG_A)));
        assertEquals(Map.of(IMG_A, List.of(), IMG_B, List.of("web")), index.put(c("1", "web", IMG_B)).images());
    }

    @Test
    void aNameReusedAfterARemoveIsListedOnceAndOnlyWhileUsed() {
        ContainerUsageIndex index = new ContainerUsageIndex();
        index.reset(List.of(c("1", "web", IMG_A, "data")));
        index.put(c("2", "web", IMG_A, "data")); // transient: a new "web" seen before the old one's destroy
        assertEquals(List.of("web"), index.usersOfImage(IMG_A));
        index.remove("1");
        assertEquals(List.of("web"), index.usersOfImage(IMG_A), "the other container named web still uses it");
        assertEquals(List.of("web"), index.usersOfVolume("data"));
        index.remove("2");
        assertEquals(List.of(), index.usersOfImage(IMG_A));
    }

    @Test
    void theIncrementalIndexAlwaysAgreesWithTheBatchDerivation() {
        Random random = new Random(42);
        ContainerUsageIndex index = new ContainerUsageIndex();
        Map<String, ContainerUsage> live = new HashMap<>();
        List<String> images = List.of(IMG_A, IMG_B);
        List<String> volumes = List.of("v1", "v2", "v3");
        for (int step = 0; step < 2000; step++) {
            String id = "c" + random.nextInt(12);
            if (random.nextInt(4) == 0) {
                index.remove(id);
                live.remove(id);
            } else {
                List<String> vols = new ArrayList<>();
                volumes.forEach(v -> {
                    if (random.nextBoolean()) {
                        vols.add(v);
                    }
                });
                ContainerUsage u = new ContainerUsage(id, "n" + random.nextInt(8), images.get(random.nextInt(2)), vols);
                // Docker names are unique among live containers: drop a previous holder of the name first.
                live.values().stream().filter(o -> o.name().equals(u.name()) && !o.containerId().equals(id))
                        .map(ContainerUsage::containerId).toList().forEach(other -> {
                            index.remove(other);
                            live.remove(other);
                        });
                index.put(u);
                live.put(id, u);
            }
            Map<String, List<String>> byImage = ContainerUsageIndex.usersByImage(live.values());
            Map<String, List<String>> byVolume = ContainerUsageIndex.usersByVolume(live.values());
            for (String image : images) {
                assertEquals(byImage.getOrDefault(image, List.of()), index.usersOfImage(image), "step " + step);
            }
            for (String volume : volumes) {
                assertEquals(byVolume.getOrDefault(volume, List.of()), index.usersOfVolume(volume), "step " + step);
            }
        }
    }

    @Test
    void usageComesFromTheContainerMirrorsImageAndVolumeMounts() {
        ContainerDetails details = new ContainerDetails(null, List.of(
                new MountPoint(MountPoint.MountType.BIND, null, "/home/me", "/src", null, true),
                new MountPoint(MountPoint.MountType.VOLUME, "data", null, "/data", "z", true),
                new MountPoint(MountPoint.MountType.VOLUME, "data", null, "/data2", null, false),
                new MountPoint(MountPoint.MountType.TMPFS, null, null, "/tmp", null, true)), null, null, 0, null, null);
        ContainerMirror m = new ContainerMirror("cid", new ContainerMirrorStatus("web", "moby", "sh", null, IMG_A, null,
                null, ContainerRunState.CREATED, 0, 0, null, null, null, null, null, details));
        assertEquals(new ContainerUsage("cid", "web", IMG_A, List.of("data")), ContainerUsage.of(m));
        assertEquals(Set.of(), Set.copyOf(ContainerUsage.of(new ContainerMirror("x", new ContainerMirrorStatus("x", "moby",
                "sh", null, IMG_A, null, null, ContainerRunState.CREATED, 0, 0, null, null, null, null, null))).volumes()));
    }
}
