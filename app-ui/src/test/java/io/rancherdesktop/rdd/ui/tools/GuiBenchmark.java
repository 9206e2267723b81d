package io.rancherdesktop.rdd.ui.tools;

import io.rancherdesktop.rdd.instance.Instance;

import io.rancherdesktop.rdd.instance.InstancePaths;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.ui.GuiSession;
import io.rancherdesktop.rdd.ui.command.KubernetesApiCommands;
import io.rancherdesktop.rdd.ui.feed.ApiFeeds;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer;
import io.rancherdesktop.rdd.ui.launch.ServiceConnection;
import io.rancherdesktop.rdd.ui.launch.ServiceConnector;
import io.rancherdesktop.rdd.ui.model.ResourceKeys;
import io.rancherdesktop.rdd.ui.testing.DockerCli;
import io.rancherdesktop.rdd.ui.testing.Mirrors;
import io.rancherdesktop.rdd.vm.EngineLayout;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.rancherdesktop.rdd.ui.testing.TempHome;
import javafx.application.Platform;
import javafx.stage.Stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The GUI benchmark behind {@code scripts/bench/gui.sh} (docs/benchmarks.md, "GUI"). Modes:
 * <ul>
 *   <li>{@code measure OUT [--changes N] [--images N]}: in this JVM, a real service (private home) and the real GUI
 *   session on a real display; API change → row latency, and 5,000 images live and at start-up. Writes key=value
 *   lines to OUT.</li>
 *   <li>{@code serve INSTANCE N READY}: serves the instance with the demo desktop and N images, READY written once in (for the idle
 *   measurement of the real {@code rdd-gui} process, which the script does from {@code /proc}).</li>
 *   <li>{@code report MEASURED IDLE BENCHMARKS_MD}: replaces the "## GUI" section of docs/benchmarks.md.</li>
 * </ul>
 */
public final class GuiBenchmark {

