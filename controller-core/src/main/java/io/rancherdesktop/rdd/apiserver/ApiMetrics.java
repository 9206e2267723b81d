package io.rancherdesktop.rdd.apiserver;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Request counters per verb and resource (diagnostics; tests use them to see e.g. whether an informer re-listed). */
public final class ApiMetrics {
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    void increment(String verb, String resource) {
        counters.computeIfAbsent(verb + " " + resource, k -> new LongAdder()).increment();
    }

    /** How many {@code verb} requests (list, watch, get, create, update, patch, delete, deletecollection) hit {@code resource} (storage key). */
    public long count(String verb, ResourceDef resource) {
        LongAdder a = counters.get(verb + " " + resource.storageKey());
        return a == null ? 0 : a.sum();
    }

    public long count(String verb, String storageKey) {
        LongAdder a = counters.get(verb + " " + storageKey);
        return a == null ? 0 : a.sum();
    }
}
