package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.wire.Json;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdd svc paths [KEY] [-o table|json|shell]}. Pure local computation: it never contacts or starts
 * the service (the CI timeout wrapper relies on this while the service may be hung) [S5].
 */
@Command(name = "paths", description = "Print the paths of this instance (never contacts the service).")
public final class PathsCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KEY", description = "Print only this path.")
    String key;

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT", description = "table, json or shell (default table).")
    String output;

    public PathsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Map<String, String> all = ctx.paths().byKey();
        if (key != null) {
            String v = all.get(key);
            if (v == null) {
                throw CliException.usage("unknown key \"" + key + "\"; valid keys: " + String.join(", ", all.keySet()));
            }
            all = Map.of(key, v);
        }
        StringBuilder sb = new StringBuilder();
        switch (output) {
            case "table" -> {
                if (key != null) {
                    sb.append(all.get(key)).append('\n');
                } else {
                    int width = all.keySet().stream().mapToInt(String::length).max().orElse(0);
                    all.forEach((k, v) -> sb.append(k).append(" ".repeat(width - k.length() + 2)).append(v).append('\n'));
                }
            }
            case "json" -> {
                sb.append('{');
                boolean first = true;
                for (var e : all.entrySet()) {
                    sb.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
                    first = false;
                }
                sb.append("}\n");
            }
            case "shell" -> all.forEach((k, v) -> sb.append("export RDD_").append(k.toUpperCase(Locale.ROOT))
                    .append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`"))
                    .append("\"\n"));
            default -> throw CliException.usage("unknown output format \"" + output + "\"; valid formats: table, json, shell");
        }
        ctx.out().print(sb);
        ctx.out().flush();
        return ExitCodes.OK;
    }
}
