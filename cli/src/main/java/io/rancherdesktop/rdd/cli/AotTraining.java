package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.instance.ArgsFile;
import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.PidFile;
import io.rancherdesktop.rdd.instance.ServiceArgs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run for the JDK's AOT cache ({@code scripts/build-aot-cache.sh}): runs the CLI's hot commands in
 * one JVM so that {@code -XX:AOTCacheOutput} records the classes, linked call sites and profiles they use:
 * {@code version}, {@code svc paths}, {@code svc status} and {@code ctl get} in its table, name, json and yaml
 * forms. {@code ctl get} talks to a canned API on the instance's Unix socket served by this JVM (it holds the PID
 * file like a service), so training needs no real service and takes a second or two. Run it with a throw-away
 * {@code user.home}. A failing command fails the training (exit 1), so a broken cache is never written silently.
 */
public final class AotTraining {
    private static final List<List<String>> COMMANDS = List.of(
            List.of("version"), List.of("--version=raw"), List.of("svc", "paths"), List.of("svc", "paths", "-o", "json"),
            List.of("svc", "paths", "dir"), List.of("svc", "status"),
            List.of("ctl", "get", "configmaps", "-n", "default"), List.of("ctl", "get", "configmaps", "-n", "default", "-o", "name"),
            List.of("ctl", "get", "cm", "-o", "json"), List.of("ctl", "get", "configmap", "-A", "-o", "yaml"),
            List.of("ctl", "get", "configmaps", "-o", "jsonpath={.items[*].metadata.name}"));

    private AotTraining() {
    }

    public static void main(String[] argv) throws Exception {
        RddMain.configureShortLivedProcess(new String[] {"version"});
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(Instance.ENV_INSTANCE, "aot-training");
        env.remove(InstancePaths.ENV_LOG_DIR);
        InstancePaths paths = InstancePaths.forInstance(new Instance("aot-training"));
        ArgsFile.write(paths.argsFile(), ServiceArgs.forCreate(paths.instance(), List.of(), "*", null, 0));
        Files.createDirectories(paths.shortDir());
        Files.deleteIfExists(paths.apiSocket());
        try (PidFile pid = PidFile.acquire(paths.pidFile()).orElseThrow(() -> new IllegalStateException("training instance busy"));
             ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(paths.apiSocket()));
            Thread api = Thread.ofPlatform().daemon().name("canned-api").start(() -> serve(server));
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true);
            for (int round = 0; round < 3; round++) { // a few rounds so the profiles see each path more than once
                for (List<String> c : COMMANDS) {
                    int rc = RddMain.run(c.toArray(String[]::new), env, discard);
                    if (rc != 0) {
                        System.err.println("AOT training: \"" + String.join(" ", c) + "\" exited " + rc);
                        System.exit(1);
                    }
                }
            }
            api.interrupt();
        } finally {
            ServiceControl.deleteTree(paths.dir());
            ServiceControl.deleteTree(paths.shortDir());
            ServiceControl.deleteTree(paths.logDir());
        }
    }

    private static void serve(ServerSocketChannel server) {
        while (true) {
            try (SocketChannel c = server.accept()) {
                InputStream in = Channels.newInputStream(c);
                String requestLine = readHead(in);
                String[] parts = requestLine.split(" ");
                String path = parts.length > 1 ? parts[1] : "/";
                boolean table = requestLine.contains("as=Table");
                String body = respond(path.contains("?") ? path.substring(0, path.indexOf('?')) : path, table);
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                OutputStream out = Channels.newOutputStream(c);
                // Chunked like a real list response, so the decoder is trained too.
                out.write(("HTTP/1.1 " + (body.isEmpty() ? 404 : 200) + " OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                if (bytes.length > 0) {
                    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(bytes);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The request line and headers (returned as one string, for the Accept header). */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int prev3 = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            sb.append((char) b);
            prev3 = (prev3 << 8 | b) & 0xffffffff;
            if (prev3 == 0x0d0a0d0a) {
                break;
            }
        }
        return sb.toString();
    }

    private static String respond(String path, boolean table) {
        String cm = "{\"metadata\":{\"name\":\"kube-root-ca.crt\",\"namespace\":\"default\",\"uid\":\"u1\",\"resourceVersion\":\"7\","
                + "\"creationTimestamp\":\"2025-01-01T00:00:00Z\",\"labels\":{\"a\":\"b\"}},\"data\":{\"ca.crt\":\"x\\ny\\n\"}}";
        return switch (path) {
            case "/readyz" -> "ok";
            case "/api" -> "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}";
            case "/apis" -> "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
            case "/api/v1" -> "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
                    + "{\"name\":\"configmaps\",\"singularName\":\"configmap\",\"namespaced\":true,\"kind\":\"ConfigMap\",\"verbs\":[\"get\",\"list\",\"watch\"],\"shortNames\":[\"cm\"]},"
                    + "{\"name\":\"namespaces\",\"singularName\":\"namespace\",\"namespaced\":false,\"kind\":\"Namespace\",\"verbs\":[\"get\",\"list\"],\"shortNames\":[\"ns\"]}]}";
            case "/api/v1/namespaces/default/configmaps", "/api/v1/configmaps" -> table
                    ? "{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{\"resourceVersion\":\"9\"},\"columnDefinitions\":["
                    + "{\"name\":\"Name\",\"type\":\"string\",\"format\":\"name\",\"priority\":0},{\"name\":\"Data\",\"type\":\"integer\",\"priority\":0},"
                    + "{\"name\":\"Age\",\"type\":\"string\",\"priority\":0}],\"rows\":[{\"cells\":[\"kube-root-ca.crt\",1,\"5m\"],\"object\":" + cm + "}]}"
                    : "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"9\"},\"items\":[" + cm + "]}";
            default -> "";
        };
    }
}
