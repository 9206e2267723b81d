package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.store.ObjectStore;
import io.rancherdesktop.rdd.store.StoreEvent;
import io.rancherdesktop.rdd.store.StoreException;
import io.rancherdesktop.rdd.store.StoreWatch;
import io.rancherdesktop.rdd.store.StoredObject;
import io.rancherdesktop.rdd.store.WatchItem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP watches: a chunked stream of JSON lines {@code {"type":…,"object":…}} with kube's start semantics
 * ({@code resourceVersion} unset or {@code 0}: synthetic ADDED events for the current state; {@code N}: the
 * changes after N from the store's history, or one ERROR event with 410 Expired when N is too old;
 * {@code sendInitialEvents=true}: the current state, then a BOOKMARK marked {@code k8s.io/initial-events-end}),
 * label/field selectors applied to both versions of a change (an object that stops matching is DELETED for
 * the watcher, one that starts matching is ADDED), periodic BOOKMARKs when allowed, and
 * {@code timeoutSeconds}. The body is an {@link EventStream}: every flushed event is a complete chunk on the wire.
 * Each watch costs one store subscription; an event costs O(watchers of its resource).
 */
final class WatchStreamer {
    private static final Logger log = LoggerFactory.getLogger(WatchStreamer.class);
    private static final byte[] NEWLINE = {'\n'};

    /**
     * @param bookmarkInterval how often a watch that allows bookmarks gets one
     * @param minTimeout       the shortest server-chosen watch duration (kube: 30 min, randomised up to twice that)
     * @param gateWait         how long a watch waits at a closed {@link WatchGate}
     */
    record Settings(Duration bookmarkInterval, Duration minTimeout, Duration gateWait) {
        static final Settings DEFAULT = new Settings(Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofSeconds(30));
    }

    private final ResourceOperations ops;
    private final ObjectStore store;
    private final TableConverter tables;
    private final WatchGate gate;
    private final Settings settings;

    WatchStreamer(ResourceOperations ops, TableConverter tables, WatchGate gate, Settings settings) {
        this.ops = ops;
        this.store = ops.store();
        this.tables = tables;
        this.gate = gate;
        this.settings = settings;
    }

