package io.rancherdesktop.rdd.service;

import io.rancherdesktop.rdd.instance.InProcessIdentities;

import io.rancherdesktop.rdd.admission.UserInfo;

import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.LaunchRecord;
import io.rancherdesktop.rdd.instance.PidFile;
import io.rancherdesktop.rdd.instance.PrivateFiles;
import io.rancherdesktop.rdd.instance.ServiceComponent;
import io.rancherdesktop.rdd.instance.ServiceContext;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.BuildInfo;
import io.rancherdesktop.rdd.admission.AdmissionPlugin;
import io.rancherdesktop.rdd.apiserver.AdmissionChain;
import io.rancherdesktop.rdd.apiserver.ApiServer;
import io.rancherdesktop.rdd.apiserver.ApiServerConfig;
import io.rancherdesktop.rdd.apiserver.BodyCodec;
import io.rancherdesktop.rdd.apiserver.CrdLoader;
import io.rancherdesktop.rdd.apiserver.GarbageCollector;
import io.rancherdesktop.rdd.apiserver.NamespaceLifecycle;
import io.rancherdesktop.rdd.apiserver.ReadinessChecks;
import io.rancherdesktop.rdd.apiserver.RequestScope;
import io.rancherdesktop.rdd.apiserver.ResourceDef;
import io.rancherdesktop.rdd.apiserver.ResourceOperations;
import io.rancherdesktop.rdd.apiserver.ResourceRegistry;
import io.rancherdesktop.rdd.apiserver.WebhookConfigurations;
import io.rancherdesktop.rdd.apiserver.WriteOptions;
import io.rancherdesktop.rdd.service.streams.ContainerStreams;
import io.rancherdesktop.rdd.service.tls.TlsMaterial;
import io.rancherdesktop.rdd.store.ObjectKey;
import io.rancherdesktop.rdd.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service bootstrap, the one place that wires the parts together: PID file → store → resources (builtin
 * kinds, class-path CRDs, extra CRD directories) → admission → API operations and the server's own
 * controllers (garbage collector, namespace lifecycle) → TLS material → API server (Unix socket + loopback
 * HTTPS) → kubeconfig → components (controllers) → readiness. {@link #close} undoes it in reverse order.
 */
public final class ServiceRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceRuntime.class);

    /**
     * @param securePort        the HTTPS port to try ({@code 0}: OS-assigned)
     * @param admission         the admission plugins, in order
     * @param classPathCrds     load {@code META-INF/fabric8/*-v1.yml} from the class path
     * @param extraCrdDirs      directories of additional CRD YAML files
     * @param storeOptions      history and watch-queue bounds
     * @param bookmarkInterval  how often watches that allow bookmarks get one
     * @param controllers       the {@code --controllers} specification, passed to components
     * @param components        started once the API is up
     */
    public record Options(int securePort, List<AdmissionPlugin> admission, boolean classPathCrds, List<Path> extraCrdDirs,
                          ObjectStore.Options storeOptions, Duration bookmarkInterval, String controllers, List<ServiceComponent> components) {
        public Options {
            admission = List.copyOf(admission);
            extraCrdDirs = List.copyOf(extraCrdDirs);
            components = List.copyOf(components);
        }

        public static Options defaults(Instance instance) {
            return new Options(instance.apiServerPort(), List.of(), true, List.of(), ObjectStore.Options.DEFAULT, Duration.ofMinutes(1), "*", List.of());
        }

        public Options withAdmission(List<AdmissionPlugin> plugins) {
            return new Options(securePort, plugins, classPathCrds, extraCrdDirs, storeOptions, bookmarkInterval, controllers, components);
        }

        public Options withExtraCrdDirs(List<Path> dirs) {
            return new Options(securePort, admission, classPathCrds, dirs, storeOptions, bookmarkInterval, controllers, components);
        }

        public Options withSecurePort(int port) {
            return new Options(port, admission, classPathCrds, extraCrdDirs, storeOptions, bookmarkInterval, controllers, components);
        }

        public Options withStoreOptions(ObjectStore.Options o) {
            return new Options(securePort, admission, classPathCrds, extraCrdDirs, o, bookmarkInterval, controllers, components);
        }

        public Options withBookmarkInterval(Duration d) {
            return new Options(securePort, admission, classPathCrds, extraCrdDirs, storeOptions, d, controllers, components);
        }

        public Options withControllers(String spec, List<ServiceComponent> comps) {
            return new Options(securePort, admission, classPathCrds, extraCrdDirs, storeOptions, bookmarkInterval, spec, comps);
        }
    }

    /** Another live process holds the instance's PID file. */
    public static final class AlreadyRunningException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AlreadyRunningException(String instanceName) {
            super("\"" + instanceName + "\" control plane is already running");
        }
    }

    private final InstancePaths paths;
    private final ReadinessChecks readiness = new ReadinessChecks();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private PidFile pidFile;
    private ObjectStore store;
    private ResourceRegistry registry;
    private ResourceOperations operations;
    private ApiServer apiServer;
    private TlsMaterial tls;
    private ContainerStreams containerStreams;
    /** The in-process controllers' tokens: new at every start, only in memory. */
    private final InProcessIdentities identities = InProcessIdentities.generate();
    private volatile boolean closed;

    private ServiceRuntime(InstancePaths paths) {
        this.paths = paths;
    }

    /**
     * Starts the service of {@code paths}' instance.
     *
     * @throws AlreadyRunningException if another process serves the instance
     */
    public static ServiceRuntime start(InstancePaths paths, Options options) {
        ServiceRuntime rt = new ServiceRuntime(paths);
        try {
            rt.boot(options);
            return rt;
        } catch (RuntimeException e) {
            rt.close();
            throw e;
        } catch (Exception e) {
            rt.close();
            throw new IllegalStateException("starting the rdd service: " + e.getMessage(), e);
        }
    }

    private void boot(Options options) throws Exception {
        String name = paths.instance().name();
        ReadinessChecks.Flag storeReady = readiness.flag("store", "the datastore is not open");
        ReadinessChecks.Flag apiReady = readiness.flag("apiserver", "the API server is not serving");
        createPrivateDir(paths.dir());
        pidFile = PidFile.acquire(paths.pidFile()).orElseThrow(() -> new AlreadyRunningException(name));
        LaunchRecord.clear(paths.launchFile()); // the PID file shows this process from now on
        createPrivateDir(paths.shortDir());
        PrivateFiles.createPrivateDirIfAbsent(paths.logDir()); // engine logs go here too; logs may quote objects and requests

        store = ObjectStore.open(paths.datastore(), options.storeOptions(), BodyCodec.JSON);
        restrictStoreFiles(paths.datastore());
        log.info("datastore {} open at revision {}", paths.datastore(), store.revision());
        storeReady.set();

        CrdLoader loader = new CrdLoader();
        List<ResourceDef> resources = new ArrayList<>(loader.builtins());
        if (options.classPathCrds()) {
            resources.addAll(loader.fromClassPath(ServiceRuntime.class.getClassLoader()));
        }
        for (Path dir : options.extraCrdDirs()) {
            resources.addAll(loader.fromDirectory(dir));
        }
        registry = new ResourceRegistry(resources, Instant.now());
        log.info("apiserver serves {} resources ({} custom)", resources.size(), resources.stream().filter(ResourceDef::isCustom).count());

        operations = new ResourceOperations(store, registry, new AdmissionChain(options.admission()), Clock.systemUTC());
        ensureNamespace("default");
        // Admission is discoverable: one read-only webhook configuration per in-process plugin (docs/api-server.md, "Admission").
        new WebhookConfigurations(operations).publish(options.admission());
        GarbageCollector gc = new GarbageCollector(operations);
        gc.start();
        toClose.add(gc);
        NamespaceLifecycle nsLifecycle = new NamespaceLifecycle(operations);
        nsLifecycle.start();
        toClose.add(nsLifecycle);

        tls = TlsMaterial.loadOrCreate(paths.tlsDir(), "rdd-" + paths.instance().suffix());
        char[] ksPassword = randomPassword();
        ApiServerConfig cfg = new ApiServerConfig(paths.apiSocket(), options.securePort(), true, tls.keyStore(ksPassword), ksPassword, tls.token(),
                controllerTokens(), options.bookmarkInterval(), Duration.ofMinutes(30));
        apiServer = new ApiServer(cfg, operations, readiness, BuildInfo.load());
        // Container log and stats, served from the engine (docs/api.md, "Container log and stats").
        containerStreams = ContainerStreams.register(apiServer.streamingSubresources(), store, paths::dockerEndpoint);
        toClose.add(containerStreams);
        // Container exec (docs/api.md, "Exec"): served from the store's mirrors, on the engine's socket directly.
        apiServer.streamingSubresources().register(new io.rancherdesktop.rdd.service.exec.ContainerExec(store));
        apiServer.start();
        Kubeconfig.write(paths.config(), serverUrl(), tls);
        apiReady.set();
        log.info("apiserver is ready: {} (kubeconfig {})", serverUrl(), paths.config());

        ServiceContext ctx = new ServiceContext(paths, paths.config(), readiness, options.controllers(), identities);
        for (ServiceComponent c : options.components()) {
            c.start(ctx);
            toClose.add(c);
            log.info("started {}", c.name());
        }
    }

    private void ensureNamespace(String name) {
        if (store.get("namespaces", new ObjectKey("", name)).isPresent()) {
            return;
        }
        ObjectNode ns = BodyCodec.JSON.createObjectNode();
        ns.put("apiVersion", "v1");
        ns.put("kind", "Namespace");
        ns.putObject("metadata").put("name", name);
        ResourceRegistry.Served served = registry.lookup("", "v1", "namespaces").orElseThrow();
        operations.create(new RequestScope(served, null, null, ""), ns, WriteOptions.system("rdd"));
        log.info("created namespace {}", name);
    }

    /** The datastore and its WAL files owner-only (SQLite gives new WAL/SHM files the database file's mode). */
    private static void restrictStoreFiles(Path db) {
        try {
            for (String suffix : List.of("", "-wal", "-shm")) {
                PrivateFiles.restrictToOwner(db.resolveSibling(db.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("restricting the datastore " + db + " to its owner", e);
        }
    }

    private static char[] randomPassword() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b).toCharArray();
    }

    private static void createPrivateDir(Path dir) {
        // Also tightens a dir that exists (svc create writes args.json first, with the default umask): the datastore
        // and the kubeconfig live here and must not be readable by other users.
        PrivateFiles.ensurePrivateDir(dir);
    }

    public InstancePaths paths() {
        return paths;
    }

    public ReadinessChecks readiness() {
        return readiness;
    }

    public ApiServer apiServer() {
        return apiServer;
    }

    /** The Container {@code log} and {@code stats} streams (their open count, for tests). */
    public ContainerStreams containerStreams() {
        return containerStreams;
    }

    public ObjectStore store() {
        return store;
    }

    public TlsMaterial tls() {
        return tls;
    }

    /** The in-process controllers' tokens (components get them through {@link ServiceContext}; tests act as them). */
    /** The in-process controllers' tokens → their users, for the server's authenticator. */
    private java.util.Map<String, UserInfo> controllerTokens() {
        java.util.Map<String, UserInfo> out = new java.util.HashMap<>();
        identities.byToken().forEach((token, user) -> out.put(token, UserInfo.controller(user)));
        return out;
    }

    public InProcessIdentities identities() {
        return identities;
    }

    /** The HTTPS URL of the API with the port actually bound. */
    public String serverUrl() {
        return "https://" + ApiServerConfig.LOOPBACK + ":" + apiServer.tcpPort();
    }

    public Path kubeconfig() {
        return paths.config();
    }

    public Optional<ResourceOperations> operations() {
        return Optional.ofNullable(operations);
    }

    /** Stops components, the API server (removing the socket) and the store, then releases the PID file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = toClose.size() - 1; i >= 0; i--) {
            AutoCloseable c = toClose.get(i);
            if (c instanceof ServiceComponent) {
                closeQuietly(c);
            }
        }
        if (apiServer != null) {
            apiServer.close();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            AutoCloseable c = toClose.get(i);
            if (!(c instanceof ServiceComponent)) {
                closeQuietly(c);
            }
        }
        if (store != null) {
            store.close();
        }
        if (pidFile != null) {
            pidFile.close();
            log.info("\"{}\" control plane has stopped", paths.instance().name());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("stopping {}: {}", c, e.toString());
        }
    }
}
