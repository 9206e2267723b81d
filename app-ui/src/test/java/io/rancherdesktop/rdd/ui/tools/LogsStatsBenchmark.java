package io.rancherdesktop.rdd.ui.tools;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.ui.GuiSession;
import io.rancherdesktop.rdd.ui.command.KubernetesApiCommands;
import io.rancherdesktop.rdd.ui.feed.ApiFeeds;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer;
import io.rancherdesktop.rdd.ui.launch.ServiceConnection;
import io.rancherdesktop.rdd.ui.launch.ServiceConnector;
import io.rancherdesktop.rdd.ui.model.ContainerFacts;
import io.rancherdesktop.rdd.ui.model.ResourceRow;
import io.rancherdesktop.rdd.ui.stream.HttpContainerStreams;
import io.rancherdesktop.rdd.ui.testing.DockerCli;
import io.rancherdesktop.rdd.ui.testing.TempHome;
import io.rancherdesktop.rdd.ui.view.exec.TerminalLauncher;
import io.rancherdesktop.rdd.ui.view.logs.LogLine;
import io.rancherdesktop.rdd.ui.view.logs.LogsPane;
import io.rancherdesktop.rdd.ui.view.stats.StatsMonitor;
import io.rancherdesktop.rdd.ui.view.tools.ContainerTools;
import io.rancherdesktop.rdd.vm.EngineLayout;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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

/**
 * The Logs pane and stats columns benchmark behind {@code scripts/bench/gui-tools.sh} (docs/benchmarks.md, "Container
 * logs and stats in the GUI"). Two processes, as a user has them: a service JVM ({@code serve}: the rdd service with
 * its controllers and the process driver's real dockerd) and this GUI JVM ({@code measure}: the real GUI session on a
 * real display, attached to that service over HTTPS). Modes:
 * <ul>
 *   <li>{@code measure OUT [--reps N] [--lines N] [--cpu-seconds N] [--containers N]}: starts the service JVM, then
 *   (a) log line → pane latency against {@code docker logs -f} of the same lines, (b) a 10,000-lines/s container in the
 *   pane (frame gaps, lines shown), (c) CPU of service, GUI and dockerd with N idle containers, stats columns showing
 *   vs the Images tab; reps interleaved. Writes key=value lines to OUT.</li>
 *   <li>{@code serve HOME INSTANCE READY}: the service JVM (started by {@code measure}).</li>
 *   <li>{@code report MEASURED BENCHMARKS_MD}: writes the section of docs/benchmarks.md.</li>
 * </ul>
 */
public final class LogsStatsBenchmark {
    private static final String INSTANCE = "lsbench";
    private static final Duration WAIT = Duration.ofSeconds(180);