    void stream(Request request, Response response, Callback callback, RequestScope scope, ResourceOperations.ListOptions lo, Fields q,
                OutputFormat format) {
        Map<String, CrdJsonPath> fieldPaths = ops.fieldPaths(scope);
        lo.fields().checkSupported(fieldPaths.keySet());
        String rv = q.getValue("resourceVersion");
        boolean bookmarks = RequestOptions.isTrue(q.getValue("allowWatchBookmarks"));
        String sie = q.getValue("sendInitialEvents");
        boolean sendInitialEvents = RequestOptions.isTrue(sie);
        if (sendInitialEvents && !"NotOlderThan".equals(q.getValue("resourceVersionMatch"))) {
            throw StatusException.invalid("meta.k8s.io", "ListOptions", "", List.of(new StatusException.Cause("FieldValueForbidden",
                    "Forbidden: sendInitialEvents is forbidden for watch unless the resourceVersionMatch is set to NotOlderThan", "sendInitialEvents")));
        }
        Duration timeout = timeout(q.getValue("timeoutSeconds"));
        long from = rv == null || rv.isEmpty() ? 0 : GenericStore.parseResourceVersion(rv);
        TableConverter.Include include = format == OutputFormat.TABLE ? RequestOptions.includeObject(q) : TableConverter.Include.METADATA;
        try {
            gate.await(settings.gateWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StatusException.internal("interrupted");
        }
        String namespace = scope.resource().namespaced() ? scope.namespace() : null;
        if (scope.resource().origin() == ResourceDef.Origin.READ_ONLY) {
            // The CRDs never change while the server runs: the current state, then nothing until the timeout.
            namespace = null;
        }
        boolean initial = rv == null || rv.isEmpty() || (rv.equals("0") && !"false".equals(sie)) || sendInitialEvents;
        if ("false".equals(sie)) {
            initial = false;
        }
        StoreWatch watch;
        List<StoredObject> initialObjects = List.of();
        long startRevision;
        String resource = scope.resource().origin() == ResourceDef.Origin.READ_ONLY ? "customresourcedefinitions.apiextensions.k8s.io"
                : scope.resource().storageKey();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, private");
        // Each flush puts the events written since the last one completely on the wire (see EventStream).
        try (OutputStream out = EventStream.open(request, response)) {
            if (initial || rv == null || rv.isEmpty() || rv.equals("0")) {
                ObjectStore.ListAndWatch lw = store.listAndWatch(resource, namespace);
                watch = lw.watch();
                startRevision = lw.snapshot().revision();
                initialObjects = initial ? (scope.resource().origin() == ResourceDef.Origin.READ_ONLY ? ops.crds() : lw.snapshot().items()) : List.of();
            } else {
                try {
                    watch = store.watch(resource, namespace, from);
                    startRevision = from;
                } catch (StoreException.HistoryExpired e) {
                    writeError(out, StatusException.gone("too old resource version: " + from + " (" + e.oldest() + ")"));
                    out.close(); // the last chunk goes out before the response completes
                    callback.succeeded();
                    return;
                } catch (StoreException.FutureRevision e) {
                    writeError(out, StatusException.timeout("Too large resource version: " + from + ", current: " + store.revision()));
                    out.close();
                    callback.succeeded();
                    return;
                }
            }
            try (watch) {
                for (StoredObject so : initialObjects) {
                    if (ListOperation.matches(so.object(), lo.labels(), lo.fields(), fieldPaths)) {
                        writeEvent(out, "ADDED", so, scope, format, include);
                    }
                }
                if (sendInitialEvents && bookmarks) {
                    writeBookmark(out, scope, startRevision, true);
                }
                out.flush();
                pump(out, watch, scope, lo, fieldPaths, format, include, bookmarks, timeout);
            }
            out.close();
            callback.succeeded();
        } catch (IOException e) {
            log.debug("watch of {} ended: {}", resource, e.toString());
            callback.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        }
    }

    private void pump(OutputStream out, StoreWatch watch, RequestScope scope, ResourceOperations.ListOptions lo, Map<String, CrdJsonPath> fieldPaths,
                      OutputFormat format, TableConverter.Include include, boolean bookmarks, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextBookmark = System.nanoTime() + settings.bookmarkInterval().toNanos();
        while (true) {
            long now = System.nanoTime();
            if (now >= deadline) {
                return;
            }
            long wait = Math.min(deadline, bookmarks ? nextBookmark : deadline) - now;
            WatchItem item = watch.poll(Duration.ofNanos(Math.max(wait, 1)));
            if (item == null) {
                if (bookmarks && System.nanoTime() >= nextBookmark) {
                    watch.requestProgress();
                    nextBookmark = System.nanoTime() + settings.bookmarkInterval().toNanos();
                }
                continue;
            }
            // Write what is already queued in one go (bounded), then flush once.
            int batch = 0;
            do {
                if (!emit(out, item, scope, lo, fieldPaths, format, include, bookmarks)) {
                    out.flush();
                    return;
                }
                item = ++batch < 256 ? watch.pollNow() : null;
            } while (item != null);
            out.flush();
        }
    }

    /** Writes one item; false when the watch ends. */
    private boolean emit(OutputStream out, WatchItem item, RequestScope scope, ResourceOperations.ListOptions lo, Map<String, CrdJsonPath> fieldPaths,
                         OutputFormat format, TableConverter.Include include, boolean bookmarks) throws IOException {
        switch (item) {
            case WatchItem.Terminated t -> {
                log.debug("watch of {} closed by the server: {}", scope.resource().storageKey(), t.reason());
                return false;
            }
            case WatchItem.Progress p -> {
                if (bookmarks) {
                    writeBookmark(out, scope, p.resourceVersion(), false);
                }
            }
            case StoreEvent e -> {
                if (lo.labels().isEverything() && lo.fields().isEverything()) {
                    writeEvent(out, e.type().name(), e.object(), scope, format, include);
                    return true;
                }
                boolean nowMatches = e.type() != StoreEvent.Type.DELETED && ListOperation.matches(e.object().object(), lo.labels(), lo.fields(), fieldPaths);
                boolean before = e.previous() != null && ListOperation.matches(e.previous().object(), lo.labels(), lo.fields(), fieldPaths);
                switch (e.type()) {
                    case ADDED -> {
                        if (nowMatches) {
                            writeEvent(out, "ADDED", e.object(), scope, format, include);
                        }
                    }
                    case MODIFIED -> {
                        if (nowMatches) {
                            writeEvent(out, before ? "MODIFIED" : "ADDED", e.object(), scope, format, include);
                        } else if (before) {
                            // It left the selection: for this watcher it is gone.
                            writeEvent(out, "DELETED", withRevision(e.previous(), e.resourceVersion()), scope, format, include);
                        }
                    }
                    case DELETED -> {
                        if (before || ListOperation.matches(e.object().object(), lo.labels(), lo.fields(), fieldPaths)) {
                            writeEvent(out, "DELETED", e.object(), scope, format, include);
                        }
                    }
                }
            }
        }
        return true;
    }

    private static StoredObject withRevision(StoredObject prev, long rv) {
        ObjectNode copy = prev.object().deepCopy();
        copy.withObject("metadata").put("resourceVersion", Long.toString(rv));
        return new StoredObject(prev.resource(), prev.key(), rv, copy, Responses.json(copy));
    }

    private void writeEvent(OutputStream out, String type, StoredObject so, RequestScope scope, OutputFormat format,
                            TableConverter.Include include) throws IOException {
        out.write(("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.UTF_8));
        switch (format) {
            case TABLE -> out.write(Responses.json(tables.table(scope, List.of(ops.render(so, scope)), so.resourceVersion(), null, include)));
            case PARTIAL_METADATA -> out.write(Responses.json(ResourceWriter.partial(so.object())));
            case JSON, YAML -> out.write(ops.rendersAsStored(so, scope) ? so.json() : Responses.json(ops.render(so, scope)));
        }
        out.write('}');
        out.write(NEWLINE);
    }

    private static void writeBookmark(OutputStream out, RequestScope scope, long rv, boolean initialEventsEnd) throws IOException {
        ObjectNode obj = BodyCodec.JSON.createObjectNode();
        obj.put("kind", scope.resource().kind());
        obj.put("apiVersion", scope.served().apiVersion());
        ObjectNode meta = obj.putObject("metadata");
        meta.put("resourceVersion", Long.toString(rv));
        if (initialEventsEnd) {
            meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
        }
        out.write("{\"type\":\"BOOKMARK\",\"object\":".getBytes(StandardCharsets.UTF_8));
        out.write(Responses.json(obj));
        out.write('}');
        out.write(NEWLINE);
    }

    private static void writeError(OutputStream out, StatusException e) throws IOException {
        out.write("{\"type\":\"ERROR\",\"object\":".getBytes(StandardCharsets.UTF_8));
        out.write(Responses.json(e.toStatus()));
        out.write('}');
        out.write(NEWLINE);
        out.flush();
    }

    private Duration timeout(String timeoutSeconds) {
        if (timeoutSeconds != null && !timeoutSeconds.isEmpty()) {
            try {
                long s = Long.parseLong(timeoutSeconds);
                if (s > 0) {
                    return Duration.ofSeconds(s);
                }
            } catch (NumberFormatException e) {
                throw StatusException.badRequest("timeoutSeconds: Invalid value: \"" + timeoutSeconds + "\": must be an integer");
            }
        }
        long min = settings.minTimeout().toMillis();
        return Duration.ofMillis(min + ThreadLocalRandom.current().nextLong(Math.max(min, 1)));
    }
}
