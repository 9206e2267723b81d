package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import io.rancherdesktop.rdd.service.ServiceRuntime;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.RawApiClient.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Listeners and their protection: owner-only socket, token on TCP, loopback only, kubeconfig, PID lock, port fallback. */
@ExtendWith(ApiServerExtension.class)
class ListenerSecurityIT {

    @Test
    void theUnixSocketIsOwnerOnlyAndNeedsNoToken(ServiceRuntime runtime) throws IOException {
        Path socket = runtime.paths().apiSocket();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        String reply = unixGet(socket, "/readyz");
        assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
        assertTrue(unixGet(socket, "/api/v1/namespaces/default").contains("\"name\":\"default\""));
    }

    @Test
    void tcpRequestsWithoutTheRightTokenAreUnauthorized(RawApiClient raw) {
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Authorization", "Bearer wrong"), Map.of("Authorization", "Basic eDp5"))) {
            Reply r = raw.send("GET", "/api/v1/namespaces", null, null, false, headers);
            assertEquals(401, r.status(), headers.toString());
            assertEquals("Status", r.json().path("kind").asText());
            assertEquals("Unauthorized", r.reason());
        }
        assertEquals(401, raw.send("GET", "/readyz", null, null, false, Map.of()).status(), "every TCP path needs the token");
        assertEquals(200, raw.get("/api/v1/namespaces").status());
    }

    @Test
    void nothingListensOnANonLoopbackAddress(ServiceRuntime runtime) throws IOException {
        Set<String> ourSockets = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        ourSockets.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // the descriptor closed while listing
                }
            }
        }
        List<String> listeners = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p).subList(1, Files.readAllLines(p).size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && ourSockets.contains(f[9])) { // LISTEN, owned by this JVM
                    listeners.add(f[1]);
                }
            }
        }
        // 127.0.0.1 as IPv4, or IPv4-mapped in tcp6 (::ffff:127.0.0.1), or ::1.
        Set<String> loopback = Set.of("0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000");
        String port = String.format("%04X", runtime.apiServer().tcpPort());
        assertTrue(listeners.stream().anyMatch(l -> l.endsWith(":" + port) && loopback.contains(l.split(":")[0])),
                "the API listens on 127.0.0.1:" + runtime.apiServer().tcpPort() + ": " + listeners);
        for (String l : listeners) {
            assertTrue(loopback.contains(l.split(":")[0]), "non-loopback listener " + l);
        }
    }

    /**
     * Issue 14 item 15: the API's listener is an IPv4 socket on 127.0.0.1 (in /proc/net/tcp), not the IPv4-mapped
     * address of a dual-stack IPv6 socket (::ffff:127.0.0.1 in /proc/net/tcp6), which IPv4 port probes do not see.
     */
    @Test
    void theTcpListenerIsAnIpv4SocketOnTheLoopbackAddress(ServiceRuntime runtime) throws IOException {
        Set<String> ours = socketInodesOfThisJvm();
        String port = String.format("%04X", runtime.apiServer().tcpPort());
        assertEquals(List.of("0100007F:" + port), listeners(Path.of("/proc/net/tcp"), ours).stream().filter(l -> l.endsWith(":" + port)).toList(),
                "the API listens on 127.0.0.1 as an IPv4 socket");
        assertEquals(List.of(), listeners(Path.of("/proc/net/tcp6"), ours).stream().filter(l -> l.endsWith(":" + port)).toList(),
                "no IPv6 (dual-stack) socket holds the API port");
    }

    private static Set<String> socketInodesOfThisJvm() throws IOException {
        Set<String> ourSockets = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        ourSockets.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // the descriptor closed while listing
                }
            }
        }
        return ourSockets;
    }

    /** The local addresses ({@code HEX:PORT}) of the listening sockets of {@code table} whose inode is in {@code ours}. */
    private static List<String> listeners(Path table, Set<String> ours) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.exists(table)) {
            return out;
        }
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f[3].equals("0A") && ours.contains(f[9])) { // LISTEN
                out.add(f[1]);
            }
        }
        return out;
    }

    @Test
    void theKubeconfigIsOwnerOnlyAndPointsAtTheBoundPort(ServiceRuntime runtime) throws IOException {
        Path config = runtime.kubeconfig();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        String text = Files.readString(config);
        assertTrue(text.contains("server: https://127.0.0.1:" + runtime.apiServer().tcpPort() + "\n"), text);
        assertTrue(text.contains("current-context: root"));
        assertTrue(text.contains("certificate-authority-data: "));
        assertTrue(text.contains("token: " + runtime.tls().token()));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(runtime.paths().tlsDir())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(runtime.paths().tlsDir().resolve("apiserver.key"))));
    }

    @Test
    void theServingCertificateCoversLocalhostToo(ServiceRuntime runtime) {
        RawApiClient byName = new RawApiClient("https://localhost:" + runtime.apiServer().tcpPort(), runtime.tls().caCertificate(), runtime.tls().token());
        assertEquals(200, byName.get("/version").status());
    }

    @Test
    void aSecondServiceForTheSameInstanceIsRefused(ServiceRuntime runtime) {
        ServiceRuntime.AlreadyRunningException e = assertThrows(ServiceRuntime.AlreadyRunningException.class,
                () -> ServiceRuntime.start(runtime.paths(), ServiceRuntime.Options.defaults(runtime.paths().instance()).withSecurePort(0)));
        assertEquals("\"rancher-desktop-t\" control plane is already running", e.getMessage());
        assertEquals(200, new RawApiClient(runtime.serverUrl(), runtime.tls().caCertificate(), runtime.tls().token()).get("/readyz").status(),
                "the running service is unaffected");
    }

    @Test
    void aBusyPortFallsBackToAFreeOneAndAStaleSocketIsReplaced(@TempDir Path home) throws IOException {
        InstancePaths paths = new InstancePaths(new Instance("fb"), Platform.current(), home, Map.of());
        Files.createDirectories(paths.shortDir());
        Files.writeString(paths.apiSocket(), "left over by a crashed service");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServiceRuntime rt = ServiceRuntime.start(paths, ServiceRuntime.Options.defaults(paths.instance()).withSecurePort(busy.getLocalPort()))) {
            assertNotEquals(busy.getLocalPort(), rt.apiServer().tcpPort());
            assertTrue(Files.readString(rt.kubeconfig()).contains(":" + rt.apiServer().tcpPort() + "\n"));
            assertTrue(unixGet(paths.apiSocket(), "/readyz").startsWith("HTTP/1.1 200"));
        }
        assertFalse(Files.exists(paths.apiSocket()), "a clean shutdown removes the socket");
        assertFalse(Files.exists(paths.pidFile()), "and releases the PID file");
    }

    @Test
    void tlsMaterialAndTokenAreReusedAcrossRestarts(@TempDir Path home) {
        InstancePaths paths = new InstancePaths(new Instance("re"), Platform.current(), home, Map.of());
        String token;
        String ca;
        try (ServiceRuntime rt = ServiceRuntime.start(paths, ServiceRuntime.Options.defaults(paths.instance()).withSecurePort(0))) {
            token = rt.tls().token();
            ca = rt.tls().caPem();
        }
        try (ServiceRuntime rt = ServiceRuntime.start(paths, ServiceRuntime.Options.defaults(paths.instance()).withSecurePort(0))) {
            assertEquals(token, rt.tls().token());
            assertEquals(ca, rt.tls().caPem());
        }
    }

    /** A bare HTTP/1.1 GET over the Unix socket (the JDK HTTP client cannot use one). */
    static String unixGet(Path socket, String path) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            StringBuilder out = new StringBuilder();
            while (ch.read(buf) >= 0) {
                buf.flip();
                out.append(StandardCharsets.UTF_8.decode(buf));
                buf.clear();
            }
            return out.toString();
        }
    }
}
