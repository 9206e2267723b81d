package io.rancherdesktop.rdd.controller.engine.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A Docker Engine API endpoint that answers from canned responses, on loopback TCP: fault injection for unit
 * tests only (a 500 on one inspect, a stream that closes, an engine that never answers). Behaviour against a
 * real engine is covered by the {@code *IT} tests.
 */
public final class FakeDockerEndpoint implements AutoCloseable {
    /** Handles one exchange completely (status, headers, body). */
    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private record Route(String method, Pattern path, Responder responder) {
    }

    private final HttpServer server;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> hits = new ConcurrentHashMap<>();

    public FakeDockerEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::dispatch);
        server.start();
    }

    public String endpoint() {
        return "tcp://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Routes {@code method} requests whose path (without query, without an API version prefix) matches. */
    public FakeDockerEndpoint on(String method, String pathRegex, Responder responder) {
        routes.addFirst(new Route(method, Pattern.compile(pathRegex), responder));
        return this;
    }

    public FakeDockerEndpoint json(String method, String pathRegex, int status, String body) {
        return on(method, pathRegex, ex -> send(ex, status, body));
    }

    public int hits(String method, String path) {
        return hits.getOrDefault(method + " " + path, 0);
    }

    public static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void dispatch(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath().replaceFirst("^/v1\\.\\d+", "");
        hits.merge(ex.getRequestMethod() + " " + path, 1, Integer::sum);
        for (Route r : routes) {
            if (r.method().equals(ex.getRequestMethod()) && r.path().matcher(path).matches()) {
                try {
                    r.responder().respond(ex);
                } finally {
                    ex.close();
                }
                return;
            }
        }
        send(ex, 404, "{\"message\":\"no route for " + ex.getRequestMethod() + " " + path + "\"}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
