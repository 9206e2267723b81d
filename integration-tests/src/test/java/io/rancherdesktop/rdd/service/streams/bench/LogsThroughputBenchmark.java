package io.rancherdesktop.rdd.service.streams.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.BenchReport;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.RawApiClient;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Log throughput through the API against {@code docker logs} of the same log (docs/benchmarks.md, "Container logs"):
 * a private dockerd, a container that wrote {@code --mb} MiB of 100-byte lines to its json-file log and exited, then
 * interleaved runs of (a) the docker CLI's {@code docker logs} read to its end, (b) the rdd API's Container {@code log}
 * over the Unix socket read to its end by a raw HTTP/1.1 client, (c) Docker's own {@code /containers/{id}/logs} over the
 * engine socket read raw (the floor: no demultiplexing, no second hop). Every reader counts the bytes, and each run must
 * see all of them. Usage: {@code LogsThroughputBenchmark [--mb N] [--runs N] [--out FILE] [--results FILE]}.
 */
public final class LogsThroughputBenchmark {
    private final int mb;
    private final int runs;
    private final Path out;
    private final Path results;

    private LogsThroughputBenchmark(Map<String, String> args) {
        mb = Integer.parseInt(args.getOrDefault("mb", "100"));
        runs = Integer.parseInt(args.getOrDefault("runs", "5"));
        out = args.containsKey("out") ? Path.of(args.get("out")) : null;
        results = args.containsKey("results") ? Path.of(args.get("results")) : null;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new java.util.HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("usage: LogsThroughputBenchmark [--mb N] [--runs N] [--out FILE] [--results FILE]; bad argument: " + argv[i]);
            }
            args.put(argv[i].substring(2), argv[++i]);
        }
        new LogsThroughputBenchmark(args).run();
        System.exit(0);
    }

    private static void log(String fmt, Object... a) {
        System.err.printf(Locale.ROOT, "logs-bench: " + fmt + "%n", a);
    }

    private void run() throws Exception {
        long bytes = (long) mb * 1024 * 1024;
        try (DockerdProcess engine = DockerdProcess.startPrivateInstance(Path.of("target", "bench-logs"));
             TestApiServer api = TestApiServer.start()) {
            DockerClient docker = engine.client();
            String ns = "bench";
            try (EngineControllerHarness harness = EngineControllerHarness.start(api, ns, engine::host)) {
                RawApiClient https = RawApiClient.fromKubeconfig(api.runtime().kubeconfig());
                https.post("/apis/vm.rancherdesktop.io/v1alpha1/namespaces/" + ns + "/virtualmachines",
                        "{\"apiVersion\":\"vm.rancherdesktop.io/v1alpha1\",\"kind\":\"VirtualMachine\",\"metadata\":{\"name\":\"rd\"},\"spec\":{\"running\":true}}");
                https.patch("/apis/vm.rancherdesktop.io/v1alpha1/namespaces/" + ns + "/virtualmachines/rd/status", "application/merge-patch+json",
                        "{\"status\":{\"dockerEndpoint\":\"" + engine.host() + "\"}}");
                harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);

                long t0 = System.nanoTime();
                String line = "x".repeat(99);
                String id = docker.createContainerCmd(DockerdProcess.TEST_IMAGE).withName("logs_bench")
                        .withCmd("sh", "-c", "yes " + line + " | busybox head -c " + bytes)
                        .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
                docker.startContainerCmd(id).exec();
                Await.until("the log written", Duration.ofMinutes(20), () -> !docker.inspectContainerCmd(id).exec().getState().getRunning());
                Await.until("mirrored", Duration.ofMinutes(1), () -> harness.client().resources(Container.class).inNamespace(ns).withName(id).get() != null);
                log("%d MiB logged in %d s", mb, (System.nanoTime() - t0) / 1_000_000_000);

                Path apiSocket = api.paths().apiSocket();
                Path engineSocket = Path.of(java.net.URI.create(engine.host()).getPath());
                String apiPath = "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/" + ns + "/containers/" + id + "/log";
                String dockerPath = "/containers/" + id + "/logs?stdout=1&stderr=1";
                List<Long> cli = new ArrayList<>();
                List<Long> ours = new ArrayList<>();
                List<Long> floor = new ArrayList<>();
                for (int r = -1; r < runs; r++) { // r = -1: warm-up
                    long a = timed(() -> check(bytes, dockerLogs(engine.host(), id)));
                    long b = timed(() -> check(bytes, chunkedGet(apiSocket, apiPath)));
                    long c = timed(() -> rawGet(engineSocket, dockerPath));
                    log("run %d: docker logs %d ms, rdd API %d ms, raw engine %d ms", r, a / 1_000_000, b / 1_000_000, c / 1_000_000);
                    if (r >= 0) {
                        cli.add(a);
                        ours.add(b);
                        floor.add(c);
                    }
                }
                docker.removeContainerCmd(id).withForce(true).exec();
                report(bytes, median(cli), median(ours), median(floor));
            }
        }
    }

    private void report(long bytes, long cliNs, long oursNs, long floorNs) throws IOException {
        double mib = bytes / 1024.0 / 1024.0;
        double cliRate = mib / (cliNs / 1e9);
        double oursRate = mib / (oursNs / 1e9);
        double floorRate = mib / (floorNs / 1e9);
        double ratio = oursRate / cliRate;
        String section = String.format(Locale.ROOT, """
                ## Container logs

                Measured %s on %d CPUs (shared), %s, JDK %s, the rdd API server in the benchmark's JVM. One container wrote
                %d MiB of 100-byte lines to Docker's json-file log and exited; then, interleaved, median of %d runs after one warm-up:
                the docker CLI's `docker logs` read to the end through a pipe; the Container `log` subresource over the API's Unix
                socket, read to the end by a raw HTTP/1.1 client decoding the chunks; and, as the floor, Docker's own
                `/containers/{id}/logs` over the engine socket read raw (frames not removed, one hop less). `docker logs` and the API
                each delivered exactly the %d bytes written (checked every run). `scripts/bench/logs.sh` reruns it; the machine
                is shared with other builds, so single runs vary by up to 2×: the medians are what to compare.

                | reader | time | throughput |
                |---|---|---|
                | floor: Docker's API, raw | %d ms | %.0f MiB/s |
                | `docker logs` (CLI) | %d ms | %.0f MiB/s |
                | rdd API `…/containers/{name}/log` | %d ms | %.0f MiB/s |

                Through the API / `docker logs` (goal ≥ 0.8×): **%.2f×**.
                """, BenchReport.today(), Runtime.getRuntime().availableProcessors(), dockerVersion(), System.getProperty("java.runtime.version"),
                mb, runs, bytes, floorNs / 1_000_000, floorRate, cliNs / 1_000_000, cliRate, oursNs / 1_000_000, oursRate, ratio);
        System.out.println(section);
        if (out != null) {
            BenchReport.writeSection(out, "## Container logs", section);
        }
        if (results != null) {
            new BenchReport()
                    .result("logs.api.throughput_ratio_to_docker_logs", ratio, "x", ">= 0.8", "docker logs of the same " + mb + " MiB log")
                    .result("logs.api.throughput", oursRate, "MiB/s", "", "")
                    .writeResults(results);
        }
    }

    private static String dockerVersion() {
        try {
            Process p = new ProcessBuilder("dockerd", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return v.replace("Docker version", "dockerd").replaceAll(", build.*", "");
        } catch (IOException | InterruptedException e) {
            return "dockerd";
        }
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private static long timed(Body b) throws Exception {
        long t = System.nanoTime();
        b.run();
        return System.nanoTime() - t;
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static void check(long want, long got) {
        if (want != got) {
            throw new IllegalStateException("read " + got + " bytes, the log has " + want);
        }
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
            n += r;
        }
        return n;
    }

    private static long dockerLogs(String host, String id) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("docker", "-H", host, "logs", id).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long n = drain(p.getInputStream());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("docker logs failed");
        }
        return n;
    }

    private static InputStream get(Path socket, String path, SocketChannel[] holder) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
        holder[0] = ch;
        OutputStream o = Channels.newOutputStream(ch);
        o.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        o.flush();
        InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 64 * 1024);
        String status = line(in);
        if (!status.contains(" 200 ")) {
            throw new IllegalStateException(path + ": " + status);
        }
        while (!line(in).isEmpty()) {
            // headers
        }
        return in;
    }

    /** The body of a chunked response, decoded; returns its length. */
    private static long chunkedGet(Path socket, String path) throws IOException {
        SocketChannel[] ch = new SocketChannel[1];
        try {
            InputStream in = get(socket, path, ch);
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            while (true) {
                long size = Long.parseLong(line(in), 16);
                if (size == 0) {
                    return total;
                }
                long left = size;
                while (left > 0) {
                    int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (r < 0) {
                        throw new EOFException();
                    }
                    left -= r;
                }
                total += size;
                line(in);
            }
        } finally {
            if (ch[0] != null) {
                ch[0].close();
            }
        }
    }

    /** Everything after the headers, as it comes (the floor does not even decode Docker's chunks). */
    private static long rawGet(Path socket, String path) throws IOException {
        SocketChannel[] ch = new SocketChannel[1];
        try {
            return drain(get(socket, path, ch));
        } finally {
            if (ch[0] != null) {
                ch[0].close();
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException();
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