    private GuiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "measure" -> measure(Path.of(args[1]), intFlag(args, "--changes", 100), intFlag(args, "--images", 5000));
            case "serve" -> serve(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
            case "report" -> report(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.exit(0);
    }

    private static int intFlag(String[] args, String flag, int def) {
        List<String> a = Arrays.asList(args);
        int i = a.indexOf(flag);
        return i >= 0 && i + 1 < a.size() ? Integer.parseInt(a.get(i + 1)) : def;
    }

    /**
     * Runs the instance's service in this JVM with the demo desktop and {@code images} images, writes {@code ready}
     * once they are in, and serves until killed. The mirrors are written as the test (Mirrors.writtenByTheTest): only
     * the engine controller may create them, and its token never leaves a service.
     */
    private static void serve(String instance, int images, Path ready) throws Exception {
        InstancePaths paths = InstancePaths.forInstance(new Instance(instance));
        ServiceConnection service = new ServiceConnector(paths,
                p -> Mirrors.writtenByTheTest(ServiceConnector.serveOptions(p).withControllers("*", List.of()))).connect();
        DemoData demo = new DemoData(service.client());
        // Mirrors only: no App controller runs, so nothing starts an engine.
        demo.mirrors();
        demo.manyImages(images, 8);
        Files.writeString(ready, "ready\n");
        new java.util.concurrent.CountDownLatch(1).await(); // until SIGTERM
    }

    private static void measure(Path out, int changes, int images) throws Exception {
        Map<String, String> results = new LinkedHashMap<>();
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        Platform.startup(() -> { });
        Stage stage = onFx(Stage::new);
        try (TempHome home = new TempHome("bench")) {
            ServiceConnection service = new ServiceConnector(home.paths(),
                    p -> Mirrors.writtenByTheTest(ServiceConnector.serveOptions(p).withSecurePort(0).withControllers("*", List.of()))).connect();
            KubernetesClient client = service.client();

            GuiSession session = startSession(client, workers, stage);
            latency(client, session, changes, results);
            liveImages(client, session, images, results);
            onFx(() -> {
                session.close();
                return null;
            });

            // Start-up with the images already in the API: the informer's initial list fills the table.
            long t0 = System.nanoTime();
            GuiSession cold = startSession(client, workers, stage);
            long[] rendered = awaitRendered(stage, () -> cold.images().size() >= images, 300);
            results.put("startup.images", Integer.toString(images));
            results.put("startup.rows_ms", ms(rendered[0] - t0));
            results.put("startup.rendered_ms", ms(rendered[1] - t0));
            onFx(() -> {
                cold.close();
                return null;
            });
            service.close();
        }
        if (DockerCli.installed()) {
            engineLatency(changes / 2, results, workers);
        }
        workers.shutdownNow();
        onFx(() -> {
            stage.close();
            return null;
        });
        results.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        results.put("jdk", System.getProperty("java.vm.version"));
        results.put("prism", String.valueOf(System.getProperty("prism.order")));
        StringBuilder b = new StringBuilder();
        results.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Files.writeString(out, b.toString());
        System.err.print(b);
        Platform.exit();
    }

    private static GuiSession startSession(KubernetesClient client, ExecutorService workers, Stage stage) throws Exception {
        return onFx(() -> {
            GuiSession s = new GuiSession(ApiFeeds.informers(client), new KubernetesApiCommands(client, workers),
                    Platform::runLater, UpdateCoalescer.DEFAULT_INTERVAL);
            stage.setScene(s.window().scene());
            stage.show();
            s.start();
            return s;
        });
    }

    /** API status write → row updated on the FX thread → next layout pulse, one change at a time. */
    private static void latency(KubernetesClient client, GuiSession session, int changes, Map<String, String> results) throws Exception {
        Container c = Mirrors.container(client, "default", "latency-probe", RunStatus.RUNNING);
        String key = ResourceKeys.of(c);
        Stage stage = (Stage) session.window().scene().getWindow();
        awaitRendered(stage, () -> session.containers().row(key).isPresent(), 30);
        List<Long> toRow = new ArrayList<>();
        List<Long> toPulse = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            RunStatus next = i % 2 == 0 ? RunStatus.EXITED : RunStatus.RUNNING;
            Container current = client.resources(Container.class).inNamespace("default").withName(c.getMetadata().getName()).get();
            current.getStatus().setStatus(next);
            long t0 = System.nanoTime();
            client.resources(Container.class).resource(current).updateStatus();
            long[] seen = awaitRendered(stage, () -> session.containers().row(key)
                    .map(r -> r.object().getStatus().getStatus() == next).orElse(false), 30);
            toRow.add(seen[0] - t0);
            toPulse.add(seen[1] - t0);
            // Space the changes like user-visible events, so each measures an idle GUI's reaction.
            Thread.sleep(120);
        }
        results.put("latency.changes", Integer.toString(changes));
        results.put("latency.row_p50_ms", ms(percentile(toRow, 50)));
        results.put("latency.row_p95_ms", ms(percentile(toRow, 95)));
        results.put("latency.drawn_p50_ms", ms(percentile(toPulse, 50)));
        results.put("latency.drawn_p95_ms", ms(percentile(toPulse, 95)));
        results.put("latency.drawn_max_ms", ms(percentile(toPulse, 100)));
    }

