package io.rancherdesktop.rdd.controller.engine.bench;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePullRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePullRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.controller.engine.EngineControllerSettings;
import io.rancherdesktop.rdd.controller.engine.request.RequestReconciler;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.EngineFixtures;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.BenchReport;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.LoopbackRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Request kinds against the docker CLI doing the same (docs/benchmarks.md, "Requests"; issue 11), one private dockerd,
 * one loopback {@code docker-registry}, the rdd API server with the engine and request controllers in this JVM:
 * <ul>
 *   <li>pull: {@code docker pull} of a {@code --mb} MB image (random data, so nothing compresses) from the registry
 *   against an ImagePullRequest of it, created → {@code Complete=True} seen by a watch; {@code docker rmi} between;</li>
 *   <li>run: {@code docker run -d --network none} of a local image against a ContainerCreateRequest of the same,
 *   created → {@code Complete=True} (container started) seen by a watch, and → its Container mirror showing
 *   {@code running} seen by a watch.</li>
 * </ul>
 * Reps are interleaved (docker, rdd, docker, rdd…) after one warm-up of each, medians and ranges reported. Usage:
 * {@code RequestsBenchmark [--mb N] [--runs N] [--out FILE] [--results FILE]}.
 */
public final class RequestsBenchmark {
    private static final String NS = "bench";
    private static final Duration T = Duration.ofMinutes(5);
    private final int mb;
    private final int runs;
    private final Path out;
    private final Path results;

