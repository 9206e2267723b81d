package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Immutable key-sorted copies, so that label and option maps serialise in one order every time (docs/design/mirroring-rules.md §4.6). */
final class SortedMaps {
    private SortedMaps() {
    }

    static SortedMap<String, String> copyOf(Map<String, String> map) {
        TreeMap<String, String> sorted = new TreeMap<>();
        if (map != null) {
            map.forEach((k, v) -> {
                if (k != null) {
                    sorted.put(k, v == null ? "" : v);
                }
            });
        }
        return Collections.unmodifiableSortedMap(sorted);
    }
}
