package io.rancherdesktop.rdd.instance;

import io.rancherdesktop.rdd.wire.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The Docker CLI context of an instance (docs/engine-mirroring.md "Docker CLI context"): a context named after the
 * instance in the Docker config of the user the service runs as ({@code $DOCKER_CONFIG}, else {@code ~/.docker}),
 * pointing at the instance's engine socket. It is made the current context only when the current one does not answer;
 * on removal the previous current context is restored, and only if the current context still names ours. Other
 * contexts are never touched.
 *
 * <p>Files, as the Docker CLI keeps them: {@code config.json} ({@code currentContext}) and
 * {@code contexts/meta/<sha256 of the name>/meta.json}. What was current before we switched is remembered in the
 * instance's own {@code stateFile}, so a restart of the service can still restore it.
 */
public final class DockerCliContext {
    /** The endpoint the Docker CLI uses for the {@code default} context when {@code DOCKER_HOST} is not set. */
    public static final String DEFAULT_ENDPOINT = "unix:///var/run/docker.sock";

    private final Path configDir;
    private final String name;
    private final Path stateFile;
    private final String defaultEndpoint;

    /**
     * @param configDir       the Docker config directory ({@link #configDir(Map, Path)})
     * @param name            the context's name (the instance's {@link Instance#contextName()})
     * @param stateFile       where the previous current context is remembered (in the instance's directory)
     * @param defaultEndpoint what the {@code default} context means: {@code DOCKER_HOST} of the service, else {@link #DEFAULT_ENDPOINT}
     */
    public DockerCliContext(Path configDir, String name, Path stateFile, String defaultEndpoint) {
        this.configDir = configDir;
        this.name = name;
        this.stateFile = stateFile;
        this.defaultEndpoint = defaultEndpoint;
    }

    /** The context of {@code paths}' instance in the Docker config of {@code env}'s user. */
    public static DockerCliContext of(InstancePaths paths, Map<String, String> env) {
        String dockerHost = env.get("DOCKER_HOST");
        return new DockerCliContext(configDir(env, paths.home()), paths.instance().contextName(), paths.dir().resolve("docker-context.json"),
                dockerHost == null || dockerHost.isBlank() ? DEFAULT_ENDPOINT : dockerHost);
    }

    /** {@code $DOCKER_CONFIG}, else {@code <home>/.docker}: where the Docker CLI of this user reads its config. */
    public static Path configDir(Map<String, String> env, Path home) {
        String d = env.get("DOCKER_CONFIG");
        return d == null || d.isBlank() ? home.resolve(".docker") : Path.of(d);
    }

    public String name() {
        return name;
    }

    /** What {@link #ensure} did. */
    public enum Outcome {
        /** The context was written (or already right) and another context that answers stays current. */
        WRITTEN,
        /** The context was written and made current, because the current one did not answer. */
        MADE_CURRENT,
        /** The context was written and was current already. */
        ALREADY_CURRENT
    }