    private LogsStatsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "measure" -> measure(Path.of(args[1]), intFlag(args, "--reps", 3), intFlag(args, "--lines", 200),
                    intFlag(args, "--cpu-seconds", 60), intFlag(args, "--containers", 20), strFlag(args, "--phases", "a,b,c"));
            case "serve" -> serve(Path.of(args[1]), args[2], Path.of(args[3]));
            case "report" -> report(Path.of(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.exit(0);
    }

    private static String strFlag(String[] args, String flag, String def) {
        List<String> a = Arrays.asList(args);
        int i = a.indexOf(flag);
        return i >= 0 && i + 1 < a.size() ? a.get(i + 1) : def;
    }

    private static int intFlag(String[] args, String flag, int def) {
        List<String> a = Arrays.asList(args);
        int i = a.indexOf(flag);
        return i >= 0 && i + 1 < a.size() ? Integer.parseInt(a.get(i + 1)) : def;
    }

    // ------------------------------------------------------------------------------------------------ service JVM

    private static void serve(Path home, String instance, Path ready) throws Exception {
        InstancePaths paths = new InstancePaths(new Instance(instance), io.rancherdesktop.rdd.instance.Platform.current(), home, Map.of());
        ServiceConnection service = new ServiceConnector(paths, p -> ServiceConnector.serveOptions(p).withSecurePort(0)).connect();
        EngineDesktop engine = new EngineDesktop(service.client(), paths);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                engine.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("stopping the engine: " + e);
            }
            service.close();
        }));
        engine.startMachine();
        new DockerCli("unix://" + new EngineLayout(paths).dockerSocket()).importTestImage(home);
        Files.writeString(ready, ProcessHandle.current().pid() + "\n");
        new CountDownLatch(1).await(); // until SIGTERM
    }

    // ------------------------------------------------------------------------------------------------ GUI JVM

    private static void measure(Path out, int reps, int lines, int cpuSeconds, int containers, String phases) throws Exception {
        List<String> run = List.of(phases.split(","));
        Map<String, String> results = new LinkedHashMap<>();
        results.put("load_before", Files.readString(Path.of("/proc/loadavg")).strip());
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        Platform.startup(() -> { });
        TempHome home = new TempHome(INSTANCE);
        Path ready = home.home().resolve("ready");
        Path serviceLog = out.resolveSibling("lsbench-service.log");
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LogsStatsBenchmark.class.getName(), "serve", home.home().toString(), INSTANCE, ready.toString())
                .redirectErrorStream(true).redirectOutput(serviceLog.toFile()).start();
        Path dockerPid = new EngineLayout(home.paths()).dockerPidFile();
        Stage stage = null;
        GuiSession session = null;
        try {
            await("the service and its engine are up (see " + serviceLog + ")", () -> Files.exists(ready) || !serve.isAlive());
            if (!serve.isAlive()) {
                throw new IllegalStateException("the service JVM ended; see " + serviceLog);
            }
            ServiceConnection service = new ServiceConnector(home.paths(), ServiceConnector::serveOptions).connect();
            KubernetesClient client = service.client();
            String host = "unix://" + new EngineLayout(home.paths()).dockerSocket();
            DockerCli docker = new DockerCli(host);
            for (int i = 1; i <= containers; i++) {
                docker.run("run", "-d", "--network", "none", "--name", String.format(Locale.ROOT, "idle-%02d", i), DockerCli.TEST_IMAGE, "sleep", "86400");
            }
            stage = onFx(Stage::new);
            Stage st = stage;
            ContainerTools[] attached = new ContainerTools[1];
            GuiSession s = onFx(() -> {
                GuiSession g = new GuiSession(ApiFeeds.informers(client), new KubernetesApiCommands(client, workers), Platform::runLater,
                        UpdateCoalescer.DEFAULT_INTERVAL);
                attached[0] = g.attachContainerTools(new HttpContainerStreams(client), new TerminalLauncher(INSTANCE, Map.of()));
                st.setScene(g.window().scene());
                st.show();
                g.start();
                return g;
            });
            session = s;
            ContainerTools tools = attached[0];
            await("the " + containers + " idle rows", () -> onFx(() -> s.containers().size() >= containers));

            Gui gui = new Gui(s, tools, stage, new HttpContainerStreams(client));
            // Interleaved: each rep runs (a) and (b) in turn, under the same load.
            List<Rep> latencyReps = new ArrayList<>();
            List<Flood> floodReps = new ArrayList<>();
            for (int rep = 1; rep <= reps; rep++) {
                if (run.contains("a")) {
                    latencyReps.add(latency(gui, docker, host, "ticker-" + rep, lines));
                }
                if (run.contains("b")) {
                    floodReps.add(flood(gui, docker, "flood-" + rep));
                }
            }
            if (run.contains("a")) {
                putLatency(results, latencyReps, lines);
            }
            if (run.contains("b")) {
                putFlood(results, floodReps);
            }
            onFx(() -> {
                tools.logs().close();
                s.containersView().table().table().getSelectionModel().clearSelection();
                return null;
            });
            // (c): only the idle containers run now.
            if (run.contains("c")) {
                cpu(gui, containers, cpuSeconds, Math.max(2, reps - 1), serve.pid(), dockerPid, results);
            }
            results.put("load_after", Files.readString(Path.of("/proc/loadavg")).strip());
            results.put("dockerd", docker.run("version", "--format", "{{.Server.Version}}").strip());
        } finally {
            if (session != null) {
                GuiSession g = session;
                Stage st = stage;
                onFx(() -> {
                    g.close();
                    st.close();
                    return null;
                });
            }
            serve.destroy(); // its shutdown hook stops the engine
            if (!serve.waitFor(90, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
            if (Files.isRegularFile(dockerPid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(dockerPid).trim())).filter(ProcessHandle::isAlive)
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
            home.close();
            workers.shutdownNow();
        }
        results.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        results.put("jdk", System.getProperty("java.vm.version"));
        results.put("prism", String.valueOf(System.getProperty("prism.order")));
        StringBuilder b = new StringBuilder();
        results.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Files.writeString(out, b.toString());
        System.err.print(b);
        Platform.exit();
    }

    /** The GUI under test and how the benchmark drives it (as a user would: select a row, pick a tab). */
    private record Gui(GuiSession session, ContainerTools tools, Stage stage, HttpContainerStreams api) {
        LogsPane logs() {
            return tools.logs();
        }

        void mainTab(String id) throws Exception {
            onFx(() -> {
                TabPane tabs = session.window().tabs();
                tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow());
                return null;
            });
        }

        /** Selects the container's row and the Logs tab below the table. */
        void showLogs(String dockerName) throws Exception {
            await(dockerName + " running in the table", () -> onFx(() -> row(dockerName) != null
                    && "running".equals(row(dockerName).object().getStatus().getStatus().value())));
            onFx(() -> {
                TableView<ResourceRow<Container>> table = session.containersView().table().table();
                table.getSelectionModel().clearSelection();
                table.getSelectionModel().select(row(dockerName));
                for (var n : stage.getScene().getRoot().lookupAll(".tab-pane")) {
                    TabPane tp = (TabPane) n;
                    for (Tab t : tp.getTabs()) {
                        if ("containers-logs-tab".equals(t.getId())) {
                            tp.getSelectionModel().select(t);
                        }
                    }
                }
                return null;
            });
        }

        ResourceRow<Container> row(String dockerName) {
            return session.containersView().table().table().getItems().stream()
                    .filter(r -> dockerName.equals(ContainerFacts.name(r.object()))).findFirst().orElse(null);
        }

        boolean paneHas(String text) {
            return logs().lines().stream().anyMatch(l -> text.equals(l.text()));
        }
    }

    // ------------------------------------------------------------------------------------------------ (a) latency

    private record Rep(List<Long> gui, List<Long> cli, List<Long> api, List<Long> label) {
    }

    private static final String WAIT_GO = "echo ready; while [ ! -f /tmp/go ]; do sleep 0.05; done; ";

    /**
     * A container prints {@code lines} lines "tick-N", one every 50 ms; the time from Docker's timestamp of each line
     * to the end of the layout pulse after the pane added it, and, at the same time, to the moment {@code docker logs
     * -f -t} printed it (the floor).
     */
    private static Rep latency(Gui gui, DockerCli docker, String host, String name, int lines) throws Exception {
        docker.run("run", "-d", "--network", "none", "--name", name, DockerCli.TEST_IMAGE, "sh", "-c", WAIT_GO
                + "i=0; while [ $i -lt " + lines + " ]; do echo tick-$i; i=$((i+1)); sleep 0.05; done; echo done; sleep 86400");
        gui.mainTab("containers-tab");
        gui.showLogs(name);
        await("the pane follows " + name, () -> onFx(() -> gui.paneHas("ready")));
        List<Long> guiLags = new ArrayList<>();
        List<LogLine> pending = new ArrayList<>();
        // The window's own floor: the API-alone reader also sets the pane's status label for each line, and the same
        // pulse listener times that change (API + one label laid out and drawn, no list).
        List<Long> labelLags = new ArrayList<>();
        List<Instant> labelPending = new ArrayList<>();
        javafx.scene.control.Label status = onFx(() -> (javafx.scene.control.Label) gui.stage().getScene().lookup("#logs-state"));
        String statusText = onFx(status::getText);
        Runnable pulse = () -> {
            Instant now = Instant.now();
            for (LogLine l : pending) {
                guiLags.add(Duration.between(l.time(), now).toNanos());
            }
            pending.clear();
            for (Instant t : labelPending) {
                labelLags.add(Duration.between(t, now).toNanos());
            }
            labelPending.clear();
        };
        boolean[] paneDone = {false};
        onFx(() -> {
            gui.logs().onLinesAdded(added -> {
                for (LogLine l : added) {
                    if (l.text().startsWith("tick-") && l.time() != null) {
                        pending.add(l);
                    } else if ("done".equals(l.text())) {
                        paneDone[0] = true;
                    }
                }
                Platform.requestNextPulse();
            });
            gui.stage().getScene().addPostLayoutPulseListener(pulse);
            return null;
        });
        // The API alone, as the pane reads it (the same HTTP client, a Stdout follow) but without the JavaFX thread.
        List<Long> apiLags = java.util.Collections.synchronizedList(new ArrayList<>());
        Container mirror = onFx(() -> gui.row(name).object());
        var api = gui.api().log(mirror.getMetadata().getNamespace(), mirror.getMetadata().getName(),
                new io.rancherdesktop.rdd.ui.stream.ContainerStreams.LogQuery(true, 10, true, io.rancherdesktop.rdd.ui.stream.ContainerStreams.Stream.STDOUT),
                batch -> {
                    Instant now = Instant.now();
                    for (String raw : batch) {
                        LogLine l = LogLine.parse(raw, false);
                        if (l.text().startsWith("tick-") && l.time() != null) {
                            apiLags.add(Duration.between(l.time(), now).toNanos());
                            Platform.runLater(() -> {
                                status.setText("probe " + l.text());
                                labelPending.add(l.time());
                                Platform.requestNextPulse();
                            });
                        }
                    }
                }, end -> { });
        List<Long> cliLags = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch cliReady = new CountDownLatch(1);
        CountDownLatch cliDone = new CountDownLatch(1);
        Process cli = new ProcessBuilder("docker", "-H", host, "logs", "-f", "-t", name).redirectErrorStream(true).start();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Instant now = Instant.now();
                    LogLine l = LogLine.parse(line, false);
                    if (l.text().startsWith("tick-") && l.time() != null) {
                        cliLags.add(Duration.between(l.time(), now).toNanos());
                    } else if ("ready".equals(l.text())) {
                        cliReady.countDown();
                    } else if ("done".equals(l.text())) {
                        cliDone.countDown();
                    }
                }
            } catch (IOException e) {
                // the process was stopped
            }
        });
        try {
            if (!cliReady.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("docker logs -f did not start");
            }
            docker.run("exec", name, "sh", "-c", ": > /tmp/go");
            await("the pane shows the last line", () -> onFx(() -> paneDone[0]));
            if (!cliDone.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("docker logs -f did not print the last line");
            }
            onFx(() -> null); // the pulse after "done" has run its listener
            await("the API reader saw the last tick", () -> apiLags.size() >= lines);
        } finally {
            api.close();
            cli.destroy();
            reader.join(5000);
            onFx(() -> {
                gui.logs().onLinesAdded(null);
                gui.stage().getScene().removePostLayoutPulseListener(pulse);
                status.setText(statusText);
                return null;
            });
            docker.run("rm", "-f", name);
        }
        if (guiLags.size() != lines || cliLags.size() != lines) {
            throw new IllegalStateException("lines seen: pane " + guiLags.size() + ", docker logs " + cliLags.size() + " of " + lines);
        }
        return new Rep(guiLags, List.copyOf(cliLags), List.copyOf(apiLags), onFx(() -> List.copyOf(labelLags)));
    }

    private static void putLatency(Map<String, String> r, List<Rep> reps, int lines) {
        r.put("latency.reps", Integer.toString(reps.size()));
        r.put("latency.lines", Integer.toString(lines));
        for (String who : List.of("gui", "cli", "api", "label")) {
            List<Long> p50 = new ArrayList<>();
            List<Long> p99 = new ArrayList<>();
            List<Long> max = new ArrayList<>();
            for (Rep rep : reps) {
                List<Long> v = switch (who) {
                    case "gui" -> rep.gui();
                    case "cli" -> rep.cli();
                    case "label" -> rep.label();
                    default -> rep.api();
                };
                p50.add(percentile(v, 50));
                p99.add(percentile(v, 99));
                max.add(percentile(v, 100));
            }
            r.put("latency." + who + ".p50_ms", ms(median(p50)));
            r.put("latency." + who + ".p99_ms", ms(median(p99)));
            r.put("latency." + who + ".p99_range_ms", ms(min(p99)) + "–" + ms(maxOf(p99)));
            r.put("latency." + who + ".max_ms", ms(maxOf(max)));
        }
    }

    // ------------------------------------------------------------------------------------------------ (b) flood

    private record Flood(long printed, double printedPerSecond, long shown, double shownPerSecond, List<Long> idleGaps,
                         List<Long> floodGaps, List<Long> lags) {
    }

    /**
     * A container prints 100 batches of 1,000 numbered lines, 10,000 a wall-clock second, for 10 s while the pane
     * follows it. An AnimationTimer records the interval between frames (pulses) for 3 s before (the floor: the same
     * window idle) and during the flood, until the last line is shown.
     */
    private static Flood flood(Gui gui, DockerCli docker, String name) throws Exception {
        // 10 s, each wall-clock second 10 batches of 1,000 lines 50 ms apart, then a wait for the next second: 10,000
        // lines a second whatever the machine's load does to the shell (as long as a batch takes under 50 ms).
        docker.run("run", "-d", "--network", "none", "--name", name, DockerCli.TEST_IMAGE, "sh", "-c", WAIT_GO
                + "i=0; s=$(date +%s); while [ $i -lt 10 ]; do b=0; while [ $b -lt 10 ]; do n=$((i*10000+b*1000)); "
                + "seq $((n+1)) $((n+1000)); b=$((b+1)); sleep 0.05; done; "
                + "while [ \"$(date +%s)\" = \"$s\" ]; do sleep 0.01; done; s=$(date +%s); i=$((i+1)); done; echo done; sleep 86400");
        gui.mainTab("containers-tab");
        gui.showLogs(name);
        await("the pane follows " + name, () -> onFx(() -> gui.paneHas("ready")));
        List<Long> idleGaps = new ArrayList<>();
        List<Long> floodGaps = new ArrayList<>();
        List<Long> lags = new ArrayList<>();
        boolean[] flooding = {false};
        long[] counts = new long[1];
        Instant[] firstPrinted = new Instant[1];
        Instant[] lastPrinted = new Instant[1];
        long[] firstShown = new long[1];
        long[] lastShown = new long[1];
        long[] lastFrame = {0};
        boolean[] paneDone = {false};
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastFrame[0] != 0) {
                    (flooding[0] ? floodGaps : idleGaps).add(now - lastFrame[0]);
                }
                lastFrame[0] = now;
            }
        };
        onFx(() -> {
            gui.logs().onLinesAdded(added -> {
                Instant now = Instant.now();
                long nanos = System.nanoTime();
                for (LogLine l : added) {
                    if ("done".equals(l.text())) {
                        paneDone[0] = true;
                    }
                    if (l.time() == null || l.text().isEmpty() || !Character.isDigit(l.text().charAt(0))) {
                        continue;
                    }
                    if (counts[0]++ == 0) {
                        firstPrinted[0] = l.time();
                        firstShown[0] = nanos;
                    }
                    lastPrinted[0] = l.time();
                    lastShown[0] = nanos;
                    lags.add(Duration.between(l.time(), now).toNanos());
                }
            });
            timer.start();
            return null;
        });
        try {
            Thread.sleep(3000); // the idle floor: 3 s of frames with the pane following a quiet container
            onFx(() -> flooding[0] = true);
            docker.run("exec", name, "sh", "-c", ": > /tmp/go");
            await("the pane shows the flood's last line", () -> onFx(() -> paneDone[0]));
        } finally {
            onFx(() -> {
                timer.stop();
                gui.logs().onLinesAdded(null);
                return null;
            });
            docker.run("rm", "-f", name);
        }
        double printedSeconds = Duration.between(firstPrinted[0], lastPrinted[0]).toNanos() / 1e9;
        double shownSeconds = (lastShown[0] - firstShown[0]) / 1e9;
        return new Flood(100_000, 100_000 / printedSeconds, counts[0], counts[0] / shownSeconds, idleGaps, floodGaps, lags);
    }

    private static void putFlood(Map<String, String> r, List<Flood> reps) {
        r.put("flood.reps", Integer.toString(reps.size()));
        r.put("flood.printed_lines", reps.stream().map(f -> Long.toString(f.printed())).reduce((a, b) -> a + "/" + b).orElse(""));
        r.put("flood.shown_lines", reps.stream().map(f -> Long.toString(f.shown())).reduce((a, b) -> a + "/" + b).orElse(""));
        r.put("flood.printed_per_s", f0(medianD(reps.stream().map(Flood::printedPerSecond).toList())));
        r.put("flood.shown_per_s", f0(medianD(reps.stream().map(Flood::shownPerSecond).toList())));
        List<Long> p99 = reps.stream().map(f -> percentile(f.floodGaps(), 99)).toList();
        List<Long> max = reps.stream().map(f -> percentile(f.floodGaps(), 100)).toList();
        r.put("flood.frames", reps.stream().map(f -> Integer.toString(f.floodGaps().size())).reduce((a, b) -> a + "/" + b).orElse(""));
        r.put("flood.gap_p50_ms", ms(median(reps.stream().map(f -> percentile(f.floodGaps(), 50)).toList())));
        r.put("flood.gap_p99_ms", ms(median(p99)));
        r.put("flood.gap_p99_range_ms", ms(min(p99)) + "–" + ms(maxOf(p99)));
        r.put("flood.gap_max_ms", ms(median(max)));
        r.put("flood.gap_max_range_ms", ms(min(max)) + "–" + ms(maxOf(max)));
        r.put("flood.idle_gap_p50_ms", ms(median(reps.stream().map(f -> percentile(f.idleGaps(), 50)).toList())));
        r.put("flood.idle_gap_p99_ms", ms(median(reps.stream().map(f -> percentile(f.idleGaps(), 99)).toList())));
        r.put("flood.idle_gap_max_ms", ms(maxOf(reps.stream().map(f -> percentile(f.idleGaps(), 100)).toList())));
        r.put("flood.lag_p50_ms", ms(median(reps.stream().map(f -> percentile(f.lags(), 50)).toList())));
        r.put("flood.lag_p99_ms", ms(median(reps.stream().map(f -> percentile(f.lags(), 99)).toList())));
        r.put("flood.lag_max_ms", ms(maxOf(reps.stream().map(f -> percentile(f.lags(), 100)).toList())));
    }

    // ------------------------------------------------------------------------------------------------ (c) CPU

    /**
     * CPU of the service JVM, this GUI JVM and dockerd (with its children: containerd, shims) over {@code seconds},
     * alternating: the Containers tab (CPU/Memory columns: one stats stream per running row) and the Images tab (no
     * stats stream: the floor).
     */
    private static void cpu(Gui gui, int containers, int seconds, int reps, long servicePid, Path dockerPidFile,
                            Map<String, String> r) throws Exception {
        long dockerd = Long.parseLong(Files.readString(dockerPidFile).trim());
        long self = ProcessHandle.current().pid();
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        for (int rep = 1; rep <= reps; rep++) {
            for (String phase : List.of("stats", "floor")) {
                gui.mainTab(phase.equals("stats") ? "containers-tab" : "images-tab");
                if (phase.equals("stats")) {
                    await("the stats streams of the idle rows", () -> onFx(() -> gui.tools().stats().openStreams() >= containers));
                    await("CPU figures in the cells", () -> onFx(() -> gui.session().containers().items().stream()
                            .filter(row -> ContainerFacts.name(row.object()).startsWith("idle-"))
                            .allMatch(row -> !gui.tools().stats().entry(new StatsMonitor.Key(row.object().getMetadata().getNamespace(),
                                    row.object().getMetadata().getName())).cpuText().get().isEmpty())));
                } else {
                    await("the stats streams closed", () -> onFx(() -> gui.tools().stats().openStreams() == 0));
                }
                Thread.sleep(3000); // settle after the switch
                long[] t0 = {ticks(servicePid), ticks(self), treeTicks(dockerd)};
                long w0 = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                long[] t1 = {ticks(servicePid), ticks(self), treeTicks(dockerd)};
                double wall = (System.nanoTime() - w0) / 1e9;
                String[] who = {"service", "gui", "dockerd"};
                for (int i = 0; i < 3; i++) {
                    figures.computeIfAbsent(phase + "." + who[i], k -> new ArrayList<>()).add(100.0 * (t1[i] - t0[i]) / HZ / wall);
                }
                figures.computeIfAbsent(phase + ".service+gui", k -> new ArrayList<>())
                        .add(100.0 * (t1[0] - t0[0] + t1[1] - t0[1]) / HZ / wall);
            }
        }
        r.put("cpu.containers", Integer.toString(containers));
        r.put("cpu.seconds", Integer.toString(seconds));
        r.put("cpu.reps", Integer.toString(reps));
        figures.forEach((k, v) -> {
            r.put("cpu." + k, f2(medianD(v)));
            r.put("cpu." + k + ".all", String.join("/", v.stream().map(LogsStatsBenchmark::f2).toList()));
        });
    }

    private static final long HZ = 100; // USER_HZ: what /proc/<pid>/stat counts in on Linux

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return 0; // gone
        }
    }

    private static long treeTicks(long pid) {
        long sum = ticks(pid);
        for (ProcessHandle p : ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of())) {
            sum += ticks(p.pid());
        }
        return sum;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static long median(List<Long> v) {
        return percentile(v, 50);
    }

    private static double medianD(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static long min(List<Long> v) {
        return v.stream().min(Long::compare).orElse(0L);
    }

    private static long maxOf(List<Long> v) {
        return v.stream().max(Long::compare).orElse(0L);
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static <R> R onFx(Callable<R> body) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return body.call();
        }
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

    // ------------------------------------------------------------------------------------------------ report

    static final String HEADING = "## Container logs and stats in the GUI";

    private static void report(Path measured, Path benchmarks) throws IOException {
        Map<String, String> m = load(measured);
        String section = """
                %s

                Measured %s on %s CPUs (load average %s
                before, %s after), dockerd %s, JDK %s, Xvfb with JavaFX's software pipeline (`prism.order=%s`). Two
                processes, as a user has them: the rdd service (its controllers, the process driver's real dockerd) and
                the GUI session on a real display, attached over HTTPS. Reps interleaved (a, b, a, b, …; then c
                alternating); figures are medians of the reps, with their range. Reproduce: `scripts/bench/gui-tools.sh`
                (or `scripts/bench/run --only guitools`).

                **(a) Log line → Logs pane** (goal p99 ≤ 100 ms). A container prints `tick-N` every 50 ms, %s lines per
                rep, %s reps. From Docker's timestamp of the line (dockerd stamps it when it reads the container's
                output; same host clock) to the end of the layout pulse after the pane added it; the floor is `docker
                logs -f -t` of the same lines at the same time (to when the CLI's output reached the benchmark).

                | reader | p50 | p99 (median of reps) | p99 range | max |
                |---|---|---|---|---|
                | floor: `docker logs -f` | %s ms | %s ms | %s ms | %s ms |
                | the API alone (a `stream=Stdout` follow through the GUI's HTTP client, no JavaFX) | %s ms | %s ms | %s ms | %s ms |
                | the window's floor: that reader sets a label in the same window for each line (API + one label drawn, no list) | %s ms | %s ms | %s ms | %s ms |
                | Logs pane (API `stream=Stdout` + `stream=Stderr` follows, merged) | %s ms | **%s ms** | %s ms | %s ms |

                **(b) 10,000 lines/s in the Logs pane** (goal: no frame gap over ~100 ms, lines shown ≈ lines printed).
                A container prints 100,000 lines: each wall-clock second 10 batches of 1,000 lines 50 ms apart (`seq`),
                for 10 s, while the pane follows it; a JavaFX
                `AnimationTimer` records the interval between frames during the flood and, as the floor, for 3 s before it
                (the same window, pane following a quiet container). %s reps.

                | measurement | result |
                |---|---|
                | printed (Docker's timestamps, first to last line) | %s lines per rep, **%s lines/s** |
                | shown by the pane (first to last line added) | %s lines per rep, **%s lines/s** |
                | line printed → added to the pane, during the flood | p50 %s ms, p99 %s ms, max %s ms |
                | frame interval during the flood (%s frames) | p50 %s ms, p99 **%s ms** (range %s), max **%s ms** (range %s) |
                | floor: frame interval, pane idle | p50 %s ms, p99 %s ms, max %s ms |

                **(c) CPU with %s running containers** (goal: service + GUI ≤ 2 %% of a core beside dockerd's own cost).
                %s idle `sleep` containers; %s s per phase, %s reps, alternating: the Containers tab showing (CPU/Memory
                columns: one stats stream per running row, cells updated once a second) and the Images tab (no stats
                stream: the floor). CPU time from `/proc/<pid>/stat` (utime + stime); dockerd includes its children
                (containerd, shims). %% of one core; per-rep values in brackets.

                | process | Containers tab (stats showing) | Images tab (floor) |
                |---|---|---|
                | rdd service | %s %% [%s] | %s %% [%s] |
                | GUI | %s %% [%s] | %s %% [%s] |
                | **service + GUI** | **%s %%** [%s] | %s %% [%s] |
                | dockerd (+ containerd, shims) | %s %% [%s] | %s %% [%s] |
                """.formatted(HEADING, LocalDate.now(), m.get("cpus"), m.get("load_before"), m.get("load_after"), m.get("dockerd"),
                m.get("jdk"), m.get("prism"),
                m.get("latency.lines"), m.get("latency.reps"),
                m.get("latency.cli.p50_ms"), m.get("latency.cli.p99_ms"), m.get("latency.cli.p99_range_ms"), m.get("latency.cli.max_ms"),
                m.get("latency.api.p50_ms"), m.get("latency.api.p99_ms"), m.get("latency.api.p99_range_ms"), m.get("latency.api.max_ms"),
                m.get("latency.label.p50_ms"), m.get("latency.label.p99_ms"), m.get("latency.label.p99_range_ms"), m.get("latency.label.max_ms"),
                m.get("latency.gui.p50_ms"), m.get("latency.gui.p99_ms"), m.get("latency.gui.p99_range_ms"), m.get("latency.gui.max_ms"),
                m.get("flood.reps"), m.get("flood.printed_lines"), m.get("flood.printed_per_s"), m.get("flood.shown_lines"),
                m.get("flood.shown_per_s"), m.get("flood.lag_p50_ms"), m.get("flood.lag_p99_ms"), m.get("flood.lag_max_ms"),
                m.get("flood.frames"), m.get("flood.gap_p50_ms"), m.get("flood.gap_p99_ms"), m.get("flood.gap_p99_range_ms"),
                m.get("flood.gap_max_ms"), m.get("flood.gap_max_range_ms"),
                m.get("flood.idle_gap_p50_ms"), m.get("flood.idle_gap_p99_ms"), m.get("flood.idle_gap_max_ms"),
                m.get("cpu.containers"), m.get("cpu.containers"), m.get("cpu.seconds"), m.get("cpu.reps"),
                m.get("cpu.stats.service"), m.get("cpu.stats.service.all"), m.get("cpu.floor.service"), m.get("cpu.floor.service.all"),
                m.get("cpu.stats.gui"), m.get("cpu.stats.gui.all"), m.get("cpu.floor.gui"), m.get("cpu.floor.gui.all"),
                m.get("cpu.stats.service+gui"), m.get("cpu.stats.service+gui.all"), m.get("cpu.floor.service+gui"), m.get("cpu.floor.service+gui.all"),
                m.get("cpu.stats.dockerd"), m.get("cpu.stats.dockerd.all"), m.get("cpu.floor.dockerd"), m.get("cpu.floor.dockerd.all"));
        String doc = Files.exists(benchmarks) ? Files.readString(benchmarks) : "# Benchmarks\n";
        String start = "<!-- bench:guitools:start -->";
        String end = "<!-- bench:guitools:end -->";
        String block = start + "\n" + section + end;
        int s = doc.indexOf(start);
        int e = doc.indexOf(end);
        String updated = s >= 0 && e > s ? doc.substring(0, s) + block + doc.substring(e + end.length())
                : doc.stripTrailing() + "\n\n" + block + "\n";
        Files.writeString(benchmarks, updated);
        System.err.println("gui-tools bench: wrote its section of " + benchmarks);
    }
}
