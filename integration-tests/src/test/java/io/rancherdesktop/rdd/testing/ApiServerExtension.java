package io.rancherdesktop.rdd.testing;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.rancherdesktop.rdd.admission.AdmissionPlugin;
import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import io.rancherdesktop.rdd.service.ServiceRuntime;
import io.rancherdesktop.rdd.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A fresh embedded API server per test class, on a private temp directory (its own instance paths, store,
 * TLS material, Unix socket and an OS-assigned HTTPS port), with a ready fabric8 {@link KubernetesClient}
 * built from the kubeconfig the service wrote.
 *
 * <p>Plain use: {@code @ExtendWith(ApiServerExtension.class)} and a {@link KubernetesClient} (or
 * {@link ApiServerExtension.Running}) parameter. The server serves the class-path CRDs
 * ({@code META-INF/fabric8/*-v1.yml}), the test CRDs under {@code src/test/resources/crds}, and the admission
 * plugins registered with {@link ServiceLoader}. For other settings register it as a field:
 * <pre>{@code @RegisterExtension static ApiServerExtension api = ApiServerExtension.builder().admission(List.of(myPlugin)).build();}</pre>
 * and use {@code api.running()} (in tests) or parameters.
 */
public final class ApiServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ApiServerExtension.class);

    private final List<AdmissionPlugin> admission;
    private final boolean serviceLoaderAdmission;
    private final List<Path> extraCrdDirs;
    private final ObjectStore.Options storeOptions;
    private final Duration bookmarkInterval;
    private Running running;

    /** The default configuration (used by {@code @ExtendWith}). */
    public ApiServerExtension() {
        this(List.of(), true, List.of(testCrdDirectory()), ObjectStore.Options.DEFAULT, Duration.ofMinutes(1));
    }

    private ApiServerExtension(List<AdmissionPlugin> admission, boolean serviceLoaderAdmission, List<Path> extraCrdDirs,
                               ObjectStore.Options storeOptions, Duration bookmarkInterval) {
        this.admission = List.copyOf(admission);
        this.serviceLoaderAdmission = serviceLoaderAdmission;
        this.extraCrdDirs = List.copyOf(extraCrdDirs);
        this.storeOptions = storeOptions;
        this.bookmarkInterval = bookmarkInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings for {@code @RegisterExtension}. */
    public static final class Builder {
        private List<AdmissionPlugin> admission = List.of();
        private boolean serviceLoaderAdmission = true;
        private final List<Path> crdDirs = new ArrayList<>(List.of(testCrdDirectory()));
        private ObjectStore.Options storeOptions = ObjectStore.Options.DEFAULT;
        private Duration bookmarkInterval = Duration.ofMinutes(1);

        /** Exactly these admission plugins (instead of the ServiceLoader ones). */
        public Builder admission(List<AdmissionPlugin> plugins) {
            this.admission = List.copyOf(plugins);
            this.serviceLoaderAdmission = false;
            return this;
        }

        public Builder extraCrds(Path dir) {
            crdDirs.add(dir);
            return this;
        }

        public Builder storeOptions(ObjectStore.Options options) {
            this.storeOptions = options;
            return this;
        }

        public Builder bookmarkInterval(Duration interval) {
            this.bookmarkInterval = interval;
            return this;
        }

        public ApiServerExtension build() {
            return new ApiServerExtension(admission, serviceLoaderAdmission, crdDirs, storeOptions, bookmarkInterval);
        }
    }

    /** A running server and what tests need to talk to it. Closed by JUnit after the class. */
    public static final class Running implements AutoCloseable {
        private final Path home;
        private final ServiceRuntime runtime;
        private final KubernetesClient client;
        private final RawApiClient raw;

        Running(Path home, ServiceRuntime runtime, KubernetesClient client) {
            this.home = home;
            this.runtime = runtime;
            this.client = client;
            this.raw = new RawApiClient(runtime.serverUrl(), runtime.tls().caCertificate(), runtime.tls().token());
        }

        public ServiceRuntime runtime() {
            return runtime;
        }

        /** A fabric8 client over HTTPS with the service's kubeconfig. */
        public KubernetesClient client() {
            return client;
        }

        /** A plain HTTP client for status codes, headers and raw bodies. */
        public RawApiClient raw() {
            return raw;
        }

        public InstancePaths paths() {
            return runtime.paths();
        }

        @Override
        public void close() {
            try {
                client.close();
            } finally {
                try {
                    runtime.close();
                } finally {
                    deleteTree(home);
                }
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path home = Files.createTempDirectory("rdd-api-");
        InstancePaths paths = new InstancePaths(new Instance("t"), Platform.current(), home, Map.of());
        List<AdmissionPlugin> plugins = new ArrayList<>(admission);
        if (serviceLoaderAdmission) {
            ServiceLoader.load(AdmissionPlugin.class).forEach(plugins::add);
        }
        ServiceRuntime.Options options = ServiceRuntime.Options.defaults(paths.instance())
                .withSecurePort(0)
                .withAdmission(plugins)
                .withExtraCrdDirs(extraCrdDirs)
                .withStoreOptions(storeOptions)
                .withBookmarkInterval(bookmarkInterval);
        ServiceRuntime runtime;
        try {
            runtime = ServiceRuntime.start(paths, options);
        } catch (RuntimeException e) {
            deleteTree(home);
            throw e;
        }
        Config config = Config.fromKubeconfig(Files.readString(runtime.kubeconfig()));
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        running = new Running(home, runtime, client);
        context.getStore(NS).put("running", running);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        running = null; // JUnit closes the stored resource
    }

    /** The server of the current test class (for {@code @RegisterExtension} fields). */
    public Running running() {
        if (running == null) {
            throw new IllegalStateException("the API server runs only between beforeAll and afterAll");
        }
        return running;
    }

    @Override
    public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
        Class<?> t = pc.getParameter().getType();
        return t == KubernetesClient.class || t == Running.class || t == ServiceRuntime.class || t == RawApiClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
        Running r = ec.getStore(NS).get("running", Running.class);
        if (r == null) {
            r = running();
        }
        Class<?> t = pc.getParameter().getType();
        if (t == KubernetesClient.class) {
            return r.client();
        }
        if (t == ServiceRuntime.class) {
            return r.runtime();
        }
        if (t == RawApiClient.class) {
            return r.raw();
        }
        return r;
    }

    /** {@code src/test/resources/crds} as it sits on the test class path. */
    public static Path testCrdDirectory() {
        URL url = ApiServerExtension.class.getClassLoader().getResource("crds/test-crds.yaml");
        if (url == null) {
            throw new IllegalStateException("crds/test-crds.yaml is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + root, e);
        }
    }
}
