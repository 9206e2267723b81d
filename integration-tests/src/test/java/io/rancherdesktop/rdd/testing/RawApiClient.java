package io.rancherdesktop.rdd.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A thin HTTPS client for API tests that need status codes, headers and exact bodies: it trusts only the
 * service's CA and sends the bearer token (unless told not to).
 */
public final class RawApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final String token;
    private final HttpClient http;

    /** One response: status, headers and the body (parsed as JSON when it is JSON). */
    public record Reply(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return body.isEmpty() ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public List<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst().map(Map.Entry::getValue).orElse(List.of());
        }

        /** {@code Status.reason} of an error reply. */
        public String reason() {
            return json().path("reason").asText("");
        }
    }

    public RawApiClient(String base, X509Certificate ca, String token) {
        this.base = base;
        this.token = token;
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("building the test HTTPS client", e);
        }
    }

    /** A client for the server of a kubeconfig written by the service (server, CA data and token of its only user). */
    public static RawApiClient fromKubeconfig(java.nio.file.Path kubeconfig) {
        try {
            JsonNode cfg = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(kubeconfig.toFile());
            JsonNode cluster = cfg.path("clusters").get(0).path("cluster");
            byte[] ca = java.util.Base64.getDecoder().decode(cluster.path("certificate-authority-data").asText());
            X509Certificate cert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(ca));
            return new RawApiClient(cluster.path("server").asText(), cert, cfg.path("users").get(0).path("user").path("token").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + kubeconfig, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the CA in " + kubeconfig + " is unreadable", e);
        }
    }

    public String base() {
        return base;
    }

    /** The bearer token this client sends. */
    public String token() {
        return token;
    }

    public HttpClient http() {
        return http;
    }

    public Reply get(String path) {
        return send("GET", path, null, null, true, Map.of());
    }

    public Reply get(String path, Map<String, String> headers) {
        return send("GET", path, null, null, true, headers);
    }

    public Reply post(String path, String body) {
        return send("POST", path, "application/json", body, true, Map.of());
    }

    public Reply put(String path, String body) {
        return send("PUT", path, "application/json", body, true, Map.of());
    }

    public Reply patch(String path, String contentType, String body) {
        return send("PATCH", path, contentType, body, true, Map.of());
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null, true, Map.of());
    }

    public Reply delete(String path, String body) {
        return send("DELETE", path, "application/json", body, true, Map.of());
    }

    /** Any request; {@code withToken=false} sends no Authorization header. */
    public Reply send(String method, String path, String contentType, String body, boolean withToken, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (withToken) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
