package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * fabric8 7.5.2 informers against the embedded server over real HTTPS with the service's kubeconfig: list +
 * watch, a forced watch disconnect resumes from the last resourceVersion without a re-list and without losing
 * events, and a resourceVersion that left the history gets 410 and the informer re-lists.
 */
class InformerIT {
    @RegisterExtension
    static final ApiServerExtension API = ApiServerExtension.builder().admission(List.of()).build();

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50); // polling an observable condition with a deadline
        }
    }

    /** What the store holds (read directly, so that checking it does not count as a client's list request). */
    private static Map<String, String> serverState(KubernetesClient client, String ns) {
        Map<String, String> out = new TreeMap<>();
        for (var so : API.running().runtime().store().list("configmaps", ns, null).items()) {
            Map<String, String> data = new TreeMap<>();
            so.object().path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
            out.put(so.name(), data.isEmpty() ? "" : data.toString());
        }
        return out;
    }

    private static Map<String, String> cacheState(SharedIndexInformer<ConfigMap> informer) {
        return informer.getStore().list().stream()
                .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c.getData() == null ? "" : String.valueOf(c.getData()), (a, b) -> a, TreeMap::new));
    }

    private static ConfigMap cm(String ns, String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata().addToData("v", value).build();
    }

    @Test
    void anInformerListsWatchesAndResumesAfterADisconnectWithoutRelisting(KubernetesClient client) throws Exception {
        String ns = "inf-resume";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        client.configMaps().inNamespace(ns).resource(cm(ns, "a", "1")).create();
        List<String> events = new CopyOnWriteArrayList<>();
        ApiServer server = API.running().runtime().apiServer();
        long listsBefore = server.metrics().count("list", "configmaps");
        Instant started = Instant.now();
        try (SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(ns).inform(handler(events))) {
            eventually("initial sync", () -> cacheState(informer).equals(serverState(client, ns)) && informer.hasSynced());
            eventually("watch open", () -> server.metrics().count("watch", "configmaps") > 0);
            assertTrue(Duration.between(started, Instant.now()).toSeconds() < 10, "no WebSocket retry delay before the HTTP watch");
            long lists = server.metrics().count("list", "configmaps");
            assertEquals(listsBefore + 1, lists);
            long watchesBefore = server.metrics().count("watch", "configmaps");

            // Disconnect every watch and hold the reconnect while the store changes.
            server.watchGate().close();
            server.disconnectWatches();
            client.configMaps().inNamespace(ns).resource(cm(ns, "b", "1")).create();
            client.configMaps().inNamespace(ns).resource(cm(ns, "a", "2")).update();
            client.configMaps().inNamespace(ns).resource(cm(ns, "c", "1")).create();
            client.configMaps().inNamespace(ns).withName("c").delete();
            server.watchGate().open();

            // The cache also equals the server's state between "update a" and "add c": wait for the last event too.
            eventually("resumed watch delivered the missed events",
                    () -> events.contains("delete c") && cacheState(informer).equals(serverState(client, ns)));
            assertEquals(Map.of("a", "{v=2}", "b", "{v=1}"), cacheState(informer));
            assertEquals(lists, server.metrics().count("list", "configmaps"), "the informer resumed without a re-list");
            assertTrue(server.metrics().count("watch", "configmaps") > watchesBefore, "the informer re-watched");
            assertTrue(events.containsAll(List.of("add b", "update a", "delete c")), events.toString());
        }
    }

    @Test
    void anExpiredResourceVersionMakesTheInformerRelist(KubernetesClient client) throws Exception {
        String ns = "inf-expired";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        client.configMaps().inNamespace(ns).resource(cm(ns, "x", "1")).create();
        ApiServer server = API.running().runtime().apiServer();
        List<String> events = new CopyOnWriteArrayList<>();
        try (SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace(ns).inform(handler(events))) {
            eventually("initial sync", () -> cacheState(informer).equals(serverState(client, ns)) && informer.hasSynced());
            eventually("watch open", () -> API.running().runtime().store().watchCount() > 0);
            long lists = server.metrics().count("list", "configmaps");

            server.watchGate().close();
            server.disconnectWatches();
            client.configMaps().inNamespace(ns).resource(cm(ns, "y", "1")).create();
            client.configMaps().inNamespace(ns).withName("x").delete();
            API.running().runtime().store().compactHistory(); // the informer's resourceVersion is now too old
            server.watchGate().open();

            eventually("re-listed after 410", () -> server.metrics().count("list", "configmaps") > lists);
            eventually("cache matches the server", () -> cacheState(informer).equals(serverState(client, ns)));
            assertEquals(Set.of("y"), cacheState(informer).keySet());
        }
    }

    @Test
    void aGenericInformerFollowsCustomResources(KubernetesClient client) throws Exception {
        var widgets = client.genericKubernetesResources("test.rancherdesktop.io/v1alpha1", "Widget").inNamespace("default");
        List<String> events = new CopyOnWriteArrayList<>();
        try (SharedIndexInformer<GenericKubernetesResource> informer = widgets.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                events.add("add " + obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                events.add("update " + newObj.getMetadata().getName() + " gen " + newObj.getMetadata().getGeneration());
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                events.add("delete " + obj.getMetadata().getName());
            }
        })) {
            eventually("synced", informer::hasSynced);
            GenericKubernetesResource w = new GenericKubernetesResource();
            w.setApiVersion("test.rancherdesktop.io/v1alpha1");
            w.setKind("Widget");
            w.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("inf-w").withNamespace("default").build());
            w.setAdditionalProperty("spec", Map.of("color", "red"));
            widgets.resource(w).create();
            widgets.withName("inf-w").edit(o -> {
                o.setAdditionalProperty("spec", Map.of("color", "blue"));
                return o;
            });
            widgets.withName("inf-w").delete();
            eventually("add, update, delete seen", () -> events.contains("delete inf-w"));
            assertEquals(List.of("add inf-w", "update inf-w gen 2", "delete inf-w"), events);
        }
    }

    private static ResourceEventHandler<ConfigMap> handler(List<String> events) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
                events.add("add " + obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                if (!oldObj.getMetadata().getResourceVersion().equals(newObj.getMetadata().getResourceVersion())) {
                    events.add("update " + newObj.getMetadata().getName());
                }
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                events.add("delete " + obj.getMetadata().getName());
            }
        };
    }
}
