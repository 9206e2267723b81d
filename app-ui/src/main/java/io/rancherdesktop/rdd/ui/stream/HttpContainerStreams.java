package io.rancherdesktop.rdd.ui.stream;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@link ContainerStreams} over the fabric8 client's own HTTP client (its TLS and token), so the GUI reads these
 * streams from the API like every other client; nothing here talks to Docker.
 */
public final class HttpContainerStreams implements ContainerStreams {
    private static final Logger log = LoggerFactory.getLogger(HttpContainerStreams.class);
    private static final String GROUP_PATH = "apis/containers.rancherdesktop.io/v1alpha1/namespaces/";

    private final HttpClient http;
    private final String base;
    private final KubernetesSerialization json;

    public HttpContainerStreams(KubernetesClient client) {
        this.http = client.getHttpClient();
        String master = client.getMasterUrl().toString();
        this.base = master.endsWith("/") ? master : master + "/";
        this.json = client.getKubernetesSerialization();
    }

    private URI uri(String namespace, String name, String subresource, String query) {
        return URI.create(base + GROUP_PATH + enc(namespace) + "/containers/" + enc(name) + "/" + subresource + "?" + query);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public Handle log(String namespace, String name, LogQuery query, Consumer<List<String>> lines, Consumer<End> end) {
        String q = "follow=" + query.follow() + "&timestamps=" + query.timestamps()
                + (query.tailLines() >= 0 ? "&tailLines=" + query.tailLines() : "")
                + (query.stream() == Stream.ALL ? "" : "&stream=" + query.stream().wire());
        return open(uri(namespace, name, "log", q), lines, end);
    }

    @Override
    public Handle stats(String namespace, String name, Consumer<StatsSample> samples, Consumer<End> end) {
        return open(uri(namespace, name, "stats", "follow=true"), batch -> {
            for (String line : batch) {
                if (!line.isBlank()) {
                    samples.accept(parseSample(line));
                }
            }
        }, end);
    }

    @SuppressWarnings("unchecked")
    StatsSample parseSample(String line) {
        Map<String, Object> m = json.unmarshal(line, Map.class);
        return new StatsSample(str(m.get("name")), str(m.get("timestamp")), num(m.get("cpuPercent")),
                (long) num(m.get("memoryUsageBytes")), (long) num(m.get("memoryLimitBytes")),
                (long) num(m.get("networkRxBytes")), (long) num(m.get("networkTxBytes")),
                (long) num(m.get("blockReadBytes")), (long) num(m.get("blockWriteBytes")), (long) num(m.get("pids")));
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    /** Opens a GET whose body is split into lines; a non-2xx answer ends the stream with the Status message. */
    private Handle open(URI uri, Consumer<List<String>> lines, Consumer<End> end) {
        HttpRequest request = http.newHttpRequestBuilder().uri(uri).header("Accept", "text/plain, application/json").build();
        AtomicBoolean closed = new AtomicBoolean();
        AtomicBoolean ended = new AtomicBoolean();
        AtomicReference<AsyncBody> bodyRef = new AtomicReference<>();
        AtomicReference<Boolean> ok = new AtomicReference<>();
        LineSplitter splitter = new LineSplitter();
        ByteArrayOutputStream errorBody = new ByteArrayOutputStream();
        Consumer<End> endOnce = e -> {
            if (ended.compareAndSet(false, true) && !closed.get()) {
                end.accept(e);
            }
        };
        CompletableFuture<HttpResponse<AsyncBody>> future = http.consumeBytes(request, (buffers, body) -> {
            if (Boolean.TRUE.equals(ok.get())) {
                List<String> batch = new ArrayList<>();
                for (ByteBuffer b : buffers) {
                    splitter.feed(b, batch::add);
                }
                if (!batch.isEmpty() && !closed.get()) {
                    lines.accept(batch);
                }
            } else {
                for (ByteBuffer b : buffers) {
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    errorBody.writeBytes(bytes);
                }
            }
            body.consume();
        });
        future.whenComplete((response, failure) -> {
            if (failure != null) {
                endOnce.accept(new End("cannot reach the API: " + failure.getMessage()));
                return;
            }
            ok.set(response.isSuccessful());
            AsyncBody body = response.body();
            bodyRef.set(body);
            if (closed.get()) {
                body.cancel();
                return;
            }
            body.done().whenComplete((v, error) -> {
                if (Boolean.TRUE.equals(ok.get())) {
                    List<String> rest = new ArrayList<>();
                    splitter.finish(rest::add);
                    if (!rest.isEmpty() && !closed.get()) {
                        lines.accept(rest);
                    }
                    endOnce.accept(new End(error == null ? null : "stream failed: " + error.getMessage()));
                } else {
                    endOnce.accept(new End(statusMessage(response.code(), errorBody.toString(StandardCharsets.UTF_8))));
                }
            });
            body.consume();
        });
        return () -> {
            if (closed.compareAndSet(false, true)) {
                AsyncBody body = bodyRef.get();
                if (body != null) {
                    body.cancel();
                }
                future.cancel(true);
                log.debug("closed {}", uri);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private String statusMessage(int code, String body) {
        try {
            Map<String, Object> status = json.unmarshal(body, Map.class);
            Object message = status.get("message");
            if (message != null) {
                return message.toString();
            }
        } catch (RuntimeException e) {
            log.debug("not a Status body: {}", e.toString());
        }
        return "HTTP " + code + (body.isBlank() ? "" : ": " + body.strip());
    }

    /** Splits UTF-8 bytes into lines at {@code \n} (a preceding {@code \r} is dropped); keeps a partial line. */
    static final class LineSplitter {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        void feed(ByteBuffer buffer, Consumer<String> line) {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    emit(line);
                } else {
                    pending.write(b);
                }
            }
        }

        void finish(Consumer<String> line) {
            if (pending.size() > 0) {
                emit(line);
            }
        }

        private void emit(Consumer<String> line) {
            String s = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            line.accept(s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
        }
    }
}
