package io.rancherdesktop.rdd.ui.feed;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;

import java.util.List;

/** The feeds the GUI runs on: one per kind it shows, plus Events (for why a deletion waits). */
public record ApiFeeds(
        ResourceFeed<App> apps,
        ResourceFeed<VirtualMachine> machines,
        ResourceFeed<Container> containers,
        ResourceFeed<Image> images,
        ResourceFeed<Volume> volumes,
        ResourceFeed<Event> events) {

    /** Informers on the rdd API (list + watch; resync off, since the GUI only mirrors what the server says). */
    public static ApiFeeds informers(KubernetesClient client) {
        return new ApiFeeds(
                new InformerFeed<>("apps", () -> client.resources(App.class).runnableInformer(0)),
                new InformerFeed<>("virtualmachines", () -> client.resources(VirtualMachine.class).inAnyNamespace().runnableInformer(0)),
                new InformerFeed<>("containers", () -> client.resources(Container.class).inAnyNamespace().runnableInformer(0)),
                new InformerFeed<>("images", () -> client.resources(Image.class).inAnyNamespace().runnableInformer(0)),
                new InformerFeed<>("volumes", () -> client.resources(Volume.class).inAnyNamespace().runnableInformer(0)),
                new InformerFeed<>("events", () -> client.v1().events().inAnyNamespace().runnableInformer(0)));
    }

    public List<ResourceFeed<?>> all() {
        return List.of(apps, machines, containers, images, volumes, events);
    }
}
