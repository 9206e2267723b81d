package io.rancherdesktop.rdd.ui.launch;

import io.fabric8.kubernetes.client.KubernetesClient;

/** A service that another process runs ({@code rdd svc start}, another GUI); the GUI is only its client. */
public record AttachedService(long pid, KubernetesClient client) implements ServiceConnection {

    @Override
    public boolean ownsService() {
        return false;
    }

    @Override
    public String describe() {
        return "attached to the running service (pid " + pid + ")";
    }

    @Override
    public void close() {
        client.close();
    }
}
