package io.rancherdesktop.rdd.service.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.apiserver.BodyCodec;
import io.rancherdesktop.rdd.apiserver.StatusException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.Test;

/** Docker's log framing, the stats formulas and the log query, without an engine. */
class StreamCodecTest {
    private static byte[] frame(int stream, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[8 + p.length];
        f[0] = (byte) stream;
        f[4] = (byte) (p.length >>> 24);
        f[5] = (byte) (p.length >>> 16);
        f[6] = (byte) (p.length >>> 8);
        f[7] = (byte) p.length;
        System.arraycopy(p, 0, f, 8, p.length);
        return f;
    }

    @Test
    void framesSplitAnywhereEvenInsideAHeaderDemultiplexToTheirPayloadsInOrder() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(frame(1, "out one\n"));
        all.write(frame(2, "err one\n"));
        all.write(frame(1, ""));
        all.write(frame(1, "out two\n"));
        byte[] wire = all.toByteArray();
        for (int step = 1; step <= wire.length; step++) {
            DockerFrames frames = new DockerFrames();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int off = 0; off < wire.length; off += step) {
                frames.feed(wire, off, Math.min(step, wire.length - off), out::write);
            }
            assertEquals("out one\nerr one\nout two\n", out.toString(StandardCharsets.UTF_8), "pieces of " + step);
        }
    }

    @Test
    void statsFollowTheDockerCliFormulas() throws Exception {
        JsonNode s = BodyCodec.JSON.readTree("""
                {"read":"2026-12-05T21:00:00.5Z",
                 "cpu_stats":{"cpu_usage":{"total_usage":3000000000},"system_cpu_usage":20000000000,"online_cpus":2},
                 "precpu_stats":{"cpu_usage":{"total_usage":2000000000},"system_cpu_usage":18000000000},
                 "memory_stats":{"usage":10000,"limit":50000,"stats":{"inactive_file":4000}},
                 "networks":{"eth0":{"rx_bytes":5,"tx_bytes":7},"eth1":{"rx_bytes":1,"tx_bytes":1}},
                 "blkio_stats":{"io_service_bytes_recursive":[{"op":"read","value":100},{"op":"Write","value":40},{"op":"read","value":1}]},
                 "pids_stats":{"current":3}}""");
        JsonNode o = ContainerStats.convert("abc", s);
        assertEquals("ContainerStats", o.path("kind").asText());
        assertEquals("containers.rancherdesktop.io/v1alpha1", o.path("apiVersion").asText());
        assertEquals("abc", o.path("name").asText());
        assertEquals("2026-12-05T21:00:00.5Z", o.path("timestamp").asText());
        assertEquals(100.0, o.path("cpuPercent").asDouble(), 1e-9); // 1e9 / 2e9 × 2 × 100
        assertEquals(6000, o.path("memoryUsageBytes").asLong());
        assertEquals(50000, o.path("memoryLimitBytes").asLong());
        assertEquals(6, o.path("networkRxBytes").asLong());
        assertEquals(8, o.path("networkTxBytes").asLong());
        assertEquals(101, o.path("blockReadBytes").asLong());
        assertEquals(40, o.path("blockWriteBytes").asLong());
        assertEquals(3, o.path("pids").asLong());

        JsonNode v1 = BodyCodec.JSON.readTree("{\"usage\":10000,\"stats\":{\"total_inactive_file\":9000,\"inactive_file\":1}}");
        assertEquals(1000, ContainerStats.memoryUsage(v1));
        JsonNode noPrevious = BodyCodec.JSON.readTree("{\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":5},\"system_cpu_usage\":0}}");
        assertEquals(0.0, ContainerStats.cpuPercent(noPrevious));
        assertEquals(true, ContainerStats.stopped(BodyCodec.JSON.readTree("{\"read\":\"0001-01-01T00:00:00Z\",\"name\":\"/x\"}")));
        assertEquals(false, ContainerStats.stopped(s));
    }

    private static LogOptions parse(String query) {
        Fields f = new Fields();
        for (String kv : query.split("&")) {
            if (!kv.isEmpty()) {
                int eq = kv.indexOf('=');
                f.add(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return LogOptions.parse(f, Instant.parse("2026-01-01T00:00:10Z"));
    }

    @Test
    void theLogQueryBecomesDockersQueryAndBadValuesAre400() {
        assertEquals("stdout=1&stderr=1", parse("").dockerQuery());
        assertEquals("stdout=1&stderr=1&follow=1&tail=0&since=1767225600.000000000&timestamps=1",
                parse("follow=true&tailLines=0&sinceSeconds=10&timestamps=true").dockerQuery());
        assertEquals("stdout=1&stderr=1&since=1767225600.250000000", parse("sinceTime=2026-01-01T00:00:00.25Z").dockerQuery());
        assertEquals(5, parse("limitBytes=5").limitBytes());
        assertEquals("stdout=0&stderr=1&follow=1", parse("stream=Stderr&follow=true").dockerQuery());
        assertEquals("stdout=1&stderr=0", parse("stream=Stdout").dockerQuery());
        assertEquals("stdout=1&stderr=1", parse("stream=All").dockerQuery());
        assertTrue(parse("stream=Stdout&tailLines=3").tailOfOneStream(), "a single stream's tail is counted by us");
        assertFalse(parse("stream=All&tailLines=3").tailOfOneStream());
        assertEquals("stdout=1&stderr=0&timestamps=1&follow=1&since=1767225600.250000000",
                parse("stream=Stdout").stampedQuery(true, Instant.parse("2026-01-01T00:00:00.25Z")));
        for (String bad : new String[] {"stream=stdout", "stream=Both", "tailLines=-1", "tailLines=x", "sinceSeconds=0", "limitBytes=0", "sinceTime=yesterday",
                "follow=maybe", "sinceSeconds=1&sinceTime=2026-01-01T00:00:00Z"}) {
            StatusException e = assertThrows(StatusException.class, () -> parse(bad), bad);
            assertEquals(400, e.code(), bad);
        }
    }
}
