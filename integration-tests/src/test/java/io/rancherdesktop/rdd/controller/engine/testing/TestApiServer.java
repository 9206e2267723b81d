package io.rancherdesktop.rdd.controller.engine.testing;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.rancherdesktop.rdd.admission.DefaultAdmissionPlugins;
import io.rancherdesktop.rdd.admission.UserInfo;
import io.rancherdesktop.rdd.controller.ControllerManager;
import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import io.rancherdesktop.rdd.service.ServiceRuntime;
import io.rancherdesktop.rdd.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real rdd API server (store, admission, CRDs of the class path) in a fresh temp home, with a fabric8 client
 * over its loopback HTTPS listener. Closing stops the server and deletes the home.
 */
public final class TestApiServer implements AutoCloseable {
    private final Path home;
    private final InstancePaths paths;
    private final ServiceRuntime runtime;
    private final KubernetesClient client;

    private TestApiServer(Path home, InstancePaths paths, ServiceRuntime runtime, KubernetesClient client) {
        this.home = home;
        this.paths = paths;
        this.runtime = runtime;
        this.client = client;
    }

    public static TestApiServer start() {
        Path home;
        try {
            home = Files.createTempDirectory(Path.of("/tmp"), "rdd-eng-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InstancePaths paths = new InstancePaths(new Instance("engtest"), Platform.LINUX, home, Map.of());
        ServiceRuntime runtime = null;
        try {
            runtime = ServiceRuntime.start(paths, ServiceRuntime.Options.defaults(paths.instance())
                    .withSecurePort(0)
                    .withAdmission(DefaultAdmissionPlugins.create())
                    .withStoreOptions(ObjectStore.Options.DEFAULT)
                    .withBookmarkInterval(Duration.ofSeconds(30))
                    .withControllers("", List.of()));
            KubernetesClient client = newClient(runtime.kubeconfig());
            return new TestApiServer(home, paths, runtime, client);
        } catch (RuntimeException e) {
            if (runtime != null) {
                runtime.close();
            }
            deleteTree(home);
            throw e;
        }
    }

    /** A new client for the server (the caller closes it). */
    public static KubernetesClient newClient(Path kubeconfig) {
        try {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KubernetesClient client() {
        return client;
    }

    public KubernetesClient newClient() {
        return newClient(runtime.kubeconfig());
    }

    /**
     * How the engine controller reaches the server: the owner's configuration with the engine controller's token
     * ({@code system:rdd:engine-controller}, the only identity that may create mirrors). {@link #client()} is the owner.
     */
    public Config config() {
        return ControllerManager.withToken(client.getConfiguration(), runtime.identities().tokenFor(UserInfo.ENGINE_CONTROLLER));
    }

    /** A new client acting as the engine controller (the caller closes it), e.g. to seed mirrors. */
    public KubernetesClient newEngineClient() {
        return new KubernetesClientBuilder().withConfig(config()).build();
    }

    public ServiceRuntime runtime() {
        return runtime;
    }

    public InstancePaths paths() {
        return paths;
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

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + root, e);
        }
    }
}
