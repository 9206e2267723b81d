package io.rancherdesktop.rdd.controller.engine.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes over a lagging cache: a burst of Docker events must see the writes of the previous events even
 * before the informer delivers them (else an untag right after a tag would leak the tag's mirror).
 */
class KindViewTest {
    private static final String NS = "r";

    /** A cache the test advances by hand, standing in for an informer that lags. */
    private static final class ManualCache implements KindCache<Image> {
        final Map<String, Image> objects = new ConcurrentHashMap<>();
        volatile long highest = -1;

        @Override
        public long highestResourceVersionSeen() {
            return highest;
        }

        @Override
        public Optional<Image> get(String namespace, String name) {
            return Optional.ofNullable(objects.get(name));
        }

        @Override
        public List<Image> byIndex(String indexName, String key) {
            return objects.values().stream().filter(i -> MirrorIndexes.image().get(indexName).apply(i).contains(key)).toList();
        }

        @Override
        public List<Image> list(String namespace) {
            return List.copyOf(objects.values());
        }
    }

    private static Image image(String name, String id, String tag, long rv) {
        Image i = new Image();
        ObjectMeta m = new ObjectMeta();
        m.setName(name);
        m.setNamespace(NS);
        m.setResourceVersion(Long.toString(rv));
        i.setMetadata(m);
        ImageStatus s = new ImageStatus();
        s.setId(id);
        s.setRepoTag(tag);
        i.setStatus(s);
        return i;
    }

    private static List<String> namesWithId(KindView<Image> view, String id) {
        return view.matching(NS, MirrorIndexes.IMAGE_ID, MirrorIndexes.key(NS, id), i -> id.equals(i.getStatus().getId()))
                .stream().map(i -> i.getMetadata().getName()).sorted().toList();
    }

    @Test
    void aWriteTheCacheHasNotSeenYetIsVisibleAndIsDroppedOnceTheCacheCatchesUp() {
        ManualCache cache = new ManualCache();
        KindView<Image> view = new KindView<>(cache);
        view.written(image("img-a", "sha256:1", "a:1", 10));
        assertEquals(List.of("img-a"), namesWithId(view, "sha256:1"));
        assertEquals("10", view.current(NS, "img-a").orElseThrow().getMetadata().getResourceVersion());
        assertEquals(1, view.pendingWrites());

        cache.objects.put("img-a", image("img-a", "sha256:1", "a:1", 10));
        assertTrue(view.current(NS, "img-a").isPresent());
        assertEquals(0, view.pendingWrites(), "the cache holds that version now");
    }

    @Test
    void aNewerOwnWriteWinsOverAnOlderCachedVersionAndANewerCachedVersionWinsOverIt() {
        ManualCache cache = new ManualCache();
        KindView<Image> view = new KindView<>(cache);
        cache.objects.put("img-a", image("img-a", "sha256:1", "a:1", 5));
        view.written(image("img-a", "sha256:2", "a:1", 7));
        assertEquals("sha256:2", view.current(NS, "img-a").orElseThrow().getStatus().getId());
        assertEquals(List.of(), namesWithId(view, "sha256:1"), "the cache's stale index entry is corrected");
        assertEquals(List.of("img-a"), namesWithId(view, "sha256:2"));

        cache.objects.put("img-a", image("img-a", "sha256:3", "a:1", 9)); // somebody wrote after us
        assertEquals("sha256:3", view.current(NS, "img-a").orElseThrow().getStatus().getId());
    }

    @Test
    void aRemovalHidesTheCachedObjectUntilTheCacheDropsItButNotARecreatedOne() {
        ManualCache cache = new ManualCache();
        KindView<Image> view = new KindView<>(cache);
        cache.objects.put("img-a", image("img-a", "sha256:1", "a:1", 5));
        view.removed(NS, "img-a", 6);
        assertTrue(view.current(NS, "img-a").isEmpty());
        assertEquals(List.of(), namesWithId(view, "sha256:1"));

        cache.objects.put("img-a", image("img-a", "sha256:1", "a:1", 12)); // created again by someone else
        assertTrue(view.current(NS, "img-a").isPresent());
        assertEquals(0, view.pendingWrites());
    }

    @Test
    void aWriteTheCacheHasSeenAndThenSeenDeletedByOthersIsNotResurrected() {
        ManualCache cache = new ManualCache();
        KindView<Image> view = new KindView<>(cache);
        view.written(image("moby", "sha256:1", null, 10));
        assertTrue(view.current(NS, "moby").isPresent(), "not seen by the cache yet");
        cache.highest = 14; // the cache got the create (10) and a delete by somebody else (14); the object is absent
        assertTrue(view.current(NS, "moby").isEmpty());
        assertEquals(0, view.pendingWrites());
    }

    @Test
    void aConfirmationHoldsOnlyForTheSameRecordAtTheSameVersionAndGoesWithARemoval() {
        KindView<Image> view = new KindView<>(new ManualCache());
        record Status(String id) {
        }
        view.confirm(NS, "img-a", new Status("sha256:1"), 7);
        assertTrue(view.confirmedUnchanged(NS, "img-a", new Status("sha256:1"), 7));
        assertTrue(!view.confirmedUnchanged(NS, "img-a", new Status("sha256:2"), 7), "another record");
        assertTrue(!view.confirmedUnchanged(NS, "img-a", new Status("sha256:1"), 8), "somebody wrote since");
        view.removed(NS, "img-a", 8);
        assertTrue(!view.confirmedUnchanged(NS, "img-a", new Status("sha256:1"), 7));
    }
}
