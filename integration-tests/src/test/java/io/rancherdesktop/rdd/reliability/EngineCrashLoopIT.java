package io.rancherdesktop.rdd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.VmSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.controller.ControllerFixture;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.ServeProcess;
import io.rancherdesktop.rdd.vm.HostEnvironment;
import io.rancherdesktop.rdd.vm.ProcessDriver;
import io.rancherdesktop.rdd.vm.RestartPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, "Engine crash loop during a full sync": a real {@code rdd svc serve} whose process driver runs dockerd;
 * {@code RDD_CRASH_LOOP_OBJECTS} objects (default 900: a tenth containers, the rest volumes, plus the test image) are
 * created with Docker and mirrored; then dockerd is killed five times, each time as soon as the restarted engine
 * answers and before the engine controller's full sync of it is done, while volumes are removed and created behind
 * its back. Afterwards: {@code ContainerEngineReady=Connected}, every Docker object mirrored exactly once, no mirror of
 * a missing object, the uids of the surviving objects unchanged; the VirtualMachine's {@code Running} condition stayed
 * True through {@code Restarting} and {@code CrashLoopBackOff} (with the back-off in its message) back to
 * {@code Started} with {@code restartCount} up by 5.
 */
class EngineCrashLoopIT {
    private static final String R = "crashloop";
    private static final int KILLS = 5;
    private static final Duration T = Duration.ofMinutes(3);

    private static int objects() {
        String env = System.getenv("RDD_CRASH_LOOP_OBJECTS");
        return env == null || env.isBlank() ? 900 : Integer.parseInt(env.trim());
    }

    /** One version of the machine's Running condition. */
    private record Running(String status, String reason, String message, Integer restartCount) {
    }

    @Test
    @Timeout(value = 14, unit = TimeUnit.MINUTES)
    void fiveDockerdKillsDuringFullSyncsConvergeWithoutOrphansAndWithTheSameUids(@TempDir Path home) throws Exception {
        int total = objects();
        int containers = Math.max(1, total / 10);
        int volumes = total - containers;
        InstancePaths paths = new InstancePaths(new Instance("crash"), Platform.current(), home, Map.of());
        Path log = Path.of("target", "test-logs", "crash-loop-serve.log");
        Files.deleteIfExists(log);
        ServeProcess service = null;
        try {
            service = ServeProcess.start(home, "crash", paths.apiSocket(), log, List.of("--secure-port", "0"),
                    Map.of("RDD_DOCKERD_ARGS", ControllerFixture.DOCKERD_ARGS));
            try (KubernetesClient client = TestApiServer.newClient(paths.config())) {
                run(service, client, paths, log, containers, volumes);
            }
        } finally {
            stopEverything(service, paths);
        }
    }

    private void run(ServeProcess service, KubernetesClient client, InstancePaths paths, Path log, int containers,
                     int volumes) throws Exception {
        App app = new App();
        app.getMetadata().setName(App.NAME);
        app.setSpec(new AppSpec());
        app.getSpec().setRunning(true);
        app.getSpec().setNamespace(R);
        app.getSpec().setVm(new VmSpec(VmDriverKind.PROCESS, null));
        client.resource(app).create();
        awaitUntil("the engine mirrored (ContainerEngineReady=Connected)", () -> engineConnected(client));
        VirtualMachine vm = client.resources(VirtualMachine.class).inNamespace(R).withName(VirtualMachine.APP_VM_NAME).get();
        String host = vm.getStatus().getDockerEndpoint();

        try (DockerClient docker = DockerdProcess.clientFor(host)) {
            // The objects, created with Docker (in parallel: this is set-up, not the test).
            long t0 = System.nanoTime();
            importTestImage(host);
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < containers; i++) {
                    int n = i;
                    pool.submit(() -> docker.createContainerCmd(DockerdProcess.TEST_IMAGE).withName("crash_c" + n).withCmd("true")
                            .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec());
                }
                for (int i = 0; i < volumes; i++) {
                    int n = i;
                    pool.submit(() -> docker.createVolumeCmd().withName("crash_v" + n).exec());
                }
            }
            double setupSeconds = (System.nanoTime() - t0) / 1e9;
            awaitUntil("every object mirrored", () -> converged(client, docker).isEmpty());
            Map<String, String> uidsBefore = uids(client);
            int restartsBefore = restartCount(client); // status.restartCount counts the first start too
            int restartsAfter = restartsBefore + KILLS;

