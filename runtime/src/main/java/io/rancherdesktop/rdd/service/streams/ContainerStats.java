package io.rancherdesktop.rdd.service.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.admission.UserInfo;
import io.rancherdesktop.rdd.apiserver.BodyCodec;
import io.rancherdesktop.rdd.apiserver.EventStream;
import io.rancherdesktop.rdd.apiserver.RequestInfo;
import io.rancherdesktop.rdd.apiserver.StatusException;
import io.rancherdesktop.rdd.apiserver.StreamingSubresource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET .../containers/{name}/stats} (docs/api.md, "Container log and stats"): one {@code ContainerStats} object
 * from Docker's {@code /containers/{id}/stats?stream=false}, or with {@code follow=true} one per Docker sample (about
 * one a second) as newline-delimited JSON, each a flushed chunk, from one Docker stats stream per request. Figures as
 * {@code docker stats} computes them. A container that is not running is 409 Conflict naming its state.
 */
final class ContainerStats implements StreamingSubresource {
    private static final Logger log = LoggerFactory.getLogger(ContainerStats.class);
    static final String API_VERSION = ContainerStreams.GROUP + "/v1alpha1";

    private final ContainerStreams streams;

    ContainerStats(ContainerStreams streams) {
        this.streams = streams;
    }

    @Override
    public String group() {
        return ContainerStreams.GROUP;
    }

    @Override
    public String resource() {
        return ContainerStreams.RESOURCE;
    }

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public int handle(Request request, Response response, Callback callback, RequestInfo info, UserInfo user) {
        if (!"GET".equals(request.getMethod())) {
            throw StatusException.methodNotAllowed(request.getMethod());
        }
        boolean follow = LogOptions.bool(Request.extractQueryParameters(request), "follow");
        ContainerStreams.Target t = streams.resolve(info);
        if (!t.running()) {
            throw StatusException.conflict(ContainerStreams.GROUP, ContainerStreams.RESOURCE, info.name(),
                    "the container is not running (state: " + t.state() + "); stats are served for running containers only");
        }
        EngineHttp docker = t.open("stats?stream=" + follow);
        try (docker) {
            if (docker.status() == 404) {
                throw StatusException.notFound(ContainerStreams.GROUP, ContainerStreams.RESOURCE, info.name());
            }
            if (docker.status() != 200) {
                throw StatusException.internal("reading the stats of container " + t.id() + ": " + docker.status() + " " + docker.errorText());
            }
            if (!follow) {
                JsonNode sample;
                try {
                    sample = BodyCodec.JSON.readTree(docker.body());
                } catch (IOException e) {
                    throw ContainerStreams.unavailable("reading the stats of container " + t.id() + " from the Docker engine: " + e.getMessage());
                }
                byte[] body = (toJson(convert(info.name(), sample)) + "\n").getBytes(StandardCharsets.UTF_8);
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(body), callback);
                return 200;
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, private");
            EventStream out = EventStream.open(request, response);
            try (ContainerStreams.Session session = streams.new Session(request, docker)) {
                try {
                    out.flush();
                    BufferedReader lines = new BufferedReader(new InputStreamReader(docker.body(), StandardCharsets.UTF_8));
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.isBlank()) {
                            continue;
                        }
                        JsonNode sample = BodyCodec.JSON.readTree(line);
                        if (stopped(sample)) {
                            break; // Docker goes on sending empty samples for a stopped container: the stream ends here
                        }
                        out.write((toJson(convert(info.name(), sample)) + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                    out.close();
                    callback.succeeded();
                } catch (IOException e) {
                    log.debug("stats stream of container {} ended: {} (client gone: {})", t.id(), e.toString(), session.clientGone());
                    callback.failed(e);
                }
            }
        }
        return 200;
    }

    private static String toJson(ObjectNode o) {
        try {
            return BodyCodec.JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An empty sample (Go's zero time in {@code read}): what Docker streams for a container that is not running. */
    static boolean stopped(JsonNode sample) {
        String read = sample.path("read").asText("");
        return read.isEmpty() || read.startsWith("0001-01-01");
    }

    /** One Docker stats sample as a {@code ContainerStats} object, with the docker CLI's formulas. */
    static ObjectNode convert(String name, JsonNode s) {
        ObjectNode o = BodyCodec.JSON.createObjectNode();
        o.put("kind", "ContainerStats");
        o.put("apiVersion", API_VERSION);
        o.put("name", name);
        o.put("timestamp", s.path("read").asText(""));
        o.put("cpuPercent", cpuPercent(s));
        JsonNode mem = s.path("memory_stats");
        o.put("memoryUsageBytes", memoryUsage(mem));
        o.put("memoryLimitBytes", mem.path("limit").asLong(0));
        long rx = 0;
        long tx = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("networks").properties().iterator(); it.hasNext(); ) {
            JsonNode n = it.next().getValue();
            rx += n.path("rx_bytes").asLong(0);
            tx += n.path("tx_bytes").asLong(0);
        }
        o.put("networkRxBytes", rx);
        o.put("networkTxBytes", tx);
        long read = 0;
        long write = 0;
        for (JsonNode e : s.path("blkio_stats").path("io_service_bytes_recursive")) {
            String op = e.path("op").asText("");
            if (!op.isEmpty() && (op.charAt(0) == 'r' || op.charAt(0) == 'R')) {
                read += e.path("value").asLong(0);
            } else if (!op.isEmpty() && (op.charAt(0) == 'w' || op.charAt(0) == 'W')) {
                write += e.path("value").asLong(0);
            }
        }
        o.put("blockReadBytes", read);
        o.put("blockWriteBytes", write);
        o.put("pids", s.path("pids_stats").path("current").asLong(0));
        return o;
    }

    /** docker CLI: (Δ container CPU / Δ system CPU) × online CPUs × 100, 0 unless both deltas are positive. */
    static double cpuPercent(JsonNode s) {
        JsonNode cpu = s.path("cpu_stats");
        JsonNode pre = s.path("precpu_stats");
        double cpuDelta = cpu.path("cpu_usage").path("total_usage").asDouble(0) - pre.path("cpu_usage").path("total_usage").asDouble(0);
        double systemDelta = cpu.path("system_cpu_usage").asDouble(0) - pre.path("system_cpu_usage").asDouble(0);
        double online = cpu.path("online_cpus").asDouble(0);
        if (online == 0) {
            online = cpu.path("cpu_usage").path("percpu_usage").size();
        }
        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * online * 100.0 : 0.0;
    }

    /** docker CLI: usage minus the inactive file cache ({@code total_inactive_file} on cgroup v1, {@code inactive_file} on v2). */
    static long memoryUsage(JsonNode mem) {
        long usage = mem.path("usage").asLong(0);
        JsonNode stats = mem.path("stats");
        if (stats.has("total_inactive_file") && stats.path("total_inactive_file").asLong() < usage) {
            return usage - stats.path("total_inactive_file").asLong();
        }
        long inactive = stats.path("inactive_file").asLong(0);
        return inactive < usage ? usage - inactive : usage;
    }
}
