package io.rancherdesktop.rdd.ui.tools;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppStatus;
import io.rancherdesktop.rdd.api.app.v1alpha1.ContainerEngineSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.VmSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ActionOutcome;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerPort;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.LastAction;
import io.rancherdesktop.rdd.api.containers.v1alpha1.PortBinding;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeStatus;
import io.rancherdesktop.rdd.ui.testing.Mirrors;

import java.util.List;
import java.util.Map;

/**
 * A believable desktop written into a real rdd API through its REST interface, the way the controllers write it
 * (objects, then status through the status subresource). Used for documentation screenshots and benchmarks when no
 * engine is attached.
 */
public final class DemoData {
    private final KubernetesClient client;

    public DemoData(KubernetesClient client) {
        this.client = client;
    }

    private static Condition condition(String type, String status, String reason, String message, long generation) {
        return new Condition("2026-11-28T09:00:00Z", message, generation, reason, status, type);
    }

    /** The App, running with moby on the process driver, settled. */
    public void app() {
        App app = new App();
        app.setMetadata(new ObjectMetaBuilder().withName("app").build());
        AppSpec spec = new AppSpec();
        spec.setRunning(true);
        spec.setContainerEngine(new ContainerEngineSpec(ContainerEngine.MOBY));
        spec.setVm(new VmSpec(VmDriverKind.PROCESS, null));
        app.setSpec(spec);
        App created = client.resources(App.class).resource(app).create();
        long g = created.getMetadata().getGeneration();
        AppStatus status = new AppStatus();
        status.setConditions(List.of(
                condition("Created", "True", "Created", "", g),
                condition("Running", "True", "Started", "dockerd is answering on the instance socket", g),
                condition("ContainerEngineReady", "True", "Connected", "", g),
                condition("Settled", "True", "Settled", "", g)));
        created.setStatus(status);
        client.resources(App.class).resource(created).updateStatus();
    }

    public Container container(String name, RunStatus run, String imageTag, Map<String, String> labels, List<ContainerPort> ports) {
        Container c = Mirrors.container(client, "default", name, run);
        ContainerStatus s = c.getStatus();
        s.setImage(Mirrors.imageId(imageTag));
        s.setLabels(labels);
        s.setPorts(ports);
        s.setPath("/bin/sh");
        s.setArgs(List.of("-c", "exec " + name + "d --config /etc/" + name + ".conf"));
        s.setPid(run == RunStatus.RUNNING || run == RunStatus.PAUSED ? 4000 + name.length() * 37 : 0);
        s.setExitCode(run == RunStatus.EXITED ? (name.startsWith("job") ? 1 : 0) : 0);
        s.setStartedAt("2026-11-28T09:10:00Z");
        if (run == RunStatus.EXITED) {
            s.setFinishedAt("2026-11-28T09:40:00Z");
        }
        return client.resources(Container.class).resource(c).updateStatus();
    }

    public static List<ContainerPort> port(String name, String hostPort) {
        return List.of(new ContainerPort(name, hostPort == null ? null : List.of(new PortBinding("0.0.0.0", hostPort))));
    }

    /** The desktop of the screenshots: the App, a few containers, images and volumes. */
    public void desktop() {
        app();
        mirrors();
    }

    /** Containers, images and volumes as the engine controller would mirror them. */
    public void mirrors() {
        for (String[] img : new String[][] {{"nginx:1.27", "192400000"}, {"postgres:16", "432900000"},
                {"redis:7.4", "117300000"}, {"rdd-test/busybox:latest", "2171000"}, {"alpine:3.20", "7800000"},
                {"example/app:Tag_UPPER_1", "86500000"}}) {
            Mirrors.image(client, "default", img[0], Long.parseLong(img[1]));
        }
        container("web", RunStatus.RUNNING, "nginx:1.27", Map.of("com.docker.compose.project", "shop",
                "com.docker.compose.service", "web"), port("80/tcp", "8080"));
        container("db", RunStatus.RUNNING, "postgres:16", Map.of("com.docker.compose.project", "shop"), port("5432/tcp", null));
        container("cache", RunStatus.PAUSED, "redis:7.4", Map.of("com.docker.compose.project", "shop"), port("6379/tcp", null));
        container("worker", RunStatus.EXITED, "example/app:Tag_UPPER_1", Map.of(), List.of());
        Container job = container("job-import", RunStatus.EXITED, "rdd-test/busybox:latest", Map.of(), List.of());
        LastAction failed = new LastAction();
        failed.setAction(RequestedState.RUNNING);
        failed.setState(ActionOutcome.FAILED);
        failed.setObservedGeneration(job.getMetadata().getGeneration());
        failed.setError("OCI runtime create failed: exec: \"importer\": executable file not found in $PATH");
        job.getStatus().setLastAction(failed);
        client.resources(Container.class).resource(job).updateStatus();

        for (String v : List.of("pgdata", "redis-data", "build-cache", "My_Vol_Ume")) {
            volume(v);
        }
    }

    /** Deletes the image through the API (it stays Terminating: the mirror finalizer) and records why it waits. */
    public void inUseImageTerminating(String tag, String usedBy) {
        Image img = client.resources(Image.class).inNamespace("default").list().getItems().stream()
                .filter(i -> tag.equals(i.getStatus().getRepoTag())).findFirst().orElseThrow();
        img.getMetadata().setFinalizers(List.of("engine.rancherdesktop.io/mirror"));
        img = client.resources(Image.class).resource(img).update();
        client.resources(Image.class).resource(img).delete();
        client.v1().events().inNamespace("default").resource(new EventBuilder()
                .withMetadata(new ObjectMetaBuilder().withNamespace("default").withName(img.getMetadata().getName() + ".delete").build())
                .withType("Warning").withReason("EngineDeleteFailed")
                .withMessage("Error response from daemon: conflict: unable to remove repository reference \"" + tag
                        + "\" (must force) - container " + usedBy + " is using its referenced image")
                .withLastTimestamp("2026-11-28T09:45:00Z")
                .withNewInvolvedObject().withKind("Image").withNamespace("default").withName(img.getMetadata().getName())
                .withUid(img.getMetadata().getUid()).endInvolvedObject()
                .build()).create();
    }

    public Volume volume(String name) {
        Volume v = new Volume();
        v.setMetadata(new ObjectMetaBuilder().withNamespace("default").withName("vol-" + Mirrors.sha256(name)).build());
        Volume created = client.resources(Volume.class).resource(v).create();
        VolumeStatus s = new VolumeStatus();
        s.setName(name);
        s.setDriver("local");
        s.setScope("local");
        s.setNamespace("moby");
        s.setMountpoint("/var/lib/docker/volumes/" + name + "/_data");
        s.setCreatedAt("2026-11-28T08:30:00Z");
        created.setStatus(s);
        return client.resources(Volume.class).resource(created).updateStatus();
    }

    /** {@code n} images created concurrently (for the 5,000-image benchmark); returns when all are written. */
    public void manyImages(int n, int parallelism) throws InterruptedException {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(parallelism)) {
            for (int i = 0; i < n; i++) {
                int k = i;
                pool.submit(() -> Mirrors.image(client, "default", String.format("bench/img%05d:v1", k), 1_000_000L + k));
            }
        }
    }
}
