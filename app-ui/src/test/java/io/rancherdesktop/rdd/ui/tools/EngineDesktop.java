package io.rancherdesktop.rdd.ui.tools;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.ContainerEngineSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.VmSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.ui.testing.DockerCli;
import io.rancherdesktop.rdd.vm.EngineLayout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A real desktop for screenshots: the service's controllers start dockerd with the process driver, and the docker CLI
 * creates containers, images and volumes that the engine controller mirrors. One image is deleted through the API
 * while a container uses it, so it stays Terminating with the engine's refusal as its Warning Event.
 */
public final class EngineDesktop implements AutoCloseable {
    private static final Duration ENGINE = Duration.ofSeconds(120);

    private final KubernetesClient client;
    private final InstancePaths paths;
    private final DockerCli docker;

    public EngineDesktop(KubernetesClient client, InstancePaths paths) {
        this.client = client;
        this.paths = paths;
        this.docker = new DockerCli("unix://" + new EngineLayout(paths).dockerSocket());
    }

    /** Starts the machine (like {@code rdd set running=true vm.driver=process}) and fills the engine. */
    public void build(Path scratch) throws Exception {
        startMachine();
        fill(scratch);
    }

    /** Creates the App running moby on the process driver and waits until the engine is connected and settled. */
    public void startMachine() throws InterruptedException {
        App app = new App();
        app.setMetadata(new ObjectMetaBuilder().withName("app").build());
        AppSpec spec = new AppSpec();
        spec.setRunning(true);
        spec.setContainerEngine(new ContainerEngineSpec(ContainerEngine.MOBY));
        spec.setVm(new VmSpec(VmDriverKind.PROCESS, null));
        app.setSpec(spec);
        client.resources(App.class).resource(app).create();
        await("the engine is connected", () -> {
            App a = client.resources(App.class).withName("app").get();
            return a.getStatus() != null && Conditions.isTrue(a.getStatus().getConditions(), ConditionTypes.CONTAINER_ENGINE_READY)
                    && Conditions.isTrue(a.getStatus().getConditions(), ConditionTypes.SETTLED);
        });
    }

    private void fill(Path scratch) throws Exception {
        docker.importTestImage(scratch);
        docker.run("tag", DockerCli.TEST_IMAGE, "shop/web:1.4");
        docker.run("tag", DockerCli.TEST_IMAGE, "shop/db:16");
        docker.run("tag", DockerCli.TEST_IMAGE, "shop/cache:7");
        for (String v : new String[] {"pgdata", "redis-data", "build-cache", "My_Vol_Ume"}) {
            docker.run("volume", "create", "--label", "com.docker.compose.project=shop", v);
        }
        String[] net = {"--network", "none", "--label", "com.docker.compose.project=shop"};
        docker.run(concat(new String[] {"run", "-d", "--name", "web", "--expose", "80", "--expose", "443"}, net,
                new String[] {"--label", "com.docker.compose.service=web", "shop/web:1.4", "sleep", "86400"}));
        docker.run(concat(new String[] {"run", "-d", "--name", "db", "--expose", "5432", "-v", "pgdata:/data"}, net,
                new String[] {"shop/db:16", "sleep", "86400"}));
        docker.run(concat(new String[] {"run", "-d", "--name", "cache", "-v", "redis-data:/data"}, net,
                new String[] {"shop/cache:7", "sleep", "86400"}));
        docker.run("pause", "cache");
        docker.run("run", "--network", "none", "--name", "worker", DockerCli.TEST_IMAGE, "true");
        docker.run("create", "--network", "none", "--name", "migrate", DockerCli.TEST_IMAGE, "sh", "-c", "exit 0");

        // An image only one running container uses: deleting it through the API is refused by the engine.
        // A separate image ID (a commit of a container) so that deleting its only tag is a real delete.
        String toolsTag = "shop/tools:2.0";
        docker.run("run", "--network", "none", "--name", "tools-build", DockerCli.TEST_IMAGE, "sh", "-c", "echo 2.0 > /etc/tools-version");
        docker.run("commit", "tools-build", toolsTag);
        docker.run("rm", "tools-build");
        docker.run("run", "-d", "--network", "none", "--name", "tools", toolsTag, "sleep", "86400");
        await("the tools image is mirrored", () -> image(toolsTag) != null);
        // Refused: at admission (409, the mirror knows its user) or, in a race, by the engine (a Warning Event, the
        // mirror put back at once). Either way the image stays, in use.
        try {
            client.resources(Image.class).resource(image(toolsTag)).delete();
            await("the engine refused the delete", () -> client.v1().events().inAnyNamespace().list().getItems().stream()
                    .anyMatch(e -> java.util.Set.of("EngineDeleteRefused", "EngineDeleteFailed").contains(e.getReason())));
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        await("the tools image is back", () -> image(toolsTag) != null && image(toolsTag).getMetadata().getDeletionTimestamp() == null);
    }

    private Image image(String tag) {
        return client.resources(Image.class).inAnyNamespace().list().getItems().stream()
                .filter(i -> i.getStatus() != null && tag.equals(i.getStatus().getRepoTag())).findFirst().orElse(null);
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + ENGINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(200);
        }
    }

    /**
     * Stops the machine and makes sure no dockerd of this instance is left. Waits for the dockerd process itself, not
     * for its API: dockerd stops answering early in its shutdown and then still stops its containers; killing it then
     * left a running container's shim behind (seen after the GUI benchmark).
     */
    @Override
    public void close() throws java.io.IOException {
        Path pidFile = new EngineLayout(paths).dockerPidFile();
        java.util.Optional<ProcessHandle> dockerd = Files.isRegularFile(pidFile)
                ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())) : java.util.Optional.empty();
        try {
            client.resources(App.class).withName("app").edit(a -> {
                a.getSpec().setRunning(false);
                return a;
            });
            if (dockerd.isPresent()) {
                dockerd.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // force-killed below
        } finally {
            dockerd.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
