package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.DurationFlag;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.UnixHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdd ctl logs [-f] [--tail=N] [--since=DURATION] [--timestamps] NAME}: a container's log through the
 * Container {@code log} subresource (docs/api.md, "Container log and stats"); what arrives is printed at once.
 */
@Command(name = "logs", description = "Print the logs of a container (NAME: its ID, Docker name or a unique ID prefix).")
public final class LogsCommand implements Callable<Integer> {
    private final CtlSession session;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the container stops.")
    boolean follow;

    @Option(names = "--tail", defaultValue = "-1", paramLabel = "N", description = "Only the last N lines (default: all).")
    long tail;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only lines newer than this (e.g. 10s, 5m, 1h).")
    String since;

    @Option(names = {"-t", "--timestamps"}, description = "Prefix each line with its RFC 3339 time.")
    boolean timestamps;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "The mirrors' namespace (default: the App's).")
    String namespace;

    public LogsCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        StringBuilder q = new StringBuilder();
        if (follow) {
            q.append("&follow=true");
        }
        if (tail >= 0) {
            q.append("&tailLines=").append(tail);
        } else if (tail != -1) {
            throw CliException.plain(ExitCodes.GENERIC, "error: --tail must be 0 or more, got " + tail);
        }
        if (since != null && !since.isEmpty()) {
            Duration d = DurationFlag.parse("--since", since);
            if (d.isNegative() || d.isZero()) {
                throw CliException.plain(ExitCodes.GENERIC, "error: --since must be a positive duration, got " + since);
            }
            q.append("&sinceSeconds=").append(Math.max(1, (d.toMillis() + 999) / 1000));
        }
        if (timestamps) {
            q.append("&timestamps=true");
        }
        String ns = ContainerNames.namespace(session, namespace);
        String id = ContainerNames.resolve(ContainerNames.list(session, ns), name);
        String path = ContainerNames.CONTAINERS + ns + "/containers/" + id + "/log" + (q.isEmpty() ? "" : "?" + q.substring(1));
        PrintStream out = session.out();
        try (UnixHttpClient.Exchange ex = session.call(api -> api.watch(path, "text/plain"))) {
            InputStream body = ex.body();
            byte[] buf = new byte[64 * 1024];
            for (int n = body.read(buf); n >= 0; n = body.read(buf)) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            throw CliException.plain(ExitCodes.GENERIC, "error: reading the log of " + name + ": " + e.getMessage());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
