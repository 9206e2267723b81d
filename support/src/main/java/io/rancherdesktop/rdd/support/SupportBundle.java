package io.rancherdesktop.rdd.support;

import io.rancherdesktop.rdd.BuildInfo;
import io.rancherdesktop.rdd.wire.HttpRequest;
import io.rancherdesktop.rdd.wire.HttpResponse;
import io.rancherdesktop.rdd.wire.Json;
import io.rancherdesktop.rdd.wire.UnixHttpClient;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.ServiceStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Collects a support bundle for one instance into a zip: a manifest, the service status and paths, the instance
 * configuration (args.json and the control-plane kubeconfig), the relevant environment, every file in the log
 * dir (each cut to its newest {@link Options#maxLogBytes()}), and, while the service runs, the App, the
 * VirtualMachine, the ContainerNamespaces, the Events, {@code /version}, {@code /readyz?verbose} and
 * {@code /metrics} read over the Unix socket. Everything passes through a {@link Redactor} that knows the
 * instance's token and keys; nothing is read from the TLS dir except to learn what to remove.
 *
 * <p>A zip rather than a .tar.gz: the JDK writes it without another library, and Windows and macOS open it
 * from the file manager. It never starts the service (a bundle is most needed when the service does not start),
 * and a part that fails is listed in the manifest instead of failing the bundle.
 */
public final class SupportBundle {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The API reads of a running service: bundle entry, then request path. */
    static final Map<String, String> API_READS = apiReads();

    /** Environment variables worth seeing (by prefix or name); secret-named ones are redacted. */
    private static final List<String> ENV_PREFIXES = List.of("RDD_", "DOCKER_", "KUBECONFIG", "JAVA_", "XDG_", "LANG", "LC_", "HOME", "USER", "SHELL", "PATH");

    /**
     * @param maxLogBytes    the newest bytes kept of each log file
     * @param requestTimeout the deadline of each API read (a hung service must not hang the bundle)
     */
    public record Options(long maxLogBytes, Duration requestTimeout) {
        public static final Options DEFAULTS = new Options(8L * 1024 * 1024, Duration.ofSeconds(5));
    }

    /** The written bundle and what went into it. */
    public record Result(Path file, boolean serviceRunning, List<BundleItem> items) {
        public List<BundleItem.Skipped> skipped() {
            return items.stream().filter(i -> i instanceof BundleItem.Skipped).map(i -> (BundleItem.Skipped) i).toList();
        }

        public List<BundleItem.Failed> failed() {
            return items.stream().filter(i -> i instanceof BundleItem.Failed).map(i -> (BundleItem.Failed) i).toList();
        }
    }

    private final InstancePaths paths;
    private final BuildInfo build;
    private final Map<String, String> env;
    private final Options options;
    private final UnixHttpClient client;

    public SupportBundle(InstancePaths paths, BuildInfo build, Map<String, String> env, Options options) {
        this.paths = paths;
        this.build = build;
        this.env = Map.copyOf(env);
        this.options = options;
        this.client = new UnixHttpClient(paths.apiSocket(), "rdd-bundle");
    }

    /** {@code rdd-bundle-<instance name>-<UTC time>.zip}. */
    public static String defaultFileName(InstancePaths paths, Instant now) {
        return "rdd-bundle-" + paths.instance().name() + "-" + STAMP.format(now) + ".zip";
    }

    /**
     * Writes the bundle to {@code target} (which must not exist), owner-readable only, atomically: a failure
     * leaves no partial file.
     *
     * @param progress told the name of each part as it is collected
     */
    public Result write(Path target, Instant now, Consumer<String> progress) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "the bundle file already exists");
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".partial");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Result result;
        try {
            try (OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING);
                 ZipOutputStream zip = new ZipOutputStream(os, StandardCharsets.UTF_8)) {
                String root = target.getFileName().toString().replaceFirst("\\.zip$", "") + "/";
                result = new Collection(zip, root, progress).run(target, now);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return result;
    }

    /** The literal secrets this instance holds: its token and the private keys in the TLS dir. */
    Set<String> knownSecrets() {
        Set<String> s = new HashSet<>();
        readQuietly(paths.tlsDir().resolve("token")).ifPresent(s::add);
        try (Stream<Path> files = Files.list(paths.tlsDir())) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".key")).toList()) {
                readQuietly(f).ifPresent(pem -> pem.lines()
                        .filter(l -> !l.startsWith("-----") && l.length() >= 16)
                        .forEach(s::add));
            }
        } catch (IOException e) {
            // no TLS dir yet: nothing to know
        }
        readQuietly(paths.config()).ifPresent(cfg -> cfg.lines().map(String::strip)
                .filter(l -> l.startsWith("token:")).map(l -> l.substring("token:".length()).strip())
                .forEach(s::add));
        return s;
    }

    private static java.util.Optional<String> readQuietly(Path p) {
        try {
            return java.util.Optional.of(Files.readString(p).strip()).filter(v -> !v.isEmpty());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static Map<String, String> apiReads() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("api/version.json", "/version");
        m.put("api/readyz.txt", "/readyz?verbose");
        m.put("api/metrics.txt", "/metrics");
        m.put("api/apps.json", "/apis/app.rancherdesktop.io/v1alpha1/apps");
        m.put("api/virtualmachines.json", "/apis/vm.rancherdesktop.io/v1alpha1/virtualmachines");
        m.put("api/containernamespaces.json", "/apis/containers.rancherdesktop.io/v1alpha1/containernamespaces");
        m.put("api/events.json", "/api/v1/events");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** One run of the collection: the zip being written and the items so far. */
    private final class Collection {
        private final ZipOutputStream zip;
        private final String root;
        private final Consumer<String> progress;
        private final Redactor redactor;
        private final List<BundleItem> items = new ArrayList<>();

        Collection(ZipOutputStream zip, String root, Consumer<String> progress) {
            this.zip = zip;
            this.root = root;
            this.progress = progress;
            this.redactor = new Redactor(knownSecrets());
        }

        Result run(Path target, Instant now) throws IOException {
            ServiceStatus status = ServiceStatus.of(paths);
            text("status.txt", statusText(status));
            text("paths.txt", pathsText());
            text("environment.txt", environmentText());
            file("config/args.json", paths.argsFile(), "the instance has not been created");
            file("config/config.yaml", paths.config(), "the service has not written its kubeconfig (it is not running)");
            logs();
            if (status.running()) {
                for (var e : API_READS.entrySet()) {
                    api(e.getKey(), e.getValue());
                }
            } else {
                API_READS.keySet().forEach(name -> items.add(new BundleItem.Skipped(name, "the service is not running")));
            }
            engineVersion();
            manifest(status, now);
            return new Result(target, status.running(), List.copyOf(items));
        }

        private String statusText(ServiceStatus st) {
            String n = Json.quote(paths.instance().name());
            return n + " control plane has been created: " + st.created() + "\n"
                    + n + " control plane has been started: " + st.running() + "\n"
                    + n + " control plane PID is: " + st.pid().orElse(0) + "\n"
                    + st.startedAt().map(t -> n + " control plane started at: " + t + "\n").orElse("");
        }

        private String pathsText() {
            Map<String, String> all = paths.byKey();
            int width = all.keySet().stream().mapToInt(String::length).max().orElse(0);
            StringBuilder sb = new StringBuilder();
            all.forEach((k, v) -> sb.append(k).append(" ".repeat(width - k.length() + 2)).append(v).append('\n'));
            return sb.toString();
        }

        private String environmentText() {
            StringBuilder sb = new StringBuilder();
            new TreeMap<>(env).forEach((k, v) -> {
                // Secret-named: the bundle's own rule, and the one the GUI masks container env with (wire.SecretEnv).
                boolean secret = Redactor.isSecretKey(k) || io.rancherdesktop.rdd.wire.SecretEnv.isSecretName(k);
                if (ENV_PREFIXES.stream().anyMatch(k::startsWith) || secret) {
                    sb.append(k).append('=').append(secret ? Redactor.REDACTED : v).append('\n');
                }
            });
            return sb.toString();
        }

        private void file(String name, Path source, String absentReason) {
            progress.accept(name);
            if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                items.add(new BundleItem.Skipped(name, absentReason));
                return;
            }
            try {
                add(name, Files.readString(source, StandardCharsets.UTF_8), false);
            } catch (IOException | RuntimeException e) {
                items.add(new BundleItem.Failed(name, e.toString()));
            }
        }

        /** Every regular file under log_dir (symbolic links are not followed: they could point anywhere). */
        private void logs() throws IOException {
            Path logDir = paths.logDir();
            if (!Files.isDirectory(logDir, LinkOption.NOFOLLOW_LINKS)) {
                items.add(new BundleItem.Skipped("logs/", "there is no log dir " + logDir));
                return;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(logDir, 4, new FileVisitOption[0])) {
                files = walk.filter(p -> !p.equals(logDir)).sorted().toList();
            } catch (IOException | RuntimeException e) {
                items.add(new BundleItem.Failed("logs/", e.toString()));
                return;
            }
            for (Path f : files) {
                String name = "logs/" + logDir.relativize(f).toString().replace('\\', '/');
                if (Files.isSymbolicLink(f)) {
                    items.add(new BundleItem.Skipped(name, "a symbolic link (not followed)"));
                } else if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    progress.accept(name);
                    try {
                        Tail tail = tail(f, options.maxLogBytes());
                        add(name, tail.text(), tail.truncated());
                    } catch (IOException | RuntimeException e) {
                        items.add(new BundleItem.Failed(name, e.toString()));
                    }
                }
            }
        }

        private void api(String name, String path) {
            progress.accept(name);
            try {
                HttpResponse r = client.send(HttpRequest.get(path).withHeader("Accept", "application/json"), options.requestTimeout());
                String body = r.bodyText();
                if (r.status() != 200) {
                    items.add(new BundleItem.Failed(name, "GET " + path + ": HTTP " + r.status() + ": " + firstLine(redactor.apply(body))));
                    return;
                }
                if (name.endsWith(".json")) {
                    int[] count = {0};
                    Object tree = redactor.redactTree(Json.parse(body), count);
                    byte[] bytes = (Json.writeIndented(tree, "  ") + "\n").getBytes(StandardCharsets.UTF_8);
                    entry(name, bytes);
                    items.add(new BundleItem.Collected(name, bytes.length, false, count[0]));
                } else {
                    add(name, body, false);
                }
            } catch (IOException | RuntimeException e) {
                items.add(new BundleItem.Failed(name, "GET " + path + ": " + e));
            }
        }

        /** The engine's own {@code /version} over its socket, when the instance's engine socket exists (the API does not carry it). */
        private void engineVersion() {
            String name = "engine/version.json";
            Path socket = Path.of(paths.dockerSocket());
            if (paths.platform() == io.rancherdesktop.rdd.instance.Platform.WINDOWS || !Files.exists(socket)) {
                items.add(new BundleItem.Skipped(name, "there is no engine socket " + paths.dockerSocket()));
                return;
            }
            progress.accept(name);
            try {
                HttpResponse r = new UnixHttpClient(socket, "rdd-bundle").send(HttpRequest.get("/version"), options.requestTimeout());
                if (r.status() != 200) {
                    items.add(new BundleItem.Failed(name, "GET /version: HTTP " + r.status()));
                    return;
                }
                int[] count = {0};
                byte[] bytes = (Json.writeIndented(redactor.redactTree(Json.parse(r.bodyText()), count), "  ") + "\n").getBytes(StandardCharsets.UTF_8);
                entry(name, bytes);
                items.add(new BundleItem.Collected(name, bytes.length, false, count[0]));
            } catch (IOException | RuntimeException e) {
                items.add(new BundleItem.Failed(name, "GET /version on " + socket + ": " + e));
            }
        }

        private void text(String name, String content) throws IOException {
            progress.accept(name);
            add(name, content, false);
        }

        private void add(String name, String content, boolean truncated) throws IOException {
            Redactor.Result r = redactor.redact(content);
            byte[] bytes = r.text().getBytes(StandardCharsets.UTF_8);
            entry(name, bytes);
            items.add(new BundleItem.Collected(name, bytes.length, truncated, r.redactions()));
        }

        private void entry(String name, byte[] bytes) throws IOException {
            zip.putNextEntry(new ZipEntry(root + name));
            zip.write(bytes);
            zip.closeEntry();
        }

        private void manifest(ServiceStatus status, Instant now) throws IOException {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rddVersion", build.version());
            m.put("gitCommit", build.gitCommit());
            m.put("buildDate", build.buildDate());
            m.put("jdk", Runtime.version().toString() + " (" + System.getProperty("java.vendor", "unknown") + ", " + System.getProperty("java.vm.name", "") + ")");
            m.put("os", System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", "") + " " + System.getProperty("os.arch", ""));
            m.put("instance", paths.instance().name());
            m.put("createdAt", now.toString());
            m.put("serviceCreated", status.created());
            m.put("serviceRunning", status.running());
            List<Object> collected = new ArrayList<>();
            List<Object> skipped = new ArrayList<>();
            List<Object> failed = new ArrayList<>();
            for (BundleItem i : items) {
                switch (i) {
                    case BundleItem.Collected c -> collected.add(ordered("name", c.name(), "bytes", c.bytes(), "truncated", c.truncated(), "redactions", c.redactions()));
                    case BundleItem.Skipped s -> skipped.add(ordered("name", s.name(), "reason", s.reason()));
                    case BundleItem.Failed f -> failed.add(ordered("name", f.name(), "error", redactor.apply(f.error())));
                }
            }
            m.put("collected", collected);
            m.put("skipped", skipped);
            m.put("failed", failed);
            entry("manifest.json", (Json.writeIndented(m, "  ") + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /** The newest part of a file. */
    record Tail(String text, boolean truncated) {
    }

    /** At most {@code max} bytes from the end of the file, starting at a line boundary when cut. */
    static Tail tail(Path file, long max) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size <= max) {
                ByteBuffer buf = ByteBuffer.allocate((int) size);
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    // read it all
                }
                return new Tail(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8), false);
            }
            ByteBuffer buf = ByteBuffer.allocate((int) max);
            ch.position(size - max);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read the tail
            }
            byte[] b = buf.array();
            int start = 0;
            while (start < buf.position() && b[start] != '\n') {
                start++;
            }
            start = Math.min(start + 1, buf.position());
            String text = new String(b, start, buf.position() - start, StandardCharsets.UTF_8);
            return new Tail("[rdd svc bundle: the first " + (size - max + start) + " of " + size + " bytes were left out]\n" + text, true);
        }
    }
}
