package io.rancherdesktop.rdd.ui.command;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.ContainerEngineSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.VmSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.MirrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** {@link ApiCommands} over the fabric8 client of the instance's kubeconfig. */
public final class KubernetesApiCommands implements ApiCommands {
    private static final Logger log = LoggerFactory.getLogger(KubernetesApiCommands.class);
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private final KubernetesClient client;
    private final ExecutorService workers;

    /** @param workers runs the blocking HTTP calls (virtual threads are fine) */
    public KubernetesApiCommands(KubernetesClient client, ExecutorService workers) {
        this.client = client;
        this.workers = workers;
    }

    @Override
    public CompletableFuture<Long> setMachineRunning(boolean running) {
        String what = running ? "start the machine" : "stop the machine";
        return call(what, () -> patchOrCreateApp("{\"spec\":{\"running\":" + running + "}}", spec -> spec.setRunning(running)));
    }

    @Override
    public CompletableFuture<Long> applySettings(ContainerEngine engine, VmDriverKind driver) {
        String patch = "{\"spec\":{\"containerEngine\":{\"name\":\"" + engine.value() + "\"},\"vm\":{\"driver\":\""
                + driver.value() + "\"}}}";
        return call("apply engine " + engine.value() + " and driver " + driver.value(),
                () -> patchOrCreateApp(patch, spec -> {
                    spec.setRunning(false);
                    spec.setContainerEngine(new ContainerEngineSpec(engine));
                    VmSpec vm = new VmSpec();
                    vm.setDriver(driver);
                    spec.setVm(vm);
                }));
    }

    @Override
    public CompletableFuture<Long> requestContainerState(String namespace, String name, RequestedState state) {
        return call("set container " + name + " to " + state.value(), () -> {
            Container c = client.resources(Container.class).inNamespace(namespace).withName(name)
                    .patch(MERGE, "{\"spec\":{\"state\":\"" + state.value() + "\"}}");
            return c.getMetadata().getGeneration();
        });
    }

    @Override
    public CompletableFuture<Void> delete(MirrorKind kind, String namespace, String name, boolean force) {
        return call("delete " + kind.singular() + " " + name, () -> {
            var resource = client.resources(kind.type()).inNamespace(namespace).withName(name);
            if (force) {
                resource.withGracePeriod(0).delete();
            } else {
                resource.delete();
            }
            return null;
        });
    }

    /** Patches the App; on 404 creates it with {@code initial} applied to a spec (running=false by default). */
    private long patchOrCreateApp(String patch, Consumer<AppSpec> initial) {
        try {
            App patched = client.resources(App.class).withName(App.NAME).patch(MERGE, patch);
            return patched.getMetadata().getGeneration();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
        App app = new App();
        app.setMetadata(new ObjectMetaBuilder().withName(App.NAME).build());
        AppSpec spec = new AppSpec();
        spec.setRunning(false);
        initial.accept(spec);
        app.setSpec(spec);
        try {
            return client.resources(App.class).resource(app).create().getMetadata().getGeneration();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // Someone (rdd set, another GUI) created it meanwhile: patch theirs.
            return client.resources(App.class).withName(App.NAME).patch(MERGE, patch).getMetadata().getGeneration();
        }
    }

    private <R> CompletableFuture<R> call(String what, Supplier<R> body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return body.get();
            } catch (RuntimeException e) {
                ApiFailure failure = ApiFailure.of("cannot " + what, e);
                log.debug("{}", failure.getMessage(), e);
                throw failure;
            }
        }, workers);
    }
}