    private RequestsBenchmark(Map<String, String> args) {
        mb = Integer.parseInt(args.getOrDefault("mb", "60"));
        runs = Integer.parseInt(args.getOrDefault("runs", "7"));
        out = args.containsKey("out") ? Path.of(args.get("out")) : null;
        results = args.containsKey("results") ? Path.of(args.get("results")) : null;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new java.util.HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("usage: RequestsBenchmark [--mb N] [--runs N] [--out FILE] [--results FILE];"
                        + " bad argument: " + argv[i]);
            }
            args.put(argv[i].substring(2), argv[++i]);
        }
        new RequestsBenchmark(args).run();
        System.exit(0);
    }

    private static void log(String fmt, Object... a) {
        System.err.printf(Locale.ROOT, "requests-bench: " + fmt + "%n", a);
    }

    private record Stats(long median, long min, long max) {
        static Stats of(List<Long> ns) {
            long[] a = ns.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Stats(a[a.length / 2], a[0], a[a.length - 1]);
        }

        String ms() {
            return String.format(Locale.ROOT, "%d ms (%d–%d)", median / 1_000_000, min / 1_000_000, max / 1_000_000);
        }
    }

    private void run() throws Exception {
        try (DockerdProcess engine = DockerdProcess.startPrivateInstance(Path.of("target", "bench-requests"));
             LoopbackRegistry registry = LoopbackRegistry.start();
             TestApiServer api = TestApiServer.start();
             EngineControllerHarness harness = EngineControllerHarness.start(api, NS, engine::host, true, ContainerEngine.MOBY, "*",
                     EngineControllerSettings.defaults())) {
            harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
            DockerClient docker = engine.client();
            String ref = registry.host() + "/bench/random:" + mb + "mb";
            long t0 = System.nanoTime();
            EngineFixtures.importTarball(engine.host(), ref, randomTar(mb));
            docker(engine, "push", ref);
            docker(engine, "rmi", ref);
            log("%d MB image pushed to %s in %d s", mb, registry.host(), (System.nanoTime() - t0) / 1_000_000_000);
            KubernetesClient k = harness.client();

            List<Long> dockerPull = new ArrayList<>(), rddPull = new ArrayList<>();
            for (int r = -1; r < runs; r++) { // r = -1: warm-up
                long a = timed(() -> docker(engine, "pull", ref));
                removeImage(engine, k, ref);
                long b = pullRequest(k, "pull-" + (r + 1), ref);
                removeImage(engine, k, ref);
                log("pull %d: docker pull %d ms, ImagePullRequest %d ms", r, a / 1_000_000, b / 1_000_000);
                if (r >= 0) {
                    dockerPull.add(a);
                    rddPull.add(b);
                }
            }

            List<Long> dockerRun = new ArrayList<>(), rddComplete = new ArrayList<>(), rddMirror = new ArrayList<>();
            Map<String, Long> running = new ConcurrentHashMap<>();
            try (Watch w = k.resources(Container.class).inNamespace(NS).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Container c) {
                    long now = System.nanoTime();
                    if (c.getStatus() != null && c.getStatus().getStatus() == RunStatus.RUNNING) {
                        running.putIfAbsent(c.getMetadata().getName(), now);
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            })) {
                for (int r = -1; r < runs; r++) {
                    String dockerName = "bench_docker_" + (r + 1);
                    long a = timed(() -> docker(engine, "run", "-d", "--network", "none", "--name", dockerName,
                            DockerdProcess.TEST_IMAGE, "sleep", "600"));
                    long[] b = createRequest(k, "run-" + (r + 1), running);
                    log("run %d: docker run -d %d ms, ContainerCreateRequest → Complete %d ms, → mirror running %d ms",
                            r, a / 1_000_000, b[0] / 1_000_000, b[1] / 1_000_000);
                    docker.removeContainerCmd(dockerName).withForce(true).exec();
                    docker.removeContainerCmd("bench_rdd_" + (r + 1)).withForce(true).exec();
                    if (r >= 0) {
                        dockerRun.add(a);
                        rddComplete.add(b[0]);
                        rddMirror.add(b[1]);
                    }
                }
            }
            report(Stats.of(dockerPull), Stats.of(rddPull), Stats.of(dockerRun), Stats.of(rddComplete), Stats.of(rddMirror),
                    docker.versionCmd().exec().getVersion());
        }
    }

    /** Create → Complete=True seen by a watch (fabric8's waitUntilCondition: list + watch, no polling). */
    private static long pullRequest(KubernetesClient k, String name, String ref) {
        ImagePullRequest req = new ImagePullRequest();
        req.setMetadata(meta(name));
        ImagePullRequestSpec spec = new ImagePullRequestSpec();
        spec.setRepoTag(ref);
        req.setSpec(spec);
        long t = System.nanoTime();
        k.resource(req).create();
        ImagePullRequest done = k.resources(ImagePullRequest.class).inNamespace(NS).withName(name)
                .waitUntilCondition(x -> x != null && RequestReconciler.finished(x.getStatus()), T.toMillis(), TimeUnit.MILLISECONDS);
        long elapsed = System.nanoTime() - t;
        complete(done.getStatus(), name);
        k.resource(done).delete();
        return elapsed;
    }

    /** {@code [create → Complete, create → its Container mirror running]} in ns. */
    private static long[] createRequest(KubernetesClient k, String name, Map<String, Long> running) {
        ContainerCreateRequest req = new ContainerCreateRequest();
        req.setMetadata(meta(name));
        ContainerCreateRequestSpec spec = new ContainerCreateRequestSpec();
        spec.setImage(DockerdProcess.TEST_IMAGE);
        spec.setName("bench_rdd_" + name.substring(name.indexOf('-') + 1));
        spec.setNetworkMode("none");
        spec.setArgs(List.of("sleep", "600"));
        req.setSpec(spec);
        long t = System.nanoTime();
        k.resource(req).create();
        ContainerCreateRequest done = k.resources(ContainerCreateRequest.class).inNamespace(NS).withName(name)
                .waitUntilCondition(x -> x != null && RequestReconciler.finished(x.getStatus()), T.toMillis(), TimeUnit.MILLISECONDS);
        long complete = System.nanoTime() - t;
        complete(done.getStatus(), name);
        String id = done.getStatus().getContainerRef();
        long mirror = Await.value("mirror of " + id + " running", T, () -> running.get(id)) - t;
        k.resource(done).delete();
        return new long[] {complete, mirror};
    }

    private static void complete(RequestStatus s, String name) {
        if (!Conditions.isTrue(s.getConditions(), ConditionTypes.COMPLETE)) {
            throw new IllegalStateException(name + " did not complete: " + s.getConditions());
        }
    }

    /** docker rmi, then waits until no Image mirror of the tag is left (the controller's work is not in the next rep). */
    private static void removeImage(DockerdProcess engine, KubernetesClient k, String ref) {
        docker(engine, "rmi", ref);
        Await.until("image mirrors of " + ref + " gone", T, () -> k.resources(Image.class).inNamespace(NS).list().getItems().stream()
                .noneMatch(i -> i.getStatus() != null && ref.equals(i.getStatus().getRepoTag())));
    }

    private static ObjectMeta meta(String name) {
        ObjectMeta m = new ObjectMeta();
        m.setName(name);
        m.setNamespace(NS);
        return m;
    }

    /** A tar of {@code mb} MB of random bytes in three files. */
    private static byte[] randomTar(int mb) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(mb * 1_000_000 + 1_000_000);
        Random random = new Random(42);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (int f = 0; f < 3; f++) {
                byte[] data = new byte[mb * 1_000_000 / 3];
                random.nextBytes(data);
                TarArchiveEntry e = new TarArchiveEntry("data/random-" + f);
                e.setSize(data.length);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The docker CLI against the private engine; fails on a non-zero exit. */
    private static void docker(DockerdProcess engine, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", engine.host()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!p.waitFor(T.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue() + ": "
                        + new String(output.join(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long timed(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return System.nanoTime() - t;
    }

    private void report(Stats dockerPull, Stats rddPull, Stats dockerRun, Stats rddComplete, Stats rddMirror, String dockerVersion)
            throws IOException {
        double pullRatio = (double) rddPull.median() / dockerPull.median();
        double runBudgetMs = 1.5 * dockerRun.median() / 1e6 + 100;
        double completeMs = rddComplete.median() / 1e6;
        double mirrorMs = rddMirror.median() / 1e6;
        String section = String.format(Locale.ROOT, """
                ## Requests

                Measured %s on %d CPUs shared with other engineers' builds (the machine was loaded: single reps vary, the
                medians and ranges below are what to compare), dockerd %s (`--storage-driver=vfs`, private instance), JDK %s,
                a loopback `docker-registry`, the rdd API server with the engine and request controllers in the benchmark's JVM.
                Reps interleaved (docker, rdd, docker, rdd…), median (min–max) of %d after one warm-up of each. The rdd side is
                timed from the create call until a watch sees the outcome (fabric8 `waitUntilCondition`: list + watch, no
                polling); the docker side is the docker CLI's wall time (its process start included, as a user sees it).

                | what | docker CLI | rdd request | ratio | goal |
                |---|---|---|---|---|
                | pull of a %d MB image (random data, one layer) from the loopback registry; `docker rmi` between reps | `docker pull`: %s | ImagePullRequest → Complete: %s | **%.2f×** | ≤ 1.1× |
                | run of a local image, `--network none`, `sleep 600` | `docker run -d`: %s | ContainerCreateRequest → Complete (started): %s | %.2f× | ≤ 1.5× + 100 ms = %.0f ms: **%s** |
                | the same, until the Container mirror shows `running` (a Container watch) | | %s | %.2f× | |

                `rdd ctl pull` / `rdd ctl run` add the CLI's own start (`rdd ctl get` figures in "CLI" below) to the request
                times. `scripts/bench/requests.sh` reruns it (`--mb N --runs N`).
                """, BenchReport.today(), Runtime.getRuntime().availableProcessors(), dockerVersion,
                System.getProperty("java.runtime.version"), runs, mb, dockerPull.ms(), rddPull.ms(), pullRatio,
                dockerRun.ms(), rddComplete.ms(), completeMs / (dockerRun.median() / 1e6), runBudgetMs,
                completeMs <= runBudgetMs ? "met" : "missed", rddMirror.ms(), mirrorMs / (dockerRun.median() / 1e6));
        System.out.println(section);
        if (out != null) {
            BenchReport.writeSection(out, "## Requests", section);
        }
        if (results != null) {
            new BenchReport()
                    .result("requests.pull.ratio_to_docker_pull", pullRatio, "x", "<= 1.1", "docker pull of the same " + mb + " MB image")
                    .result("requests.run.over_budget", completeMs - 1.5 * dockerRun.median() / 1e6, "ms", "<= 100",
                            "1.5 × docker run -d of the same image (request → Complete)")
                    .result("requests.run.ratio_to_docker_run", completeMs / (dockerRun.median() / 1e6), "x", "", "")
                    .result("requests.run.mirror_running_ratio_to_docker_run", mirrorMs / (dockerRun.median() / 1e6), "x", "", "")
                    .writeResults(results);
        }
    }
}
