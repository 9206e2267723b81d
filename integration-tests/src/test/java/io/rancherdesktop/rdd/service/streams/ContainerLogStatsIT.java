package io.rancherdesktop.rdd.service.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Container {@code log} and {@code stats} subresources against a real dockerd, through the real API server (Unix
 * socket, byte level; HTTPS): docs/api.md, "Container log and stats".
 */
@ExtendWith(RealDockerEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerLogStatsIT {
    private static final Duration T = EngineControllerHarness.TIMEOUT;
    private static final String R = "streams";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/" + R + "/containers/";

    private DockerdProcess engine;
    private DockerClient docker;
    private TestApiServer api;
    private EngineControllerHarness harness;
    private RawApiClient https;
    private final List<String> containers = new ArrayList<>();

    @BeforeAll
    void start(DockerdProcess engine) {
        this.engine = engine;
        docker = engine.client();
        api = TestApiServer.start();
        harness = EngineControllerHarness.start(api, R, engine::host);
        // Where the streams find the engine: the App's machine publishes it, as the VM drivers do.
        https = RawApiClient.fromKubeconfig(api.runtime().kubeconfig());
        RawApiClient.Reply vm = https.post("/apis/vm.rancherdesktop.io/v1alpha1/namespaces/" + R + "/virtualmachines",
                "{\"apiVersion\":\"vm.rancherdesktop.io/v1alpha1\",\"kind\":\"VirtualMachine\",\"metadata\":{\"name\":\"rd\"},\"spec\":{\"running\":true}}");
        assertEquals(201, vm.status(), vm.body());
        RawApiClient.Reply st = https.patch("/apis/vm.rancherdesktop.io/v1alpha1/namespaces/" + R + "/virtualmachines/rd/status",
                "application/merge-patch+json", "{\"status\":{\"dockerEndpoint\":\"" + engine.host() + "\"}}");
        assertEquals(200, st.status(), st.body());
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
    }

    @AfterAll
    void stop() {
        try {
            for (String id : containers) {
                try {
                    docker.removeContainerCmd(id).withForce(true).exec();
                } catch (RuntimeException e) {
                    // already gone
                }
            }
        } finally {
            try {
                if (harness != null) {
                    harness.close();
                }
            } finally {
                if (api != null) {
                    api.close();
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    private String run(String name, boolean tty, String script) {
        String id = docker.createContainerCmd(DockerdProcess.TEST_IMAGE).withName(name + "_" + System.nanoTime()).withTty(tty)
                .withCmd("sh", "-c", script).withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        containers.add(id);
        docker.startContainerCmd(id).exec();
        Await.until(name + " mirrored", T, () -> harness.client().resources(Container.class).inNamespace(R).withName(id).get() != null);
        return id;
    }

    private String exited(String name, boolean tty, String script) {
        String id = run(name, tty, script);
        Await.until(name + " exited", T, () -> !docker.inspectContainerCmd(id).exec().getState().getRunning());
        return id;
    }

    /** Writes a line to the container's stdout from outside (an exec writing to PID 1's stdout). */
    private void printLater(String id, String line) throws InterruptedException {
        String exec = docker.execCreateCmd(id).withCmd("sh", "-c", "echo " + line + " > /proc/1/fd/1").exec().getId();
        docker.execStartCmd(exec).start().awaitCompletion(30, TimeUnit.SECONDS);
    }

    /** A raw HTTP/1.1 GET over the API's Unix socket: the status, the headers, then the body chunk by chunk. */
    private static final class RawStream implements AutoCloseable {
        final SocketChannel channel;
        final InputStream in;
        final int status;
        final Map<String, String> headers = new java.util.HashMap<>();

        RawStream(Path socket, String path) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(channel);
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in = Channels.newInputStream(channel);
            String statusLine = line();
            status = Integer.parseInt(statusLine.split(" ")[1]);
            for (String l = line(); !l.isEmpty(); l = line()) {
                int c = l.indexOf(':');
                headers.put(l.substring(0, c).trim().toLowerCase(), l.substring(c + 1).trim());
            }
        }

        String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new EOFException();
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.US_ASCII);
        }

        /** The next complete chunk (its closing CRLF read too); null at the last chunk. */
        byte[] chunk() throws IOException {
            int size = Integer.parseInt(line(), 16);
            if (size == 0) {
                line();
                return null;
            }
            byte[] data = in.readNBytes(size);
            if (data.length < size || in.read() != '\r' || in.read() != '\n') {
                throw new IOException("incomplete chunk");
            }
            return data;
        }

        /** The whole body (chunked or until the close). */
        String body() throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            if ("chunked".equals(headers.get("transfer-encoding"))) {
                for (byte[] c = chunk(); c != null; c = chunk()) {
                    all.write(c);
                }
            } else if (headers.containsKey("content-length")) {
                all.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            } else {
                in.transferTo(all);
            }
            return all.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private RawStream open(String path) throws IOException {
        return new RawStream(api.paths().apiSocket(), path);
    }

    private String log(String id, String query) throws IOException {
        try (RawStream s = open(BASE + id + "/log" + (query.isEmpty() ? "" : "?" + query))) {
            String body = s.body();
            assertEquals(200, s.status, body);
            assertTrue(s.headers.get("content-type").startsWith("text/plain"), s.headers.toString());
            return body;
        }
    }

    private JsonNode status(int code, String path) throws IOException {
        try (RawStream s = open(path)) {
            String body = s.body();
            assertEquals(code, s.status, body);
            JsonNode st = JSON.readTree(body);
            assertEquals("Status", st.path("kind").asText(), body);
            assertEquals(code, st.path("code").asInt(), body);
            return st;
        }
    }

    // ------------------------------------------------------------------------------------------------ logs

    @Test
    void theLogOfAStoppedContainerHasStdoutAndStderrWithoutDockersFrameHeaders() throws Exception {
        String id = exited("both", false, "echo out1; echo err1 >&2; echo out2");
        String body = log(id, "");
        assertEquals(List.of("err1", "out1", "out2"), body.lines().sorted().toList(), body);
        assertTrue(body.chars().noneMatch(c -> c < 0x20 && c != '\n'), "no frame header bytes: " + body);
    }

    @Test
    void tailLinesTimestampsAndLimitBytesShapeTheLog() throws Exception {
        String id = exited("shape", false, "echo one; echo two; echo three");
        assertEquals("three\n", log(id, "tailLines=1"));
        assertEquals("", log(id, "tailLines=0"));
        assertEquals("on", log(id, "limitBytes=2"));
        List<String> stamped = log(id, "timestamps=true&tailLines=2").lines().toList();
        assertEquals(2, stamped.size(), stamped.toString());
        for (String l : stamped) {
            String[] parts = l.split(" ", 2);
            Instant.parse(parts[0]); // RFC 3339 with nanoseconds
            assertTrue(parts[1].equals("two") || parts[1].equals("three"), l);
        }
    }

    @Test
    void streamStdoutOrStderrGivesThatStreamAloneAndTailLinesCountsOnlyItsLines() throws Exception {
        String id = exited("split", false, "echo out1; echo err1 >&2; echo out2; echo err2 >&2; echo err3 >&2");
        assertEquals("out1\nout2\n", log(id, "stream=Stdout"));
        assertEquals("err1\nerr2\nerr3\n", log(id, "stream=Stderr"));
        assertEquals(List.of("err1", "err2", "err3", "out1", "out2"), log(id, "stream=All").lines().sorted().toList());
        // Docker's own tail=2 with stdout only gives nothing here (the last two lines are stderr's): ours counts stdout's.
        assertEquals("out1\nout2\n", log(id, "stream=Stdout&tailLines=2"));
        assertEquals("err3\n", log(id, "stream=Stderr&tailLines=1"));
        assertEquals("", log(id, "stream=Stderr&tailLines=0"));
        assertEquals("er", log(id, "stream=Stderr&tailLines=2&limitBytes=2"));
        List<String> stamped = log(id, "stream=Stdout&tailLines=1&timestamps=true").lines().toList();
        assertEquals(1, stamped.size(), stamped.toString());
        Instant.parse(stamped.getFirst().split(" ", 2)[0]);
        assertEquals("out2", stamped.getFirst().split(" ", 2)[1]);
    }

    @Test
    void aFollowedStderrWithTailLinesShowsItsLastLinesThenOnlyLaterStderrLines() throws Exception {
        String id = run("split-follow", false, "echo early-out; echo early-err1 >&2; echo early-err2 >&2; echo early-out2; "
                + "trap 'exit 0' TERM; while true; do sleep 1; done");
        Await.until("early lines logged", T, () -> {
            try {
                return log(id, "").contains("early-out2");
            } catch (IOException e) {
                return false;
            }
        });
        try (RawStream s = open(BASE + id + "/log?follow=true&stream=Stderr&tailLines=1")) {
            assertEquals(200, s.status);
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("early-err2\n")) {
                seen.append(new String(s.chunk(), StandardCharsets.UTF_8));
            }
            String exec = docker.execCreateCmd(id).withCmd("sh", "-c", "echo late-out > /proc/1/fd/1; echo late-err > /proc/1/fd/2")
                    .exec().getId();
            docker.execStartCmd(exec).start().awaitCompletion(30, TimeUnit.SECONDS);
            while (!seen.toString().contains("late-err\n")) {
                seen.append(new String(s.chunk(), StandardCharsets.UTF_8));
            }
            assertEquals("early-err2\nlate-err\n", seen.toString());
        }
    }

    @Test
    void sinceTimeAndSinceSecondsLeaveOutOlderLines() throws Exception {
        String id = run("since", false, "echo early; trap 'exit 0' TERM; while true; do sleep 1; done");
        Await.until("early logged", T, () -> {
            try {
                return log(id, "").contains("early");
            } catch (IOException e) {
                return false;
            }
        });
        Instant cut = Instant.now();
        Await.until("a moment passed", T, () -> Instant.now().isAfter(cut.plusMillis(50)));
        printLater(id, "late");
        // Docker's log copier writes the line after the exec has returned: wait until it is in the log.
        Await.until("late logged", T, () -> {
            try {
                return log(id, "").contains("late");
            } catch (IOException e) {
                return false;
            }
        });
        assertEquals("late\n", log(id, "sinceTime=" + cut));
        assertEquals("early\nlate\n", log(id, "sinceSeconds=3600"));
    }

    @Test
    void aTtyContainersLogIsItsRawOutput() throws Exception {
        String id = exited("tty", true, "echo tty-line");
        assertEquals("tty-line\r\n", log(id, ""));
    }

    @Test
    void aFollowedLogShowsALaterLineAsACompleteChunkWithin100MsAndEndsWhenTheContainerStops() throws Exception {
        String id = run("follow", false, "echo first; trap 'exit 0' TERM; while true; do sleep 1; done");
        try (RawStream s = open(BASE + id + "/log?follow=true")) {
            assertEquals(200, s.status);
            assertEquals("chunked", s.headers.get("transfer-encoding"));
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("first\n")) {
                seen.append(new String(s.chunk(), StandardCharsets.UTF_8));
            }
            CompletableFuture<Long> arrived = CompletableFuture.supplyAsync(() -> {
                try {
                    StringBuilder later = new StringBuilder();
                    while (!later.toString().contains("later\n")) {
                        later.append(new String(s.chunk(), StandardCharsets.UTF_8));
                    }
                    return System.nanoTime();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            printLater(id, "later");
            long printed = System.nanoTime();
            long at = arrived.get(30, TimeUnit.SECONDS);
            long lateMs = (at - printed) / 1_000_000;
            assertTrue(lateMs <= 100, "the line's chunk was complete " + lateMs + " ms after it was printed");

            docker.stopContainerCmd(id).withTimeout(5).exec();
            CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
                try {
                    while (s.chunk() != null) {
                        // the rest of the log
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ended.get(30, TimeUnit.SECONDS); // the last chunk came
        }
    }

    @Test
    void theLogIsReachableOverHttps() throws Exception {
        String id = exited("https", false, "echo over-tls");
        RawApiClient.Reply r = https.get(BASE + id + "/log");
        assertEquals(200, r.status(), r.body());
        assertEquals("over-tls\n", r.body());
    }

    @Test
    void badRequestsAreKubeStatuses() throws Exception {
        String id = exited("bad", false, "echo x");
        assertEquals("NotFound", status(404, BASE + "0123456789abcdef/log").path("reason").asText());
        assertEquals("NotFound", status(404, BASE + "0123456789abcdef/stats").path("reason").asText());
        JsonNode neg = status(400, BASE + id + "/log?tailLines=-1");
        assertTrue(neg.path("message").asText().contains("tailLines"), neg.toString());
        JsonNode time = status(400, BASE + id + "/log?sinceTime=yesterday");
        assertTrue(time.path("message").asText().contains("sinceTime"), time.toString());
        status(400, BASE + id + "/log?follow=maybe");
        JsonNode stream = status(400, BASE + id + "/log?stream=stdout");
        assertEquals("BadRequest", stream.path("reason").asText(), stream.toString());
        assertTrue(stream.path("message").asText().contains("stream: Unsupported value: \"stdout\"")
                || stream.path("message").asText().contains("Unsupported value: \"stdout\""), stream.toString());
        assertEquals("stream", stream.path("details").path("causes").path(0).path("field").asText(), stream.toString());
        status(400, BASE + id + "/log?sinceSeconds=5&sinceTime=2024-01-01T00:00:00Z");
        JsonNode stopped = status(409, BASE + id + "/stats");
        assertTrue(stopped.path("message").asText().contains("state: exited"), stopped.toString());
    }

    @Test
    void withoutAConnectedEngineTheStreamsAre503NamingTheCondition() throws Exception {
        try (TestApiServer bare = TestApiServer.start(); KubernetesClient c = bare.newClient()) {
            App app = new App();
            ObjectMeta meta = new ObjectMeta();
            meta.setName(App.NAME);
            app.setMetadata(meta);
            AppSpec spec = new AppSpec();
            spec.setRunning(false);
            app.setSpec(spec);
            c.resource(app).create();
            c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(R).endMetadata().build()).createOr(x -> x.update());
            for (String sub : List.of("log", "stats")) {
                try (RawStream s = new RawStream(bare.paths().apiSocket(), BASE + "abc/" + sub)) {
                    String body = s.body();
                    assertEquals(503, s.status, body);
                    JsonNode st = JSON.readTree(body);
                    assertEquals("ServiceUnavailable", st.path("reason").asText(), body);
                    assertTrue(st.path("message").asText().contains("ContainerEngineReady"), body);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ stats

    @Test
    void statsOfACpuBurningContainerShowCpuAndMemoryOnceAndAsAFollowedStreamThatEndsWhenItStops() throws Exception {
        String id = run("burn", false, "while :; do :; done");
        JsonNode one;
        try (RawStream s = open(BASE + id + "/stats")) {
            String body = s.body();
            assertEquals(200, s.status, body);
            one = JSON.readTree(body);
        }
        assertEquals("ContainerStats", one.path("kind").asText());
        assertEquals("containers.rancherdesktop.io/v1alpha1", one.path("apiVersion").asText());
        assertEquals(id, one.path("name").asText());
        Instant.parse(one.path("timestamp").asText());
        assertTrue(one.path("cpuPercent").asDouble() > 0, one.toString());
        assertTrue(one.path("memoryUsageBytes").asLong() > 0, one.toString());
        assertTrue(one.path("memoryLimitBytes").asLong() > 0, one.toString());
        assertTrue(one.path("pids").asLong() >= 1, one.toString());
        for (String f : List.of("networkRxBytes", "networkTxBytes", "blockReadBytes", "blockWriteBytes")) {
            assertTrue(one.path(f).isIntegralNumber(), f + ": " + one);
        }

        try (RawStream s = open(BASE + id + "/stats?follow=true")) {
            assertEquals(200, s.status);
            List<JsonNode> samples = new ArrayList<>();
            CompletableFuture.runAsync(() -> {
                try {
                    while (samples.size() < 3) {
                        byte[] c = s.chunk();
                        if (c.length == 0) {
                            continue;
                        }
                        String text = new String(c, StandardCharsets.UTF_8);
                        assertTrue(text.endsWith("\n"), "one complete JSON line per chunk: " + text);
                        samples.add(JSON.readTree(text));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(30, TimeUnit.SECONDS);
            assertTrue(samples.getLast().path("cpuPercent").asDouble() > 0, samples.toString());
            assertEquals("ContainerStats", samples.getLast().path("kind").asText());

            // the followed stream ends when the container stops
            docker.killContainerCmd(id).exec();
            CompletableFuture.runAsync(() -> {
                try {
                    for (byte[] c = s.chunk(); c != null; c = s.chunk()) {
                        // samples until the stop
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFollowOverHttpsStreamsALaterLineAndEndsWhenItsClientHangsUp() throws Exception {
        String id = run("tls", false, "echo tls-first; trap 'exit 0' TERM; while true; do sleep 1; done");
        java.security.KeyStore ts = java.security.KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", api.runtime().tls().caCertificate());
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        java.net.URI server = java.net.URI.create(api.runtime().serverUrl());
        String token = api.runtime().tls().token();
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) ssl.getSocketFactory().createSocket(server.getHost(), server.getPort())) {
            socket.startHandshake();
            socket.getOutputStream().write(("GET " + BASE + id + "/log?follow=true HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                try {
                    byte[] buf = new byte[4096];
                    while (!seen.toString(StandardCharsets.UTF_8).contains("tls-first\n")) {
                        int n = in.read(buf);
                        if (n < 0) {
                            throw new EOFException();
                        }
                        seen.write(buf, 0, n);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            first.get(30, TimeUnit.SECONDS);
            assertTrue(seen.toString(StandardCharsets.UTF_8).startsWith("HTTP/1.1 200"), seen.toString(StandardCharsets.UTF_8));
            Await.until("stream open", Duration.ofSeconds(10), () -> api.runtime().containerStreams().openStreams() == 1);
        }
        Await.until("stream of the vanished TLS client closed", Duration.ofSeconds(10), () -> api.runtime().containerStreams().openStreams() == 0);
    }

    // ------------------------------------------------------------------------------------------------ leaks

    private static long socketsOf(String pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", pid, "fd"))) {
            return fds.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Counts(int threads, long jvmSockets, long engineSockets, int streams) {
        boolean notAbove(Counts base) {
            return threads <= base.threads && jvmSockets <= base.jvmSockets && engineSockets <= base.engineSockets && streams == 0;
        }
    }

    private Counts counts() {
        OptionalLong dockerd = engine.pid();
        return new Counts(ManagementFactory.getThreadMXBean().getThreadCount(), socketsOf("self"),
                dockerd.isPresent() ? socketsOf(Long.toString(dockerd.getAsLong())) : 0, api.runtime().containerStreams().openStreams());
    }

    private void followAndHangUp(String id) throws IOException {
        try (RawStream s = open(BASE + id + "/log?follow=true")) {
            assertEquals(200, s.status);
        }
    }

    @Test
    void aVanishedClientOfAQuietFollowIsNoticedWithinSecondsAnd200HangUpsLeaveNoThreadStreamOrSocketBehind() throws Exception {
        String id = run("quiet", false, "trap 'exit 0' TERM; while true; do sleep 1; done");
        followAndHangUp(id); // warm-up: the probe thread, Jetty's threads
        Await.until("warm-up stream closed", Duration.ofSeconds(10), () -> api.runtime().containerStreams().openStreams() == 0);

        Counts base = counts();
        RawStream one = open(BASE + id + "/log?follow=true");
        assertEquals(200, one.status);
        Await.until("stream open", Duration.ofSeconds(10), () -> api.runtime().containerStreams().openStreams() == 1);
        one.close();
        long closedAt = System.nanoTime();
        Await.until("stream of the vanished client closed", Duration.ofSeconds(10), () -> api.runtime().containerStreams().openStreams() == 0);
        long noticedMs = (System.nanoTime() - closedAt) / 1_000_000;
        assertTrue(noticedMs < 3_000, "noticed after " + noticedMs + " ms");

        for (int i = 0; i < 200; i++) {
            followAndHangUp(id);
        }
        Counts[] last = {null};
        try {
            Await.until("threads, sockets and streams back at the baseline " + base, Duration.ofSeconds(90), () -> {
                last[0] = counts();
                return last[0].notAbove(base);
            });
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("baseline " + base + ", now " + last[0], e);
        }
    }
}
