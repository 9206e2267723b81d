package io.rancherdesktop.rdd.ui.launch;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.PidFile;
import io.rancherdesktop.rdd.service.ProductServiceOptions;
import io.rancherdesktop.rdd.service.ServiceRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds or starts the service of an instance (docs/gui.md#running-it): when no live process holds the instance's PID
 * file, the service starts in this JVM; otherwise the GUI attaches to it through the kubeconfig it wrote.
 */
public final class ServiceConnector {
    private static final Logger log = LoggerFactory.getLogger(ServiceConnector.class);
    private static final Duration KUBECONFIG_WAIT = Duration.ofSeconds(30);

    private final InstancePaths paths;
    private final Function<InstancePaths, ServiceRuntime.Options> options;

    /** @param options the service options to start with (see {@link #serveOptions}) */
    public ServiceConnector(InstancePaths paths, Function<InstancePaths, ServiceRuntime.Options> options) {
        this.paths = paths;
        this.options = options;
    }

    /** The options {@code rdd svc serve} uses: the product's admission rules and all controllers. */
    public static ServiceRuntime.Options serveOptions(InstancePaths paths) {
        return ProductServiceOptions.forInstance(paths);
    }

    public ServiceConnection connect() {
        Optional<Long> pid = PidFile.runningPid(paths.pidFile());
        if (pid.isPresent()) {
            return attach(pid.get());
        }
        try {
            ServiceRuntime runtime = ServiceRuntime.start(paths, options.apply(paths));
            log.info("started the \"{}\" service in this process ({})", paths.instance().name(), runtime.serverUrl());
            try {
                return new EmbeddedService(runtime, clientFor(runtime.kubeconfig()));
            } catch (RuntimeException e) {
                runtime.close();
                throw e;
            }
        } catch (ServiceRuntime.AlreadyRunningException raced) {
            // Another connector won the PID file between our check and our start: use its service.
            return attach(PidFile.runningPid(paths.pidFile()).orElse(0L));
        }
    }

    private ServiceConnection attach(long pid) {
        Path kubeconfig = paths.config();
        Instant deadline = Instant.now().plus(KUBECONFIG_WAIT);
        // A service that was just started writes its kubeconfig once its API serves.
        while (!Files.isRegularFile(kubeconfig)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the service of \"" + paths.instance().name() + "\" (pid " + pid
                        + ") has not written " + kubeconfig + " within " + KUBECONFIG_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + kubeconfig, e);
            }
        }
        log.info("attaching to the running \"{}\" service (pid {})", paths.instance().name(), pid);
        return new AttachedService(pid, clientFor(kubeconfig));
    }

    static KubernetesClient clientFor(Path kubeconfig) {
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + kubeconfig, e);
        }
    }
}
