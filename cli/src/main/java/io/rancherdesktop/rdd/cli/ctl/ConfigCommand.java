package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.cli.ServiceControl;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rdd ctl config view}: the instance kubeconfig, secrets redacted unless {@code --raw}, as kubectl shows it. */
@Command(name = "config", description = "Show the control-plane kubeconfig.", subcommands = ConfigCommand.View.class)
public final class ConfigCommand {

    @Command(name = "view", description = "Display the kubeconfig (secrets redacted unless --raw).")
    public static final class View implements Callable<Integer> {
        private static final Set<String> DATA = Set.of("certificate-authority-data", "client-certificate-data", "client-key-data");
        private static final Set<String> SECRETS = Set.of("token", "password");
        private final CliContext ctx;

        @Option(names = "--raw", description = "Show secrets.")
        boolean raw;

        @Option(names = "--minify", description = "Only what the current context uses.")
        boolean minify;

        @Option(names = "--flatten", description = "Accepted; the kubeconfig embeds its data already.")
        boolean flatten;

        @Option(names = {"-o", "--output"}, defaultValue = "yaml", paramLabel = "FORMAT")
        String output;

        public View(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            new ServiceControl(ctx).ensureReady();
            String text;
            try {
                text = Files.readString(ctx.paths().config());
            } catch (IOException e) {
                throw CliException.plain(ExitCodes.GENERIC, "error: cannot read " + ctx.paths().config() + ": " + e.getMessage());
            }
            List<Map<String, Object>> docs = Manifests.parse(text.contains("apiVersion") ? text : "apiVersion: v1\nkind: Config\n" + text,
                    ctx.paths().config().toString());
            Map<String, Object> config = new LinkedHashMap<>(docs.isEmpty() ? Map.of() : docs.getFirst());
            config.putIfAbsent("preferences", new LinkedHashMap<>());
            if (minify) {
                minify(config);
            }
            Object shown = raw ? config : redact(config);
            Printing.print(ctx.out(), OutputFormat.parse(output), List.of(new Item(null, ApiObjects.map(shown))), true, false);
            return ExitCodes.OK;
        }

        private static void minify(Map<String, Object> config) {
            String current = ApiObjects.string(config.get("current-context"));
            Map<String, Object> context = null;
            for (Object c : ApiObjects.list(config.get("contexts"))) {
                if (current.equals(ApiObjects.string(ApiObjects.map(c).get("name")))) {
                    context = ApiObjects.map(c);
                }
            }
            if (context == null) {
                throw CliException.plain(ExitCodes.GENERIC, "error: current-context must exist in order to minify");
            }
            Map<String, Object> ctxBody = ApiObjects.map(context.get("context"));
            config.put("contexts", List.of(context));
            config.put("clusters", only(config.get("clusters"), ApiObjects.string(ctxBody.get("cluster"))));
            config.put("users", only(config.get("users"), ApiObjects.string(ctxBody.get("user"))));
        }

        private static List<Object> only(Object entries, String name) {
            List<Object> out = new ArrayList<>();
            for (Object e : ApiObjects.list(entries)) {
                if (name.equals(ApiObjects.string(ApiObjects.map(e).get("name")))) {
                    out.add(e);
                }
            }
            return out;
        }

        private static Object redact(Object v) {
            if (v instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (var e : m.entrySet()) {
                    String k = String.valueOf(e.getKey());
                    if (DATA.contains(k) && e.getValue() != null) {
                        out.put(k, "DATA+OMITTED");
                    } else if (SECRETS.contains(k) && e.getValue() != null) {
                        out.put(k, "REDACTED");
                    } else {
                        out.put(k, redact(e.getValue()));
                    }
                }
                return out;
            }
            if (v instanceof List<?> l) {
                List<Object> out = new ArrayList<>();
                for (Object x : l) {
                    out.add(redact(x));
                }
                return out;
            }
            return v;
        }
    }
}
