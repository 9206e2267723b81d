package io.rancherdesktop.rdd.instance;

import io.rancherdesktop.rdd.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerCliContextTest {
    @TempDir
    Path dir;
    private Path config;
    private Path state;
    private final List<AutoCloseable> servers = new ArrayList<>();

    @BeforeEach
    void paths() {
        config = dir.resolve("docker");
        state = dir.resolve("instance").resolve("docker-context.json");
    }

    @AfterEach
    void closeServers() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private DockerCliContext context(String defaultEndpoint) {
        return new DockerCliContext(config, "rancher-desktop-t", state, defaultEndpoint);
    }

    private static String hash(String name) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
    }

    private Path meta(String name) throws Exception {
        return config.resolve("contexts/meta").resolve(hash(name)).resolve("meta.json");
    }

    private void writeContext(String name, String host) throws Exception {
        Files.createDirectories(meta(name).getParent());
        Files.writeString(meta(name), "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"" + host
                + "\",\"SkipTLSVerify\":false}}}");
    }

    private Map<String, Object> configJson() throws IOException {
        return Json.parseObject(Files.readString(config.resolve("config.json")));
    }

    /** A Unix socket that answers every connection with an HTTP status line, like dockerd's /_ping. */
    private String answeringSocket() throws IOException {
        Path sock = dir.resolve("answers-" + servers.size() + ".sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(sock));
        Thread t = Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                try (SocketChannel c = server.accept()) {
                    c.read(ByteBuffer.allocate(1024));
                    c.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK".getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        servers.add(() -> {
            server.close();
            t.join();
        });
        return "unix://" + sock;
    }

    /** A Unix socket that accepts and never answers. */
    private String silentSocket() throws IOException {
        Path sock = dir.resolve("silent.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(sock));
        servers.add(server);
        return "unix://" + sock;
    }

    @Test
    void writesTheContextWhereTheDockerCliLooksAndMakesItCurrentWhenTheDefaultEndpointDoesNotAnswer() throws Exception {
        Files.createDirectories(config);
        Files.writeString(config.resolve("config.json"), "{\"auths\":{\"registry.example\":{\"auth\":\"c2VjcmV0\"}},\"psFormat\":\"x\"}");
        DockerCliContext ctx = context("unix://" + dir.resolve("nobody.sock"));

        assertEquals(DockerCliContext.Outcome.MADE_CURRENT, ctx.ensure("unix:///run/rdd/docker.sock", e -> DockerCliContext.answers(e, Duration.ofMillis(500))));

        Map<String, Object> meta = Json.parseObject(Files.readString(meta("rancher-desktop-t")));
        assertEquals("rancher-desktop-t", meta.get("Name"));
        assertEquals("unix:///run/rdd/docker.sock", ((Map<?, ?>) ((Map<?, ?>) meta.get("Endpoints")).get("docker")).get("Host"));
        Map<String, Object> cfg = configJson();
        assertEquals("rancher-desktop-t", cfg.get("currentContext"));
        assertEquals(Map.of("registry.example", Map.of("auth", "c2VjcmV0")), cfg.get("auths"), "other settings are kept");
        assertEquals("x", cfg.get("psFormat"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve("config.json"))));
        assertEquals(DockerCliContext.Outcome.ALREADY_CURRENT, ctx.ensure("unix:///run/rdd/docker.sock", e -> false));
    }

    @Test
    void aCurrentContextThatAnswersStaysCurrent() throws Exception {
        writeContext("live", answeringSocket());
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"live\"}");
        String before = Files.readString(meta("live"));

        assertEquals(DockerCliContext.Outcome.WRITTEN, context(DockerCliContext.DEFAULT_ENDPOINT)
                .ensure("unix:///run/rdd/docker.sock", e -> DockerCliContext.answers(e, Duration.ofMillis(500))));

        assertEquals("live", configJson().get("currentContext"));
        assertEquals(before, Files.readString(meta("live")), "another context is never touched");
        assertTrue(Files.exists(meta("rancher-desktop-t")));
    }

    @Test
    void theDefaultContextThatAnswersStaysCurrent() throws Exception {
        DockerCliContext ctx = context(answeringSocket());
        assertEquals(DockerCliContext.Outcome.WRITTEN, ctx.ensure("unix:///run/rdd/docker.sock", e -> DockerCliContext.answers(e, Duration.ofMillis(500))));
        assertFalse(Files.exists(config.resolve("config.json")), "nothing to change in config.json");
    }

    @Test
    void removingRestoresThePreviousCurrentContextOnlyWhileOursIsCurrent() throws Exception {
        writeContext("gone", "unix://" + dir.resolve("nobody.sock"));
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"gone\"}");
        DockerCliContext ctx = context(DockerCliContext.DEFAULT_ENDPOINT);
        assertEquals(DockerCliContext.Outcome.MADE_CURRENT, ctx.ensure("unix:///run/rdd/docker.sock", e -> false));

        ctx.remove();

        assertFalse(Files.exists(meta("rancher-desktop-t")));
        assertEquals("gone", configJson().get("currentContext"));
        assertTrue(Files.exists(meta("gone")));
        assertFalse(Files.exists(state));

        // The user switched away from ours meanwhile: their choice stands.
        assertEquals(DockerCliContext.Outcome.MADE_CURRENT, ctx.ensure("unix:///run/rdd/docker.sock", e -> false));
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"mine\"}");
        ctx.remove();
        assertEquals("mine", configJson().get("currentContext"));
    }

    @Test
    void removingWithoutAPreviousContextLeavesTheDockerDefault() throws Exception {
        DockerCliContext ctx = context("unix://" + dir.resolve("nobody.sock"));
        assertEquals(DockerCliContext.Outcome.MADE_CURRENT, ctx.ensure("unix:///run/rdd/docker.sock", e -> false));
        ctx.remove();
        assertFalse(configJson().containsKey("currentContext"));
        ctx.remove(); // idempotent
    }

    @Test
    void probesTellAnsweringFromSilentAndAbsentEndpoints() throws Exception {
        assertTrue(DockerCliContext.answers(answeringSocket(), Duration.ofSeconds(2)));
        assertFalse(DockerCliContext.answers("unix://" + dir.resolve("absent.sock"), Duration.ofSeconds(2)));
        long t0 = System.nanoTime();
        assertFalse(DockerCliContext.answers(silentSocket(), Duration.ofMillis(300)));
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(5)) < 0, "a silent endpoint is given up on");
    }

    @Test
    void aMalformedConfigIsLeftAsItIs() throws Exception {
        Files.createDirectories(config);
        Files.writeString(config.resolve("config.json"), "{not json");
        DockerCliContext ctx = context("unix://" + dir.resolve("nobody.sock"));
        IOException e = assertThrows(IOException.class, () -> ctx.ensure("unix:///run/rdd/docker.sock", x -> false));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertEquals("{not json", Files.readString(config.resolve("config.json")));
    }
}