    /**
     * Writes the context pointing at {@code endpoint} and makes it current when the current context's endpoint does not
     * answer ({@code answers}, e.g. {@link #answers(String, Duration)}).
     */
    public synchronized Outcome ensure(String endpoint, Predicate<String> answers) throws IOException {
        writeMeta(endpoint);
        Map<String, Object> config = readConfig();
        String current = string(config.get("currentContext"));
        if (name.equals(current)) {
            return Outcome.ALREADY_CURRENT;
        }
        Optional<String> currentEndpoint = current.isEmpty() || current.equals("default") ? Optional.of(defaultEndpoint) : endpointOf(current);
        if (currentEndpoint.isPresent() && answers.test(currentEndpoint.get())) {
            return Outcome.WRITTEN;
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("previousContext", current.isEmpty() ? null : current);
        writeAtomically(stateFile, Json.writeIndented(state, "  ") + "\n");
        config.put("currentContext", name);
        writeAtomically(configDir.resolve("config.json"), Json.writeIndented(config, "\t") + "\n");
        return Outcome.MADE_CURRENT;
    }

    /**
     * Removes the context; when it is the current one, restores what was current before we switched (if that context
     * still exists), else leaves no {@code currentContext} (the Docker CLI's default).
     */
    public synchronized void remove() throws IOException {
        Path meta = metaDir(name);
        Files.deleteIfExists(meta.resolve("meta.json"));
        Files.deleteIfExists(meta);
        Map<String, Object> config = readConfig();
        if (name.equals(string(config.get("currentContext")))) {
            String previous = previousContext();
            if (!previous.isEmpty() && (previous.equals("default") || Files.exists(metaDir(previous).resolve("meta.json")))) {
                config.put("currentContext", previous);
            } else {
                config.remove("currentContext");
            }
            writeAtomically(configDir.resolve("config.json"), Json.writeIndented(config, "\t") + "\n");
        }
        Files.deleteIfExists(stateFile);
    }

    /** Whether our context exists, and its endpoint. */
    public Optional<String> endpoint() {
        return endpointOf(name);
    }

    /** The {@code currentContext} of the Docker config ({@code ""} when none is set). */
    public String currentContext() throws IOException {
        return string(readConfig().get("currentContext"));
    }

    /** The docker endpoint of context {@code context}, if its metadata exists. */
    public Optional<String> endpointOf(String context) {
        try {
            Map<String, Object> meta = Json.parseObject(Files.readString(metaDir(context).resolve("meta.json")));
            Object endpoints = meta.get("Endpoints");
            if (endpoints instanceof Map<?, ?> e && e.get("docker") instanceof Map<?, ?> d && d.get("Host") instanceof String host) {
                return Optional.of(host);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Whether a Docker endpoint answers an HTTP request within {@code timeout}: {@code unix://} and {@code tcp://}
     * endpoints get {@code GET /_ping}; any HTTP status line counts (a TLS endpoint's 400 to plain HTTP too). Other
     * schemes ({@code ssh://}, {@code npipe://}) are assumed to answer: we cannot tell cheaply, so we leave them current.
     */
    public static boolean answers(String endpoint, Duration timeout) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        return switch (scheme) {
            case "unix" -> withTimeout(timeout, () -> {
                try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    ch.connect(UnixDomainSocketAddress.of(uri.getPath()));
                    return ping(Channels.newInputStream(ch), Channels.newOutputStream(ch));
                }
            });
            case "tcp", "http", "https" -> withTimeout(timeout, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()), (int) timeout.toMillis());
                    s.setSoTimeout((int) timeout.toMillis());
                    return ping(s.getInputStream(), s.getOutputStream());
                }
            });
            default -> true;
        };
    }

    private interface Probe {
        boolean run() throws IOException;
    }

    private static boolean withTimeout(Duration timeout, Probe probe) {
        // A Unix-domain channel has no connect or read timeout: the probe runs on a thread of its own and is abandoned.
        ExecutorService ex = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("docker-context-probe").factory());
        try {
            Future<Boolean> f = ex.submit(probe::run);
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return false;
        } finally {
            ex.shutdownNow();
        }
    }

    private static boolean ping(InputStream in, OutputStream out) throws IOException {
        out.write("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] head = in.readNBytes(12);
        return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.");
    }

    private void writeMeta(String endpoint) throws IOException {
        Map<String, Object> docker = new LinkedHashMap<>();
        docker.put("Host", endpoint);
        docker.put("SkipTLSVerify", false);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("Name", name);
        meta.put("Metadata", Map.of("Description", "rdd instance " + name));
        meta.put("Endpoints", Map.of("docker", docker));
        Path file = metaDir(name).resolve("meta.json");
        String text = Json.write(meta) + "\n";
        if (Files.exists(file) && Files.readString(file).equals(text)) {
            return;
        }
        writeAtomically(file, text);
    }

    private Path metaDir(String context) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(context.getBytes(StandardCharsets.UTF_8));
            return configDir.resolve("contexts").resolve("meta").resolve(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> readConfig() throws IOException {
        try {
            String text = Files.readString(configDir.resolve("config.json"));
            return text.isBlank() ? new LinkedHashMap<>() : new LinkedHashMap<>(Json.parseObject(text));
        } catch (NoSuchFileException absent) {
            return new LinkedHashMap<>();
        } catch (RuntimeException malformed) {
            throw new IOException("the Docker config " + configDir.resolve("config.json") + " is not valid JSON; it is left as it is: "
                    + malformed.getMessage(), malformed);
        }
    }

    private String previousContext() {
        try {
            return string(Json.parseObject(Files.readString(stateFile)).get("previousContext"));
        } catch (IOException | RuntimeException none) {
            return "";
        }
    }

    private static String string(Object o) {
        return o instanceof String s ? s : "";
    }

    /** Writes {@code text} through a temp file and a rename, owner-only like the Docker CLI's own files. */
    private static void writeAtomically(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".rdd-tmp");
        Files.writeString(tmp, text);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile directory is private already
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