    /**
     * A Docker event → row: the whole chain (dockerd event → engine controller → status write → watch → GUI) on a real
     * engine that the service's controllers run with the process driver. Pause/unpause through the Docker API.
     */
    private static void engineLatency(int cycles, Map<String, String> results, ExecutorService workers) throws Exception {
        try (TempHome home = new TempHome("benchengine")) {
            ServiceConnection service = new ServiceConnector(home.paths(), p -> ServiceConnector.serveOptions(p).withSecurePort(0)).connect();
            Stage stage = onFx(Stage::new);
            GuiSession session = startSession(service.client(), workers, stage);
            EngineDesktop engine = new EngineDesktop(service.client(), home.paths());
            try {
                engine.startMachine();
                String host = "unix://" + new EngineLayout(home.paths()).dockerSocket();
                DockerCli cli = new DockerCli(host);
                cli.importTestImage(home.home());
                String id = cli.run("run", "-d", "--network", "none", "--name", "probe", DockerCli.TEST_IMAGE, "sleep", "86400");
                String key = ResourceKeys.of("default", id);
                awaitRendered(stage, () -> session.containers().row(key)
                        .map(r -> r.object().getStatus() != null && r.object().getStatus().getStatus() == RunStatus.RUNNING).orElse(false), 120);
                var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
                try (var http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build();
                     DockerClient docker = DockerClientImpl.getInstance(config, http)) {
                    List<Long> toRow = new ArrayList<>();
                    List<Long> toPulse = new ArrayList<>();
                    for (int i = 0; i < cycles * 2; i++) {
                        boolean pause = i % 2 == 0;
                        RunStatus expected = pause ? RunStatus.PAUSED : RunStatus.RUNNING;
                        long t0 = System.nanoTime();
                        if (pause) {
                            docker.pauseContainerCmd(id).exec();
                        } else {
                            docker.unpauseContainerCmd(id).exec();
                        }
                        long[] seen = awaitRendered(stage, () -> session.containers().row(key)
                                .map(r -> r.object().getStatus() != null && r.object().getStatus().getStatus() == expected).orElse(false), 60);
                        toRow.add(seen[0] - t0);
                        toPulse.add(seen[1] - t0);
                        Thread.sleep(120);
                    }
                    results.put("engine.changes", Integer.toString(toRow.size()));
                    results.put("engine.row_p50_ms", ms(percentile(toRow, 50)));
                    results.put("engine.row_p95_ms", ms(percentile(toRow, 95)));
                    results.put("engine.drawn_p50_ms", ms(percentile(toPulse, 50)));
                    results.put("engine.drawn_p95_ms", ms(percentile(toPulse, 95)));
                }
            } finally {
                engine.close();
                onFx(() -> {
                    session.close();
                    stage.close();
                    return null;
                });
                service.close();
            }
        }
    }

    /** 5,000 Image objects created through the API while the Images tab is showing. */
    private static void liveImages(KubernetesClient client, GuiSession session, int images, Map<String, String> results) throws Exception {
        onFx(() -> {
            session.window().tabs().getSelectionModel().select(1);
            return null;
        });
        Stage stage = (Stage) session.window().scene().getWindow();
        AtomicLong batches = new AtomicLong();
        session.images().onApplied(b -> batches.incrementAndGet());
        long t0 = System.nanoTime();
        new DemoData(client).manyImages(images, 8);
        long written = System.nanoTime();
        long[] rendered = awaitRendered(stage, () -> session.images().size() >= images, 300);
        results.put("live.images", Integer.toString(images));
        results.put("live.api_writes_ms", ms(written - t0));
        results.put("live.rows_ms", ms(rendered[0] - t0));
        results.put("live.rendered_ms", ms(rendered[1] - t0));
        results.put("live.after_last_write_ms", ms(rendered[1] - written));
        results.put("live.ui_batches", Long.toString(batches.get()));
    }

