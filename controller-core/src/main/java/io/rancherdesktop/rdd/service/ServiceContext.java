package io.rancherdesktop.rdd.service;

import io.rancherdesktop.rdd.apiserver.ReadinessChecks;
import java.nio.file.Path;

/**
 * What a {@link ServiceComponent} gets: the instance paths, the kubeconfig of the running API (HTTPS with a
 * token), the readiness registry behind {@code /readyz}, and the {@code --controllers} specification.
 */
public record ServiceContext(InstancePaths paths, Path kubeconfig, ReadinessChecks readiness, String controllers) {
}
