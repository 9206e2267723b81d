package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.wire.ApiException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rdd ctl top containers}: one {@code stats} sample of every running container (docs/api.md, "Container log
 * and stats"), printed as {@code docker stats --no-stream} prints it. The samples are fetched in parallel: Docker
 * takes about a second per sample.
 */
@Command(name = "containers", description = "Show CPU, memory, network and block I/O of running containers (like docker stats --no-stream).")
public final class TopContainersCommand implements Callable<Integer> {
    private final CtlSession session;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "The mirrors' namespace (default: the App's).")
    String namespace;

    @ParentCommand
    TopCommand parent;

    @Option(names = "--no-headers", description = "Leave out the header line.")
    boolean noHeaders;

    public TopContainersCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        String ns = ContainerNames.namespace(session, namespace != null ? namespace : parent == null ? null : parent.namespace);
        List<Map<String, Object>> running = new ArrayList<>();
        for (Map<String, Object> c : ContainerNames.list(session, ns)) {
            if ("running".equals(ApiObjects.string(ApiObjects.map(c.get("status")).get("status")))) {
                running.add(c);
            }
        }
        running.sort((a, b) -> ContainerNames.dockerName(a).compareTo(ContainerNames.dockerName(b)));
        List<List<String>> rows = new ArrayList<>();
        if (!noHeaders) {
            rows.add(List.of("CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"));
        }
        List<Future<Map<String, Object>>> samples = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Map<String, Object> c : running) {
                String path = ContainerNames.CONTAINERS + ns + "/containers/" + ContainerNames.mirrorName(c) + "/stats";
                samples.add(pool.submit(() -> session.call(api -> api.get(path))));
            }
            for (int i = 0; i < running.size(); i++) {
                Map<String, Object> c = running.get(i);
                String id = ContainerNames.mirrorName(c);
                Map<String, Object> s;
                try {
                    s = samples.get(i).get();
                } catch (ExecutionException e) {
                    // stopped meanwhile (409) or gone (404): docker stats leaves it out as well
                    if (e.getCause() instanceof ApiException ae && (ae.code() == 409 || ae.notFound())) {
                        continue;
                    }
                    switch (e.getCause()) {
                        case ApiException ae -> throw ae;
                        case RuntimeException re -> throw re;
                        default -> throw new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 130;
                }
                rows.add(row(id, ContainerNames.dockerName(c), s));
            }
        }
        session.out().print(Tables.render(rows));
        session.out().flush();
        return 0;
    }

    static List<String> row(String id, String name, Map<String, Object> s) {
        double cpu = number(s.get("cpuPercent"));
        double mem = number(s.get("memoryUsageBytes"));
        double limit = number(s.get("memoryLimitBytes"));
        return List.of(id.substring(0, Math.min(12, id.length())), name,
                String.format(Locale.ROOT, "%.2f%%", cpu),
                binary(mem) + " / " + binary(limit),
                String.format(Locale.ROOT, "%.2f%%", limit > 0 ? mem / limit * 100 : 0.0),
                decimal(number(s.get("networkRxBytes"))) + " / " + decimal(number(s.get("networkTxBytes"))),
                decimal(number(s.get("blockReadBytes"))) + " / " + decimal(number(s.get("blockWriteBytes"))),
                Long.toString((long) number(s.get("pids"))));
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB"};

    /** As docker's {@code units.BytesSize}: base 1024, 4 significant digits. */
    static String binary(double v) {
        return human(v, 1024, BINARY, 4);
    }

    /** As docker's {@code units.HumanSizeWithPrecision(v, 3)}: base 1000, 3 significant digits. */
    static String decimal(double v) {
        return human(v, 1000, DECIMAL, 3);
    }

    private static String human(double v, double base, String[] units, int digits) {
        int i = 0;
        while (v >= base && i < units.length - 1) {
            v /= base;
            i++;
        }
        String n = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
        return n + units[i];
    }
}
