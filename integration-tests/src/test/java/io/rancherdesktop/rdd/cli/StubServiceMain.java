package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.PidFile;
import io.rancherdesktop.rdd.instance.Platform;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A stand-in for {@code rdd svc serve} in lifecycle tests (fault injection: slow readiness, ignoring SIGTERM,
 * failing at start). Like the real service it holds the PID file lock, answers {@code /readyz} on the instance's
 * Unix socket, writes the kubeconfig and cleans up on SIGTERM. Its behaviour comes from the environment:
 * {@code STUB_READY_AFTER_MS}, {@code STUB_IGNORE_TERM}, {@code STUB_FAIL}.
 */
public final class StubServiceMain {
    private StubServiceMain() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> env = System.getenv();
        String suffix = argv.length > 1 && argv[0].equals("--instance") ? argv[1] : env.getOrDefault("RDD_INSTANCE", "2");
        InstancePaths paths = new InstancePaths(new Instance(suffix), Platform.LINUX, Path.of(System.getProperty("user.home")), env);
        System.err.println("stub service: args " + String.join(" ", argv));
        if (env.containsKey("STUB_FAIL")) {
            System.err.println("stub service: failing as asked: " + env.get("STUB_FAIL"));
            System.exit(3);
        }
        PidFile pid = PidFile.acquire(paths.pidFile()).orElse(null);
        if (pid == null) {
            System.err.println("stub service: already running");
            System.exit(1);
        }
        if (env.containsKey("STUB_IGNORE_TERM")) {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), s -> System.err.println("stub service: ignoring SIGTERM"));
        }
        long readyAt = System.currentTimeMillis() + Long.parseLong(env.getOrDefault("STUB_READY_AFTER_MS", "0"));
        Files.createDirectories(paths.shortDir());
        Files.deleteIfExists(paths.apiSocket());
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(paths.apiSocket()));
        Files.writeString(paths.config(), "apiVersion: v1\nkind: Config\ncurrent-context: root\n");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                Files.deleteIfExists(paths.apiSocket());
            } catch (IOException ignored) {
                // exiting anyway
            }
            pid.close();
        }));
        System.err.println("stub service: apiserver listening on " + paths.apiSocket());
        while (true) {
            try (SocketChannel c = server.accept()) {
                ByteBuffer buf = ByteBuffer.allocate(8192);
                c.read(buf);
                String request = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
                boolean ready = System.currentTimeMillis() >= readyAt;
                String body = ready ? "ok" : "not ready";
                int status = request.startsWith("GET /readyz ") && ready ? 200 : request.startsWith("GET /readyz ") ? 503 : 404;
                c.write(ByteBuffer.wrap(("HTTP/1.1 " + status + " X\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                        .getBytes(StandardCharsets.ISO_8859_1)));
            } catch (IOException closed) {
                return;
            }
        }
    }
}
