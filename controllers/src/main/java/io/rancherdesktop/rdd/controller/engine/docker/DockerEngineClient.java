package io.rancherdesktop.rdd.controller.engine.docker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection pool to a Docker engine: the docker-java client plus the raw calls docker-java lacks
 * (volume {@code CreatedAt}/{@code Scope}, volume removal with {@code force}, a container stop without {@code t}, image history). The endpoint comes from the instance ({@code unix://<shortDir>/docker.sock},
 * docs/design/mirroring-rules.md §1.5); nothing here knows a path.
 */
public final class DockerEngineClient implements AutoCloseable {
    private static final ObjectReader JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).reader();

    private final String endpoint;
    private final DockerHttpClient http;
    private final DockerClient docker;
    /** Image ID → history. An image ID names its content, so its history never changes: read once per connection. */
    private final Map<String, List<DockerHistoryItem>> histories = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<DockerHistoryItem>> eldest) {
            return size() > HISTORY_CACHE_SIZE;
        }
    });
    private static final int HISTORY_CACHE_SIZE = 2048;

    private DockerEngineClient(String endpoint, DockerHttpClient http, DockerClient docker) {
        this.endpoint = endpoint;
        this.http = http;
        this.docker = docker;
    }

    /**
     * Builds a client for {@code endpoint} ({@code unix:///…}, {@code tcp://…}, {@code npipe://…}). Building does
     * not contact the engine; {@link #ping} does.
     *
     * @throws IllegalArgumentException for a blank or malformed endpoint
     */
    public static DockerEngineClient open(String endpoint, EngineClientSettings settings) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("the Docker endpoint is empty");
        }
        Objects.requireNonNull(settings, "settings");
        DefaultDockerClientConfig config;
        try {
            config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint).build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid Docker endpoint \"" + endpoint + "\": " + e.getMessage(), e);
        }
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .connectionTimeout(settings.connectTimeout())
                .responseTimeout(settings.responseTimeout())
                .maxConnections(settings.maxConnections())
                .build();
        return new DockerEngineClient(endpoint, http, DockerClientImpl.getInstance(config, http));
    }

    public String endpoint() {
        return endpoint;
    }

    public DockerClient docker() {
        return docker;
    }

    /**
     * {@code GET /_ping}, failing after {@code timeout} even if the engine accepts the connection and never
     * answers (docs/design/mirroring-rules.md §3.1).
     *
     * @throws EngineUnavailableException when the engine does not answer in time or answers with an error
     */
    public void ping(Duration timeout) {
        CompletableFuture<Void> ping = CompletableFuture.runAsync(() -> docker.pingCmd().exec(),
                r -> Thread.ofVirtual().name("docker-ping").start(r));
        try {
            ping.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ping.cancel(true);
            throw new EngineUnavailableException("Docker engine at " + endpoint + " did not answer /_ping within " + timeout, e);
        } catch (ExecutionException e) {
            throw new EngineUnavailableException("Docker engine at " + endpoint + " did not answer /_ping: "
                    + EngineErrors.message(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted pinging the Docker engine at " + endpoint, e);
        }
    }

    /**
     * {@code GET /images/{id}/history}, newest step first; empty when the engine has no such image. Cached per image ID
     * (content-addressed, so immutable) for the life of this client.
     */
    public Optional<List<DockerHistoryItem>> imageHistory(String imageId) {
        List<DockerHistoryItem> known = histories.get(imageId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<List<DockerHistoryItem>> read = get("/images/" + URLEncoder.encode(imageId, StandardCharsets.UTF_8) + "/history",
                DockerHistoryItem[].class).map(items -> List.of(items));
        read.ifPresent(items -> histories.put(imageId, items));
        return read;
    }

    /** All volumes ({@code GET /volumes}). */
    public List<DockerVolume> listVolumes() {
        VolumeList list = get("/volumes", VolumeList.class)
                .orElseThrow(() -> new EngineCallException("GET /volumes", 404, "volume list not found"));
        return list.volumes() == null ? List.of() : List.copyOf(list.volumes());
    }

    /** One volume; empty when the engine has no volume of that name. */
    public Optional<DockerVolume> inspectVolume(String name) {
        return get("/volumes/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"), DockerVolume.class);
    }

    /**
     * {@code DELETE /volumes/{name}?force=…} (docker-java's volume removal has no {@code force}). Force makes dockerd
     * purge a volume its driver lost; a volume in use by a container is still refused (409).
     *
     * @return false when the engine has no volume of that name
     * @throws EngineCallException for any other error status
     */
    public boolean removeVolume(String name, boolean force) {
        String path = "/volumes/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "?force=" + force;
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.DELETE).path(path).build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            int status = response.getStatusCode();
            if (status == 404) {
                return false;
            }
            byte[] bytes = body.readAllBytes();
            if (status / 100 != 2) {
                throw new EngineCallException("DELETE " + path, status, errorMessage(bytes));
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("DELETE " + path + " on " + endpoint, e);
        }
    }

    /**
     * {@code POST /containers/{id}/stop}, with {@code t} only when {@code timeout} is given. Without it the engine
     * waits for the container's own stop timeout ({@code Config.StopTimeout}, else its default of 10 s), as
     * {@code docker stop} without {@code -t} does; docker-java always sends {@code t} (10 unless told otherwise).
     *
     * @param timeout seconds before SIGKILL; null for the container's own
     * @return false when the container was not running (304)
     * @throws EngineCallException for any error status (404 when there is no such container)
     */
    public boolean stopContainer(String id, Duration timeout) {
        String path = "/containers/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/stop"
                + (timeout == null ? "" : "?t=" + timeout.toSeconds());
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST).path(path).build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            int status = response.getStatusCode();
            byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
            if (status == 304) {
                return false;
            }
            if (status / 100 != 2) {
                throw new EngineCallException("POST " + path, status, errorMessage(bytes));
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " on " + endpoint, e);
        }
    }

    private <T> Optional<T> get(String path, Class<T> type) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path(path).build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            int status = response.getStatusCode();
            if (status == 404) {
                return Optional.empty();
            }
            byte[] bytes = body.readAllBytes();
            if (status / 100 != 2) {
                throw new EngineCallException("GET " + path, status, errorMessage(bytes));
            }
            return Optional.of(JSON.readValue(bytes, type));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " on " + endpoint, e);
        }
    }

    private static String errorMessage(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        try {
            var node = JSON.readTree(text);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException notJson) {
            // the raw text is the best we have
        }
        return text;
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Docker client for " + endpoint, e);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record VolumeList(@JsonProperty("Volumes") List<DockerVolume> volumes) {
    }
}
