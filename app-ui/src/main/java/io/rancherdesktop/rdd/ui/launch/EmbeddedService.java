package io.rancherdesktop.rdd.ui.launch;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.service.ServiceRuntime;

import java.util.concurrent.atomic.AtomicBoolean;

/** The service this GUI started in its own JVM; closing stops it (Quit). */
public final class EmbeddedService implements ServiceConnection {
    private final ServiceRuntime runtime;
    private final KubernetesClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    public EmbeddedService(ServiceRuntime runtime, KubernetesClient client) {
        this.runtime = runtime;
        this.client = client;
    }

    public ServiceRuntime runtime() {
        return runtime;
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public boolean ownsService() {
        return true;
    }

    @Override
    public String describe() {
        return "started the service in this process (" + runtime.serverUrl() + ")";
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                client.close();
            } finally {
                runtime.close();
            }
        }
    }
}
