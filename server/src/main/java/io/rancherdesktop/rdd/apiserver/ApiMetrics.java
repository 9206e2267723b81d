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

    /**
     * The counters in the Prometheus text format ({@code GET /metrics}, as kube-apiserver serves it), sorted:
     * {@code rdd_apiserver_requests_total{verb="list",resource="apps.app.rancherdesktop.io"} 3}.
     */
    public String prometheusText() {
        StringBuilder sb = new StringBuilder("# HELP rdd_apiserver_requests_total Requests served, per verb and resource.\n"
                + "# TYPE rdd_apiserver_requests_total counter\n");
        new java.util.TreeMap<>(counters).forEach((k, v) -> {
            int sp = k.indexOf(' ');
            sb.append("rdd_apiserver_requests_total{verb=\"").append(k, 0, sp).append("\",resource=\"")
                    .append(k.substring(sp + 1).replace("\\", "\\\\").replace("\"", "\\\"")).append("\"} ").append(v.sum()).append('\n');
        });
        return sb.toString();
    }

    public long count(String verb, String storageKey) {
        LongAdder a = counters.get(verb + " " + storageKey);
        return a == null ? 0 : a.sum();
    }
}
