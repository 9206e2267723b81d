package io.rancherdesktop.rdd.instance;

import java.nio.file.Path;

/**
 * What a {@link ServiceComponent} gets: the instance paths, the kubeconfig of the running API (HTTPS; its token is the
 * owner's), the readiness registry behind {@code /readyz}, the {@code --controllers} specification, and the tokens of
 * the in-process controller identities (a controller replaces the kubeconfig's token with its own).
 */
public record ServiceContext(InstancePaths paths, Path kubeconfig, ReadinessFlags readiness, String controllers,
                             InProcessIdentities identities) {
}
