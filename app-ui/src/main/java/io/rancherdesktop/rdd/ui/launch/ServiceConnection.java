package io.rancherdesktop.rdd.ui.launch;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The GUI's link to the rdd service of its instance: a fabric8 client built from the instance kubeconfig, and,
 * when the GUI started the service itself, the service. Closing it closes the client and stops the service only
 * if this GUI started it.
 */
public sealed interface ServiceConnection extends AutoCloseable permits EmbeddedService, AttachedService {

    KubernetesClient client();

    /** True when the service runs in this JVM because this GUI started it. */
    boolean ownsService();

    /** "started the service in this process" / "attached to the service (pid 1234)". */
    String describe();

    @Override
    void close();
}
