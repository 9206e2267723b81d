package io.rancherdesktop.rdd.controller.engine.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNamespace;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link MirrorViews} over plain fabric8 informers of one namespace, for running the mirror writer without an
 * operator (the benchmark, writer tests). The engine controller itself uses its supervisor's informer event sources.
 */
public final class InformerMirrorViews implements AutoCloseable {
    private final List<SharedIndexInformer<?>> informers;
    private final MirrorViews views;

    private InformerMirrorViews(List<SharedIndexInformer<?>> informers, MirrorViews views) {
        this.informers = informers;
        this.views = views;
    }

    /** Starts the four informers on {@code namespace} and waits until they have synced. */
    public static InformerMirrorViews start(KubernetesClient client, String namespace) {
        SharedIndexInformer<Container> containers = inform(client, Container.class, namespace, MirrorIndexes.terminatingOnly());
        SharedIndexInformer<Image> images = inform(client, Image.class, namespace, MirrorIndexes.image());
        SharedIndexInformer<Volume> volumes = inform(client, Volume.class, namespace, MirrorIndexes.terminatingOnly());
        SharedIndexInformer<ContainerNamespace> namespaces = inform(client, ContainerNamespace.class, namespace, Map.of());
        List<SharedIndexInformer<?>> all = List.of(containers, images, volumes, namespaces);
        all.forEach(i -> i.start().toCompletableFuture().join());
        return new InformerMirrorViews(all, new MirrorViews(new KindView<>(new InformerKindCache<>(containers)),
                new KindView<>(new InformerKindCache<>(images)), new KindView<>(new InformerKindCache<>(volumes)),
                new KindView<>(new InformerKindCache<>(namespaces))));
    }

    private static <T extends HasMetadata> SharedIndexInformer<T> inform(KubernetesClient client, Class<T> type, String namespace,
                                                                          Map<String, Function<T, List<String>>> indexers) {
        SharedIndexInformer<T> informer = client.resources(type).inNamespace(namespace).runnableInformer(0);
        if (!indexers.isEmpty()) {
            informer.addIndexers(indexers);
        }
        return informer;
    }

    public MirrorViews views() {
        return views;
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