            // The machine's Running condition as it changes.
            List<Running> running = new CopyOnWriteArrayList<>();
            List<String> notes = new ArrayList<>();
            int syncsBefore = count(log, "Full sync done");
            int killedDuringSync = 0;
            Set<String> removed = new HashSet<>();
            int created = 0;
            long k0 = System.nanoTime();
            try (Watch w = client.resources(VirtualMachine.class).inNamespace(R).withName(VirtualMachine.APP_VM_NAME)
                    .watch(new Watcher<>() {
                        @Override
                        public void eventReceived(Action action, VirtualMachine m) {
                            if (m.getStatus() == null) {
                                return;
                            }
                            Conditions.find(m.getStatus().getConditions(), ConditionTypes.RUNNING).ifPresent(c ->
                                    running.add(new Running(c.getStatus(), c.getReason(), c.getMessage(), m.getStatus().getRestartCount())));
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                        }
                    })) {
                for (int kill = 1; kill <= KILLS; kill++) {
                    long pid = dockerdPid(paths).orElseThrow(() -> new AssertionError("no dockerd serves " + paths.dockerSocket()));
                    int syncsDone = count(log, "Full sync done");
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // kill -9 behind the driver's back
                    awaitUntil("dockerd " + pid + " gone", () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
                    if (kill == KILLS) {
                        break;
                    }
                    awaitUntil("a new dockerd answers after kill " + kill, () -> dockerdPid(paths).isPresent()
                            && dockerdPid(paths).getAsLong() != pid && answers(docker));
                    // Change things behind the engine controller's back while it reconnects and resyncs.
                    for (int i = 0; i < 3; i++) {
                        String gone = "crash_v" + (kill * 10 + i);
                        docker.removeVolumeCmd(gone).exec();
                        removed.add(gone);
                        docker.createVolumeCmd().withName("crash_new" + created++).exec();
                    }
                    // Kill again while the resync of the new engine runs: before another "Full sync done".
                    boolean synced = count(log, "Full sync done") > syncsDone;
                    killedDuringSync += synced ? 0 : 1;
                    notes.add("kill " + (kill + 1) + (synced ? " after" : " before") + " the resync finished");
                }
                double killSeconds = (System.nanoTime() - k0) / 1e9;

                long c0 = System.nanoTime();
                List<String> last = new CopyOnWriteArrayList<>();
                try {
                    awaitUntil("the engine is back and mirrored", () -> {
                        List<String> state = new ArrayList<>(converged(client, docker));
                        if (!engineConnected(client)) {
                            state.add("ContainerEngineReady is not Connected");
                        }
                        if (restartCount(client) != restartsAfter) {
                            state.add("restartCount " + restartCount(client));
                        }
                        last.clear();
                        last.addAll(state);
                        return state.isEmpty();
                    });
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + ": " + last, e);
                }
                double convergeSeconds = (System.nanoTime() - c0) / 1e9;

                // Uids of the surviving objects are unchanged; removed ones have no mirror, new ones have one.
                Map<String, String> uidsAfter = uids(client);
                List<String> changed = new ArrayList<>();
                for (var e : uidsBefore.entrySet()) {
                    String name = e.getKey();
                    boolean survived = !removed.contains(name.substring(name.indexOf('/') + 1));
                    if (survived && !e.getValue().equals(uidsAfter.get(name))) {
                        changed.add(name + ": " + e.getValue() + " → " + uidsAfter.get(name));
                    }
                }
                assertEquals(List.of(), changed, "uids of surviving objects");
                assertEquals(List.of(), converged(client, docker), "mirrors versus Docker");

                // The conditions: Running stayed True; Restarting, then CrashLoopBackOff with its back-off; Started.
                awaitUntil("the watch saw Started with restartCount " + restartsAfter, () -> running.stream()
                        .anyMatch(r -> ConditionReasons.Running.STARTED.equals(r.reason()) && Integer.valueOf(restartsAfter).equals(r.restartCount())));
                assertTrue(running.stream().allMatch(r -> Conditions.TRUE.equals(r.status())), "Running stayed True: " + running);
                assertTrue(running.stream().anyMatch(r -> ConditionReasons.Running.RESTARTING.equals(r.reason())), "Restarting seen: " + running);
                List<Running> backOff = running.stream().filter(r -> ConditionReasons.Running.CRASH_LOOP_BACK_OFF.equals(r.reason())).toList();
                assertTrue(!backOff.isEmpty() && backOff.stream().allMatch(r -> r.message().contains("back-off")),
                        "CrashLoopBackOff with the back-off in the message: " + running);
                Optional<String> appRunning = Optional.ofNullable(client.resources(App.class).withName(App.NAME).get().getStatus())
                        .flatMap(s -> Conditions.find(s.getConditions(), ConditionTypes.RUNNING)).map(c -> c.getStatus() + "/" + c.getReason());

                ReliabilityFigures.report("EngineCrashLoopIT",
                        ReliabilityFigures.format("%d objects (%d containers, %d volumes, 1 image) created with Docker in %.1f s and mirrored",
                                containers + volumes, containers, volumes, setupSeconds),
                        ReliabilityFigures.format("%d dockerd kills in %.1f s; %d of the %d re-kills landed before the resync of the restarted engine finished (%s); %d full syncs completed meanwhile",
                                KILLS, killSeconds, killedDuringSync, KILLS - 1, String.join(", ", notes), count(log, "Full sync done") - syncsBefore),
                        ReliabilityFigures.format("converged %.1f s after the last kill: %d mirrors, %d removed and %d new volumes, no uid changed",
                                convergeSeconds, uidsAfter.size(), removed.size(), created),
                        "VirtualMachine Running reasons seen: " + running.stream().map(r -> r.reason() + (r.restartCount() == null ? "" : "(" + r.restartCount() + ")"))
                                .distinct().collect(Collectors.joining(" → ")) + "; App Running now " + appRunning.orElse("?"),
                        "a CrashLoopBackOff message: " + backOff.getLast().message());
            }
        }
    }

    private static boolean engineConnected(KubernetesClient client) {
        App a = client.resources(App.class).withName(App.NAME).get();
        return a != null && a.getStatus() != null && Conditions.find(a.getStatus().getConditions(), ConditionTypes.CONTAINER_ENGINE_READY)
                .filter(c -> Conditions.TRUE.equals(c.getStatus()) && ConditionReasons.ContainerEngineReady.CONNECTED.equals(c.getReason()))
                .isPresent();
    }

    private static int restartCount(KubernetesClient client) {
        VirtualMachine vm = client.resources(VirtualMachine.class).inNamespace(R).withName(VirtualMachine.APP_VM_NAME).get();
        return vm == null || vm.getStatus() == null || vm.getStatus().getRestartCount() == null ? 0 : vm.getStatus().getRestartCount();
    }

    private static boolean answers(DockerClient docker) {
        try {
            docker.pingCmd().exec();
            return true;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Kind/name → uid of every mirror in the namespace. */
    private static Map<String, String> uids(KubernetesClient client) {
        Map<String, String> uids = new HashMap<>();
        client.resources(Container.class).inNamespace(R).list().getItems().forEach(c -> uids.put("container/" + c.getMetadata().getName(), c.getMetadata().getUid()));
        client.resources(Volume.class).inNamespace(R).list().getItems().forEach(v -> uids.put("volume/" + v.getStatus().getName(), v.getMetadata().getUid()));
        client.resources(Image.class).inNamespace(R).list().getItems().forEach(i -> uids.put("image/" + i.getMetadata().getName(), i.getMetadata().getUid()));
        return uids;
    }

    /** The differences between Docker and the mirrors (empty when converged): missing, orphan or duplicate mirrors. */
    private static List<String> converged(KubernetesClient client, DockerClient docker) {
        List<String> diff = new ArrayList<>();
        try {
            compare(diff, "container", docker.listContainersCmd().withShowAll(true).exec().stream().map(c -> c.getId()).toList(),
                    client.resources(Container.class).inNamespace(R).list().getItems().stream().map(c -> c.getMetadata().getName()).toList());
            compare(diff, "volume", docker.listVolumesCmd().exec().getVolumes().stream().map(v -> v.getName()).toList(),
                    client.resources(Volume.class).inNamespace(R).list().getItems().stream()
                            .map(v -> v.getStatus() == null ? "?" : v.getStatus().getName()).toList());
            compare(diff, "image", docker.listImagesCmd().exec().stream().map(i -> i.getId()).toList(),
                    client.resources(Image.class).inNamespace(R).list().getItems().stream()
                            .map(i -> i.getStatus() == null ? "?" : i.getStatus().getId()).distinct().toList());
        } catch (RuntimeException engineDown) {
            diff.add("not comparable now: " + engineDown.getMessage());
        }
        return diff;
    }

    private static void compare(List<String> diff, String kind, List<String> inDocker, List<String> mirrored) {
        Set<String> docker = new HashSet<>(inDocker);
        Set<String> mirrors = new HashSet<>(mirrored);
        if (mirrors.size() != mirrored.size()) {
            diff.add(kind + ": duplicate mirrors");
        }
        docker.stream().filter(d -> !mirrors.contains(d)).limit(5).forEach(d -> diff.add(kind + " not mirrored: " + d));
        mirrors.stream().filter(m -> !docker.contains(m)).limit(5).forEach(m -> diff.add(kind + " orphan mirror: " + m));
    }

    /** The dockerd that serves the instance's socket (matched on its command line). */
    private static OptionalLong dockerdPid(InstancePaths paths) {
        String socket = paths.dockerSocket();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/dockerd")).orElse(false))
                .filter(p -> p.info().commandLine().map(c -> c.contains(socket)).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst();
    }

    private static int count(Path log, String needle) {
        try {
            return (int) Files.readAllLines(log).stream().filter(l -> l.contains(needle)).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static void importTestImage(String host) throws Exception {
        // DockerdProcess imports the image for the engines it starts; this engine is the service's.
        byte[] tar = io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures.tarOf("crash-loop");
        io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures.importTarball(host, DockerdProcess.TEST_IMAGE, tar);
    }

    /** Stops the service, then the engine it leaves running for adoption, then whatever still names the home. */
    private static void stopEverything(ServeProcess service, InstancePaths paths) throws InterruptedException {
        try {
            if (service != null) {
                try {
                    service.terminate(Duration.ofSeconds(30));
                } catch (RuntimeException e) {
                    service.close();
                }
            }
        } finally {
            try (ProcessDriver sweeper = new ProcessDriver(paths, HostEnvironment.system(), RestartPolicy.DEFAULT)) {
                sweeper.stop(Duration.ofSeconds(30)); // finds the engine through its adoption record; unmounts its data root
            } catch (Exception e) {
                System.err.println("stopping the engine left running: " + e);
            } finally {
                String needle = paths.home().toString() + "/";
                List<ProcessHandle> left = ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                        .filter(p -> p.info().commandLine().map(c -> c.contains(needle)).orElse(false)).toList();
                left.forEach(ProcessHandle::destroyForcibly);
                for (ProcessHandle p : left) {
                    p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(x -> p).join();
                }
            }
        }
    }

    private static void awaitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + T.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + ": not within " + T);
            }
            Thread.sleep(100); // polling observable state, with a deadline
        }
    }
}