    /**
     * Waits until {@code condition} holds on the FX thread, checked after every layout pulse and every applied
     * batch; returns [when it first held, the end of the next layout pulse].
     */
    private static long[] awaitRendered(Stage stage, BooleanSupplier condition, int timeoutSeconds) throws Exception {
        long[] times = new long[2];
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch drawn = new CountDownLatch(1);
        Runnable[] pulse = new Runnable[1];
        pulse[0] = () -> {
            if (held.getCount() > 0 && condition.getAsBoolean()) {
                times[0] = System.nanoTime();
                held.countDown();
                // the scene is laid out and drawn in the pulse that follows this change
                javafx.application.Platform.requestNextPulse();
            } else if (held.getCount() == 0 && drawn.getCount() > 0) {
                times[1] = System.nanoTime();
                drawn.countDown();
                stage.getScene().removePostLayoutPulseListener(pulse[0]);
            }
        };
        onFx(() -> {
            stage.getScene().addPostLayoutPulseListener(pulse[0]);
            return null;
        });
        // The condition may change without a pulse (hidden rows): poll it on the FX thread too.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (held.getCount() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + timeoutSeconds + " s");
            }
            onFx(() -> {
                if (held.getCount() > 0 && condition.getAsBoolean()) {
                    times[0] = System.nanoTime();
                    held.countDown();
                    javafx.application.Platform.requestNextPulse();
                }
                return null;
            });
            held.await(2, TimeUnit.MILLISECONDS);
        }
        if (!drawn.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no pulse after the change");
        }
        return times;
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static <R> R onFx(Callable<R> body) throws Exception {
        FutureTask<R> task = new FutureTask<>(body);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }

    private static Map<String, String> load(Path p) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(p)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return m;
    }

    private static void report(Path measured, Path idle, Path benchmarks) throws IOException {
        Map<String, String> m = load(measured);
        Map<String, String> i = load(idle);
        String section = """
                ## GUI

                Measured %s on %s CPUs (shared), JDK %s, Xvfb with JavaFX's software pipeline (`prism.order=%s`), GTK glass.
                The GUI talks to a real rdd service (embedded API server over HTTPS, fabric8 informers). Except for the
                Docker-event row (a real dockerd run by the service's controllers), the objects are written through the
                API. Reproduce: `scripts/bench/gui.sh`.

                | measurement | result |
                |---|---|
                | API change → row updated (status write of one Container, %s changes, one at a time) | p50 **%s ms**, p95 %s ms |
                | API change → row drawn (the next layout pulse) | p50 **%s ms**, p95 %s ms, max %s ms |
                | Docker event → row drawn (`docker pause`/`unpause` through the Docker API on a real dockerd; event → engine controller → status write → watch → GUI; %s changes) | p50 **%s ms**, p95 %s ms (row updated: p50 %s ms) |
                | %s Image objects created in the API while the Images tab shows (8 writers) | all rows drawn **%s ms** after the first write; API writes took %s ms; %s ms after the last write; %s UI batches |
                | GUI start with %s images already in the API (informer list → table drawn) | rows %s ms, drawn **%s ms** |
                | idle CPU of the `rdd-gui` process over %s s (attached to a separate service, %s images, window showing) | **%s %%** of one core |
                | its resident memory (RSS) after that minute | **%s MiB** |

                Reading: a change reaches the row in one informer event and at most one coalescing interval (50 ms: the
                first change after a quiet period is applied at once, later ones wait for the next drain), so latency is
                dominated by the HTTPS write and the watch event, not by the table. The 5,000-image burst is bound by the
                API writes; the GUI applies it in a few batches instead of 5,000 updates. Idle, nothing polls: no timer
                runs, informers only wait on their watch, and JavaFX draws no pulses.
                """.formatted(java.time.LocalDate.now(), m.get("cpus"), m.get("jdk"), m.get("prism"),
                m.get("latency.changes"), m.get("latency.row_p50_ms"), m.get("latency.row_p95_ms"),
                m.get("latency.drawn_p50_ms"), m.get("latency.drawn_p95_ms"), m.get("latency.drawn_max_ms"),
                m.getOrDefault("engine.changes", "0"), m.getOrDefault("engine.drawn_p50_ms", "n/a"),
                m.getOrDefault("engine.drawn_p95_ms", "n/a"), m.getOrDefault("engine.row_p50_ms", "n/a"),
                m.get("live.images"), m.get("live.rendered_ms"), m.get("live.api_writes_ms"), m.get("live.after_last_write_ms"),
                m.get("live.ui_batches"), m.get("startup.images"), m.get("startup.rows_ms"), m.get("startup.rendered_ms"),
                i.get("seconds"), i.get("images"), i.get("cpu_percent"), i.get("rss_mib"));
        String doc = Files.exists(benchmarks) ? Files.readString(benchmarks) : "# Benchmarks\n";
        int start = doc.indexOf("\n## GUI\n");
        String updated;
        if (start < 0) {
            updated = doc.stripTrailing() + "\n\n" + section;
        } else {
            // The section ends at the next heading or at another script's "<!-- bench:" marker (which must stay).
            int heading = doc.indexOf("\n## ", start + 1);
            int marker = doc.indexOf("\n<!-- bench:", start + 1);
            int next = heading < 0 ? marker : marker < 0 ? heading : Math.min(heading, marker);
            updated = doc.substring(0, start + 1) + section + (next < 0 ? "" : "\n" + doc.substring(next + 1));
        }
        Files.writeString(benchmarks, updated);
        System.err.println("gui bench: wrote the GUI section of " + benchmarks);
    }
}
