package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rdd ctl api-resources}: the served resource types, as kubectl lists them. */
@Command(name = "api-resources", description = "Print the supported API resources on the server.")
public final class ApiResourcesCommand implements Callable<Integer> {
    private final CtlSession session;

    @Option(names = {"-o", "--output"}, paramLabel = "wide|name")
    String output;

    @Option(names = "--namespaced", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL")
    Boolean namespaced;

    @Option(names = "--api-group", paramLabel = "GROUP")
    String apiGroup;

    @Option(names = "--verbs", split = ",", paramLabel = "VERBS")
    List<String> verbs = new ArrayList<>();

    @Option(names = "--categories", split = ",", paramLabel = "CATEGORIES", description = "Only types in all of these categories (e.g. all).")
    List<String> categories = new ArrayList<>();

    @Option(names = "--no-headers")
    boolean noHeaders;

    @Option(names = "--sort-by", paramLabel = "name|kind")
    String sortBy;

    @Option(names = "--cached", description = "Accepted for kubectl compatibility; discovery is cached per service run anyway.")
    boolean cached;

    public ApiResourcesCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        if (output != null && !output.equals("wide") && !output.equals("name")) {
            throw CliException.plain(ExitCodes.GENERIC, "error: --output " + output + " is not available");
        }
        if (sortBy != null && !sortBy.equals("name") && !sortBy.equals("kind")) {
            throw CliException.plain(ExitCodes.GENERIC, "error: --sort-by accepts only name or kind");
        }
        List<ApiResource> rs = new ArrayList<>();
        for (ApiResource r : session.resources(false)) {
            if (namespaced != null && r.namespaced() != namespaced) {
                continue;
            }
            if (apiGroup != null && !r.group().equals(apiGroup)) {
                continue;
            }
            if (!verbs.isEmpty() && !r.verbs().containsAll(verbs)) {
                continue;
            }
            if (!categories.isEmpty() && !r.categories().containsAll(categories)) {
                continue;
            }
            rs.add(r);
        }
        Comparator<ApiResource> order = "kind".equals(sortBy) ? Comparator.comparing(ApiResource::kind)
                : "name".equals(sortBy) ? Comparator.comparing(ApiResource::name)
                : Comparator.comparing((ApiResource r) -> !r.group().isEmpty()).thenComparing(ApiResource::group).thenComparing(ApiResource::name);
        rs.sort(order);
        if ("name".equals(output)) {
            StringBuilder sb = new StringBuilder();
            rs.forEach(r -> sb.append(r.qualifiedName()).append('\n'));
            session.out().print(sb);
            session.out().flush();
            return ExitCodes.OK;
        }
        boolean wide = "wide".equals(output);
        List<List<String>> rows = new ArrayList<>();
        if (!noHeaders) {
            rows.add(wide ? List.of("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", "VERBS", "CATEGORIES")
                    : List.of("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"));
        }
        for (ApiResource r : rs) {
            List<String> row = new ArrayList<>(List.of(r.name(), String.join(",", r.shortNames()), r.groupVersion(),
                    Boolean.toString(r.namespaced()), r.kind()));
            if (wide) {
                row.add(String.join(",", new java.util.TreeSet<>(r.verbs()))); // kubectl: sorted, comma-separated
                row.add(String.join(",", r.categories()));
            }
            rows.add(row);
        }
        session.out().print(Tables.render(rows));
        session.out().flush();
        return ExitCodes.OK;
    }
}
