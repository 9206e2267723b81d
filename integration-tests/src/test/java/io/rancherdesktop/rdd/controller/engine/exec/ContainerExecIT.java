package io.rancherdesktop.rdd.controller.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.service.exec.ContainerExec;
import io.rancherdesktop.rdd.store.ObjectKey;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import io.rancherdesktop.rdd.wire.Json;
import io.rancherdesktop.rdd.wire.WebSocketClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code containers/{name}/exec} against the real dockerd, through the service's Unix socket with the wire module's
 * WebSocket client (the one {@code rdd ctl exec} uses): kube's streaming protocol (v5, v4 fallback), the exit code on
 * the error channel, stdin's EOF, TTY and resize, the refusals before the upgrade, and no leak when clients vanish.
 */
@ExtendWith(RealDockerEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerExecIT {
    private static final Duration T = EngineControllerHarness.TIMEOUT;
    private static final String R = "execs";
    private static final List<String> V5_V4 = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");

    private TestApiServer api;
    private EngineControllerHarness harness;
    private EngineFixtures fx;
    private DockerClient docker;
    private String running;

    @BeforeAll
    void start(DockerdProcess engine) {
        docker = engine.client();
        fx = new EngineFixtures(engine);
        api = TestApiServer.start();
        harness = EngineControllerHarness.start(api, R, engine::host);
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
        running = mirrored("exec_running", true);
    }

    @AfterAll
    void stop() {
        try {
            if (harness != null) {
                harness.close();
            }
            if (api != null) {
                api.close();
            }
        } finally {
            fx.close();
        }
    }

    private RunStatus status(String id) {
        Container c = harness.client().resources(Container.class).inNamespace(R).withName(id).get();
        return c == null || c.getStatus() == null ? null : c.getStatus().getStatus();
    }

    private String mirrored(String name, boolean start) {
        String id = fx.container(name);
        if (start) {
            docker.startContainerCmd(id).exec();
        }
        RunStatus want = start ? RunStatus.RUNNING : RunStatus.CREATED;
        Await.until(name + " mirrored as " + want, T, () -> status(id) == want);
        return id;
    }

    private static String path(String ns, String name, List<String> command, String flags) {
        String q = command.stream().map(c -> "command=" + URLEncoder.encode(c, StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/" + ns + "/containers/" + name + "/exec?" + q + (flags.isEmpty() ? "" : "&" + flags);
    }

    private WebSocketClient open(String name, List<String> command, String flags, List<String> protocols) throws IOException {
        return WebSocketClient.connect(api.paths().apiSocket(), "GET", path(R, name, command, flags), protocols, "exec-it");
    }

    /** What one exec produced: stdout, stderr, the error channel's Status, the close code. */
    private record Outcome(String stdout, String stderr, Map<String, Object> status, int closeCode) {
        @SuppressWarnings("unchecked")
        String exitCodeCause() {
            Map<String, Object> details = (Map<String, Object>) status.get("details");
            List<Map<String, Object>> causes = (List<Map<String, Object>>) details.get("causes");
            assertEquals("ExitCode", causes.getFirst().get("reason"));
            return (String) causes.getFirst().get("message");
        }
    }

    @SuppressWarnings("unchecked")
    private static Outcome drain(WebSocketClient ws) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, Object> status = null;
        for (WebSocketClient.Message m = ws.receive(); m != null; m = ws.receive()) {
            assertTrue(m.binary(), "binary messages only");
            byte[] d = m.data();
            switch (d[0]) {
                case 1 -> out.write(d, 1, d.length - 1);
                case 2 -> err.write(d, 1, d.length - 1);
                case 3 -> status = (Map<String, Object>) Json.parse(new String(d, 1, d.length - 1, StandardCharsets.UTF_8));
                default -> throw new AssertionError("unexpected channel " + d[0]);
            }
        }
        return new Outcome(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status, ws.closeCode());
    }

    private static void sendStdin(WebSocketClient ws, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ws.sendChannel(0, b, 0, b.length);
    }

    private static void closeStdin(WebSocketClient ws) throws IOException {
        ws.sendBinary(new byte[] {(byte) 255, 0});
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusOf(WebSocketClient.HandshakeException e) {
        return (Map<String, Object>) Json.parse(new String(e.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aPostUpgradeOverTheUnixSocketNegotiatesV5AndAZeroExitIsSuccess() throws IOException {
        try (WebSocketClient ws = WebSocketClient.connect(api.paths().apiSocket(), "POST",
                path(R, running, List.of("sh", "-c", "echo hello"), "stdout=true&stderr=true"), V5_V4, "exec-it")) {
            assertEquals("v5.channel.k8s.io", ws.subprotocol());
            Outcome o = drain(ws);
            assertEquals("hello\n", o.stdout());
            assertEquals("Success", o.status().get("status"));
            assertEquals(1000, o.closeCode());
        }
    }

    @Test
    void stdinIsCopiedAndItsCloseSignalEndsCat() throws IOException {
        try (WebSocketClient ws = open(running, List.of("cat"), "stdin=true&stdout=true&stderr=true", V5_V4)) {
            sendStdin(ws, "hi\n");
            sendStdin(ws, "there\n");
            closeStdin(ws);
            Outcome o = drain(ws);
            assertEquals("hi\nthere\n", o.stdout());
            assertEquals("Success", o.status().get("status"));
        }
    }

    @Test
    void aNonZeroExitCodeIsAFailureStatusWithTheExitCodeCauseAsKubeletSendsIt() throws IOException {
        try (WebSocketClient ws = open(running, List.of("sh", "-c", "exit 7"), "stdout=true&stderr=true", V5_V4)) {
            Outcome o = drain(ws);
            assertEquals("Failure", o.status().get("status"));
            assertEquals("NonZeroExitCode", o.status().get("reason"));
            assertEquals("7", o.exitCodeCause());
            assertTrue(((String) o.status().get("message")).startsWith("command terminated with non-zero exit code"), o.status().toString());
        }
    }

    @Test
    void stderrComesOnItsOwnChannel() throws IOException {
        try (WebSocketClient ws = open(running, List.of("sh", "-c", "echo out; echo err >&2"), "stdout=true&stderr=true", V5_V4)) {
            Outcome o = drain(ws);
            assertEquals("out\n", o.stdout());
            assertEquals("err\n", o.stderr());
        }
    }

    @Test
    void aTtyExecStartsWithTheClientsFirstSizeAndALaterResizeReachesDocker() throws IOException {
        try (WebSocketClient ws = open(running, List.of("sh"), "stdin=true&stdout=true&tty=true", V5_V4)) {
            resize(ws, 100, 30);
            sendStdin(ws, "stty size; tty\n");
            StringBuilder seen = new StringBuilder();
            readUntil(ws, seen, "30 100");
            resize(ws, 123, 45);
            sendStdin(ws, "stty size; exit 3\n");
            Outcome o = drain(ws);
            String all = seen + o.stdout();
            assertTrue(all.contains("/dev/pts/"), all);
            assertTrue(o.stdout().contains("45 123"), all);
            assertEquals("", o.stderr(), "a TTY merges stderr into stdout");
            assertEquals("3", o.exitCodeCause());
        }
    }

    private static void resize(WebSocketClient ws, int width, int height) throws IOException {
        ws.sendBinary(("\u0004{\"Width\":" + width + ",\"Height\":" + height + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads stdout messages into {@code seen} until it contains {@code text}. */
    private static void readUntil(WebSocketClient ws, StringBuilder seen, String text) throws IOException {
        while (!seen.toString().contains(text)) {
            WebSocketClient.Message m = ws.receive();
            if (m == null) {
                throw new AssertionError("closed before \"" + text + "\"; got: " + seen);
            }
            if (m.data()[0] == 1) {
                seen.append(new String(m.data(), 1, m.data().length - 1, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aClientOfferingOnlyV4GetsV4() throws IOException {
        try (WebSocketClient ws = open(running, List.of("cat"), "stdin=true&stdout=true", List.of("v4.channel.k8s.io"))) {
            assertEquals("v4.channel.k8s.io", ws.subprotocol());
            sendStdin(ws, "four\n");
            // v4 has no close signal: the client ends the exec by closing; what was echoed before arrives first.
            WebSocketClient.Message m = ws.receive();
            assertEquals("four\n", new String(m.data(), 1, m.data().length - 1, StandardCharsets.UTF_8));
            assertEquals(1, m.data()[0]);
            ws.sendClose(1000);
            assertNull(ws.receive());
        }
    }

    @Test
    void theHttpsListenerServesExecToTheJdkWebSocketClientWithTheBearerToken() throws Exception {
        var raw = io.rancherdesktop.rdd.testing.RawApiClient.fromKubeconfig(api.runtime().kubeconfig());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.concurrent.CompletableFuture<String> status = new java.util.concurrent.CompletableFuture<>();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        java.net.http.WebSocket.Listener listener = new java.net.http.WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onBinary(java.net.http.WebSocket ws, java.nio.ByteBuffer data, boolean last) {
                byte[] b = new byte[data.remaining()];
                data.get(b);
                message.writeBytes(b);
                if (last) {
                    byte[] m = message.toByteArray();
                    message.reset();
                    if (m[0] == 1) {
                        out.write(m, 1, m.length - 1);
                    } else if (m[0] == 3) {
                        status.complete(new String(m, 1, m.length - 1, StandardCharsets.UTF_8));
                    }
                }
                ws.request(1);
                return null;
            }

            @Override
            public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String reason) {
                status.complete(null);
                return null;
            }
        };
        java.net.http.WebSocket ws = raw.http().newWebSocketBuilder()
                .header("Authorization", "Bearer " + api.runtime().tls().token())
                .subprotocols("v5.channel.k8s.io", "v4.channel.k8s.io")
                .buildAsync(java.net.URI.create(raw.base().replaceFirst("^https", "wss") + path(R, running, List.of("sh", "-c", "echo tls; exit 5"), "stdout=true")),
                        listener)
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        try {
            assertEquals("v5.channel.k8s.io", ws.getSubprotocol());
            String s = status.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(s != null && s.contains("\"reason\":\"ExitCode\",\"message\":\"5\""), String.valueOf(s));
            assertEquals("tls\n", out.toString(StandardCharsets.UTF_8));
        } finally {
            ws.abort();
        }
    }

    @Test
    void aMissingContainerIs404BeforeTheUpgrade() {
        var e = assertThrows(WebSocketClient.HandshakeException.class, () -> open("nosuch", List.of("true"), "stdout=true", V5_V4));
        assertEquals(404, e.status());
        assertEquals("NotFound", statusOf(e).get("reason"));
    }

    @Test
    void noCommandIs400() {
        var e = assertThrows(WebSocketClient.HandshakeException.class, () -> open(running, List.of(), "stdout=true", V5_V4));
        assertEquals(400, e.status());
        assertTrue(((String) statusOf(e).get("message")).contains("command"), statusOf(e).toString());
    }

    @Test
    void aStoppedOrPausedContainerIsA409NamingItsState() {
        String created = mirrored("exec_created", false);
        var stopped = assertThrows(WebSocketClient.HandshakeException.class, () -> open(created, List.of("true"), "stdout=true", V5_V4));
        assertEquals(409, stopped.status());
        assertTrue(((String) statusOf(stopped).get("message")).contains("created"), statusOf(stopped).toString());

        String paused = mirrored("exec_paused", true);
        docker.pauseContainerCmd(paused).exec();
        Await.until("paused mirrored", T, () -> status(paused) == RunStatus.PAUSED);
        var p = assertThrows(WebSocketClient.HandshakeException.class, () -> open(paused, List.of("true"), "stdout=true", V5_V4));
        assertEquals(409, p.status());
        assertEquals("Conflict", statusOf(p).get("reason"));
        assertTrue(((String) statusOf(p).get("message")).contains("paused"), statusOf(p).toString());
        docker.unpauseContainerCmd(paused).exec();
    }

    @Test
    void aContainerWhoseEngineIsNotConnectedIs503() {
        // A Container in a namespace no engine serves (written to the store directly: no App, so no ContainerEngineReady).
        var obj = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        obj.put("apiVersion", "containers.rancherdesktop.io/v1alpha1").put("kind", "Container");
        obj.putObject("metadata").put("name", "abc").put("namespace", "noengine");
        obj.putObject("status").put("status", "running");
        api.runtime().store().create("containers.containers.rancherdesktop.io", new ObjectKey("noengine", "abc"), obj);
        var e = assertThrows(WebSocketClient.HandshakeException.class,
                () -> WebSocketClient.connect(api.paths().apiSocket(), "GET", path("noengine", "abc", List.of("true"), "stdout=true"), V5_V4, "exec-it"));
        assertEquals(503, e.status());
        assertTrue(((String) statusOf(e).get("message")).contains("ContainerEngineReady"), statusOf(e).toString());
    }

    @Test
    void theEnginesRefusalOfTheExecIsAStatusInsteadOfTheUpgrade() {
        // A running mirror whose container the engine does not know (written to the store directly): the exec is
        // created only after the handshake was validated, and the engine's 404 is the answer.
        String ghost = "0".repeat(63) + "1";
        var obj = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        obj.put("apiVersion", "containers.rancherdesktop.io/v1alpha1").put("kind", "Container");
        obj.putObject("metadata").put("name", ghost).put("namespace", R);
        obj.putObject("status").put("status", "running");
        api.runtime().store().create("containers.containers.rancherdesktop.io", new ObjectKey(R, ghost), obj);
        var e = assertThrows(WebSocketClient.HandshakeException.class, () -> open(ghost, List.of("true"), "stdout=true", V5_V4));
        assertEquals(404, e.status());
        assertEquals("NotFound", statusOf(e).get("reason"));
    }

    @Test
    void aPlainHttpRequestIsTold400UpgradeRequired() throws IOException {
        var http = new io.rancherdesktop.rdd.wire.UnixHttpClient(api.paths().apiSocket(), "exec-it");
        var r = http.send(io.rancherdesktop.rdd.wire.HttpRequest.withBody("POST", path(R, running, List.of("true"), "stdout=true"), "application/json", ""));
        assertEquals(400, r.status());
        assertTrue(r.bodyText().contains("Upgrade request required"), r.bodyText());
    }

    @Test
    void clientsVanishingMidExecLeaveNoThreadSocketOrEngineStreamBehind() throws Exception {
        // Baseline after one finished exec (the WebSocket components are started).
        try (WebSocketClient ws = open(running, List.of("true"), "stdout=true", V5_V4)) {
            drain(ws);
        }
        Await.until("exec threads ended", T, () -> ContainerExec.liveThreads() == 0);
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        long fds = openFds();
        for (int i = 0; i < 200; i++) {
            WebSocketClient ws = open(running, List.of("cat"), "stdin=true&stdout=true&stderr=true", V5_V4);
            sendStdin(ws, "x\n");
            if (i % 2 == 0) {
                WebSocketClient.Message m = ws.receive(); // attached and echoing: mid-exec
                assertEquals("x\n", new String(m.data(), 1, m.data().length - 1, StandardCharsets.UTF_8));
            }
            ws.close(); // no closing handshake: the connection just ends
        }
        Await.until("exec threads ended", T, () -> ContainerExec.liveThreads() == 0);
        Await.until("open file descriptors back to " + fds, T, () -> openFds() <= fds);
        Await.until("platform threads back to " + threads, T, () -> ManagementFactory.getThreadMXBean().getThreadCount() <= threads);
        // The engine side: no exec of ours is still running (each cat saw its stdin close).
        Await.until("no exec running in the container", T, () -> {
            List<String> execs = docker.inspectContainerCmd(running).exec().getExecIds();
            return execs == null || execs.stream().noneMatch(id -> Boolean.TRUE.equals(docker.inspectExecCmd(id).exec().isRunning()));
        });
    }

    private static long openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
