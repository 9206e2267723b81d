package io.rancherdesktop.rdd.instance;

import java.nio.file.Path;

/**
 * What a {@link ServiceComponent} gets: the instance paths, the kubeconfig of the running API (HTTPS with a
 * token), the readiness registry behind {@code /readyz}, and the {@code --controllers} specification.
 */
public record ServiceContext(InstancePaths paths, Path kubeconfig, ReadinessFlags readiness, String controllers) {
}
