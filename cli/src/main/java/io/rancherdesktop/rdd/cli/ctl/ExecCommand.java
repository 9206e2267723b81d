package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.HttpResponse;
import io.rancherdesktop.rdd.wire.Json;
import io.rancherdesktop.rdd.wire.WebSocketClient;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdd ctl exec [-i] [-t] NAME -- CMD…}: runs a command in a running container through the Container's
 * {@code exec} subresource (docs/api.md, "Exec"; docs/cli.md), speaking kube's {@code v5.channel.k8s.io} over the
 * wire module's WebSocket client on the Unix socket. The command's exit code is this command's.
 */
@Command(name = "exec", description = "Execute a command in a running container (NAME: mirror name, Docker name or unique ID prefix).")
public final class ExecCommand implements Callable<Integer> {
    static final String CONTAINERS = "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/";
    private static final List<String> PROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");

    private final CtlSession session;

    @Parameters(index = "0", paramLabel = "NAME", description = "The container: its mirror name, Docker name or a unique ID prefix.")
    String name;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The command and its arguments (after --).")
    List<String> command = new ArrayList<>();

    @Option(names = {"-i", "--stdin"}, description = "Pass stdin to the container.")
    boolean stdin;

    @Option(names = {"-t", "--tty"}, description = "Stdin is a TTY: raw terminal mode, window size and its changes are passed on.")
    boolean tty;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "The namespace of the mirrors (default \"default\").")
    String namespace;

    public ExecCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        if (command.isEmpty()) {
            throw CliException.plain(ExitCodes.GENERIC, "error: you must specify at least one command for the container (rdd ctl exec NAME -- COMMAND...)");
        }
        String ns = namespace == null || namespace.isEmpty() ? CtlSession.DEFAULT_NAMESPACE : namespace;
        String mirror = resolve(ns, name);
        boolean useTty = tty;
        if (tty && !stdinIsTerminal()) {
            System.err.println("Unable to use a TTY - input is not a terminal or the right kind of file");
            useTty = false;
        }
        StringBuilder path = new StringBuilder(CONTAINERS).append(ns).append("/containers/").append(enc(mirror)).append("/exec?");
        for (String c : command) {
            path.append("command=").append(enc(c)).append('&');
        }
        path.append("stdin=").append(stdin).append("&stdout=true&stderr=").append(!useTty).append("&tty=").append(useTty);
        WebSocketClient ws = session.call(api -> {
            try {
                return WebSocketClient.connect(api.http().socket(), "GET", path.toString(), PROTOCOLS, "rdd");
            } catch (WebSocketClient.HandshakeException e) {
                throw ApiException.of(new HttpResponse(e.status(), Map.of(), e.body()));
            }
        });
        try (ws) {
            return useTty ? ExecTerminal.run(this, ws) : stream(ws, null);
        } catch (IOException e) {
            throw CliException.plain(ExitCodes.GENERIC, "error: exec: " + e.getMessage());
        }
    }

    private static boolean stdinIsTerminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** NAME as {@code docker} takes it: the mirror's name, else the Docker name ({@code status.name}), else a unique ID prefix. */
    private String resolve(String ns, String n) throws ApiException {
        String base = CONTAINERS + ns + "/containers";
        try {
            session.call(api -> api.get(base + "/" + enc(n)));
            return n;
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
        Map<String, Object> byName = session.call(api -> api.get(base + "?fieldSelector=" + enc("status.name=" + n)));
        List<Object> items = ApiObjects.list(byName.get("items"));
        if (items.size() == 1) {
            return (String) ApiObjects.metadata(ApiObjects.map(items.getFirst())).get("name");
        }
        List<String> matches = new ArrayList<>();
        for (Object o : ApiObjects.list(session.call(api -> api.get(base)).get("items"))) {
            String mirrorName = (String) ApiObjects.metadata(ApiObjects.map(o)).get("name");
            if (mirrorName != null && mirrorName.startsWith(n)) {
                matches.add(mirrorName);
            }
        }
        if (matches.size() == 1) {
            return matches.getFirst();
        }
        if (matches.size() > 1) {
            throw CliException.plain(ExitCodes.GENERIC, "error: container ID prefix \"" + n + "\" is ambiguous: it matches " + matches.size() + " containers");
        }
        throw CliException.plain(ExitCodes.GENERIC, "Error from server (NotFound): containers.containers.rancherdesktop.io \"" + n + "\" not found");
    }

    /** Hooks of a terminal session: the window size now and when it changes. */
    interface Resizes {
        /** Sends the current size and arranges for every change to be sent through {@code send}. */
        void start(java.util.function.BiConsumer<Integer, Integer> send);
    }

    /**
     * Copies stdin to channel 0 (on a daemon thread; its EOF sends the v5 close signal, or on v4 closes) and the
     * output channels to stdout and stderr until the server closes; returns the command's exit code from the error
     * channel's {@code Status}.
     */
    int stream(WebSocketClient ws, Resizes resizes) throws IOException {
        boolean v5 = "v5.channel.k8s.io".equals(ws.subprotocol());
        if (resizes != null) {
            resizes.start((w, h) -> {
                try {
                    ws.sendBinary(("\u0004{\"Width\":" + w + ",\"Height\":" + h + "}").getBytes(StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the exec has ended
                }
            });
        }
        if (stdin) {
            Thread pump = new Thread(() -> copyStdin(ws, System.in, v5), "exec-stdin");
            pump.setDaemon(true);
            pump.start();
        }
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        Map<String, Object> status = null;
        for (WebSocketClient.Message m = ws.receive(); m != null; m = ws.receive()) {
            byte[] d = m.data();
            if (!m.binary() || d.length == 0) {
                continue;
            }
            switch (d[0]) {
                case 1 -> {
                    out.write(d, 1, d.length - 1);
                    out.flush();
                }
                case 2 -> {
                    err.write(d, 1, d.length - 1);
                    err.flush();
                }
                case 3 -> status = statusOf(new String(d, 1, d.length - 1, StandardCharsets.UTF_8));
                default -> {
                    // resize and close are client → server only
                }
            }
        }
        return exitCode(status);
    }

    private static void copyStdin(WebSocketClient ws, InputStream in, boolean v5) {
        byte[] buf = new byte[8192];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (n > 0) {
                    ws.sendChannel(0, buf, 0, n);
                }
            }
            if (v5) {
                ws.sendBinary(new byte[] {(byte) 255, 0}); // v5's close signal: stdin is done
            } else {
                ws.sendClose(1000); // v4 has no half-close
            }
        } catch (IOException ignored) {
            // the exec has ended: the receive loop reports what it got
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusOf(String json) {
        return Json.parse(json) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** kubelet's Status: Success is 0; NonZeroExitCode carries the code in {@code details.causes[reason=ExitCode]}. */
    @SuppressWarnings("unchecked")
    static int exitCode(Map<String, Object> status) {
        if (status == null) {
            throw CliException.plain(ExitCodes.GENERIC, "error: the connection ended before the command's exit status arrived");
        }
        if ("Success".equals(status.get("status"))) {
            return 0;
        }
        if ("NonZeroExitCode".equals(status.get("reason")) && status.get("details") instanceof Map<?, ?> details
                && details.get("causes") instanceof List<?> causes) {
            for (Object c : causes) {
                if (c instanceof Map<?, ?> cause && "ExitCode".equals(cause.get("reason")) && cause.get("message") instanceof String code) {
                    try {
                        return Integer.parseInt(code);
                    } catch (NumberFormatException ignored) {
                        // fall through to the generic error
                    }
                }
            }
        }
        Object message = status.get("message");
        throw CliException.plain(ExitCodes.GENERIC, "error: " + (message == null ? "exec failed" : message));
    }
}
