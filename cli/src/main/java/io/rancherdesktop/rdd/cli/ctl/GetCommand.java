package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
import io.rancherdesktop.rdd.wire.HttpRequest;
import io.rancherdesktop.rdd.wire.HttpResponse;
import io.rancherdesktop.rdd.wire.KubeApi;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdd ctl get}: kubectl's get over the Unix socket (tables from the server, name/json/yaml/jsonpath, watch). */
@Command(name = "get", description = "Display one or many resources.")
public final class GetCommand implements Callable<Integer> {
    private final CtlSession session;

    @Parameters(paramLabel = "TYPE[.GROUP][/NAME]", arity = "0..*", description = "Resource type(s) and names.")
    List<String> args = new ArrayList<>();

    @Mixin
    NamespaceOptions ns;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "Output format: " + OutputFormat.ALLOWED + ".")
    String output;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Label selector.")
    String selector;

    @Option(names = "--field-selector", paramLabel = "SELECTOR", description = "Field selector.")
    String fieldSelector;

    @Option(names = {"-w", "--watch"}, description = "After listing, watch for changes.")
    boolean watch;

    @Option(names = "--watch-only", description = "Watch for changes without listing first.")
    boolean watchOnly;

    @Option(names = "--no-headers", description = "Do not print headers.")
    boolean noHeaders;

    @Option(names = "--ignore-not-found", description = "Treat \"resource not found\" as a success.")
    boolean ignoreNotFound;

    @Option(names = "--show-kind", description = "List the resource type for each object.")
    boolean showKind;

    @Option(names = "--show-labels", description = "Show labels as the last column.")
    boolean showLabels;

    @Option(names = "--raw", paramLabel = "URI", description = "Raw URI to request from the server.")
    String raw;

    @Option(names = "--show-managed-fields", description = "Keep metadata.managedFields in json/yaml output.")
    boolean showManagedFields;

    public GetCommand(io.rancherdesktop.rdd.cli.CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    /**
     * The command for {@code ctl get ARGS} parsed without picocli (see {@code FastPath}), or empty when the arguments
     * use anything beyond the common flags, so that picocli handles them.
     */
    public static Optional<GetCommand> fastParse(io.rancherdesktop.rdd.cli.CliContext ctx, List<String> argv) {
        GetCommand g = new GetCommand(ctx);
        g.ns = new NamespaceOptions();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (!a.startsWith("-") || a.equals("-")) {
                g.args.add(a);
                continue;
            }
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (!a.startsWith("--") && a.length() > 2) {
                name = a.substring(0, 2); // -ojson, -n=x
                value = a.charAt(2) == '=' ? a.substring(3) : a.substring(2);
            }
            switch (name) {
                case "-A", "--all-namespaces", "--no-headers", "--ignore-not-found", "--show-kind", "--show-labels" -> {
                    if (value != null) {
                        return Optional.empty();
                    }
                    switch (name) {
                        case "-A", "--all-namespaces" -> g.ns.allNamespaces = true;
                        case "--no-headers" -> g.noHeaders = true;
                        case "--ignore-not-found" -> g.ignoreNotFound = true;
                        case "--show-kind" -> g.showKind = true;
                        default -> g.showLabels = true;
                    }
                }
                case "-o", "--output", "-n", "--namespace", "-l", "--selector", "--field-selector" -> {
                    if (value == null) {
                        if (i + 1 >= argv.size()) {
                            return Optional.empty();
                        }
                        value = argv.get(++i);
                    }
                    switch (name) {
                        case "-o", "--output" -> g.output = value;
                        case "-n", "--namespace" -> g.ns.namespace = value;
                        case "-l", "--selector" -> g.selector = value;
                        default -> g.fieldSelector = value;
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(g);
    }

    @Override
    public Integer call() throws ApiException {
        PrintStream out = session.out();
        if (raw != null) {
            HttpResponse r = session.call(api -> api.raw(HttpRequest.get(raw)));
            if (!r.ok()) {
                throw CliException.plain(ExitCodes.GENERIC, io.rancherdesktop.rdd.wire.ApiException.of(r).kubectlMessage());
            }
            out.write(r.body(), 0, r.body().length);
            out.flush();
            return ExitCodes.OK;
        }
        OutputFormat format = OutputFormat.parse(output);
        Selection sel = Selection.parse(session, args, "get");
        if (sel.targets().isEmpty()) { // a category ("all") with no member types
            if (format instanceof OutputFormat.Table) {
                session.out().flush();
                System.err.println("No resources found in " + ns.namespace() + " namespace.");
            } else {
                Printing.print(out, format, List.of(), false, noHeaders, showManagedFields);
            }
            return ExitCodes.OK;
        }
        boolean anyNames = sel.targets().stream().anyMatch(t -> !t.names().isEmpty());
        if (anyNames && (selector != null)) {
            throw CliException.plain(ExitCodes.GENERIC, "error: name cannot be provided when a selector is specified");
        }
        boolean withKind = showKind || sel.multipleTypes();
        int rc = ExitCodes.OK;
        List<Item> items = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        boolean firstTable = true;
        for (Selection.Target target : sel.targets()) {
            ApiResource type = target.type();
            String namespace = type.namespaced() && !ns.allNamespaces ? ns.namespace() : null;
            if (format instanceof OutputFormat.Table t) {
                TableView table = new TableView(t.wide(), ns.allNamespaces && type.namespaced(), withKind ? type : null, showLabels);
                if (!watchOnly) {
                    if (target.names().isEmpty()) {
                        Map<String, Object> resp = session.call(api -> api.get(listPath(type, namespace), KubeApi.ACCEPT_TABLE));
                        table.add(type, resp);
                    } else {
                        for (String name : target.names()) {
                            try {
                                table.add(type, session.call(api -> api.get(type.path(namespace, name), KubeApi.ACCEPT_TABLE)));
                            } catch (ApiException e) {
                                if (!(e.notFound() && ignoreNotFound)) {
                                    errors.add(e.kubectlMessage());
                                }
                            }
                        }
                    }
                    if (table.isEmpty() && target.names().isEmpty()) {
                        if (!watch && sel.targets().size() == 1) {
                            noResources(namespace, type);
                        }
                    } else if (!table.isEmpty()) {
                        if (!firstTable) {
                            out.println();
                        }
                        out.print(table.render(noHeaders));
                        out.flush();
                        firstTable = false;
                    }
                }
                if (watch || watchOnly) {
                    flushErrors(errors);
                    new GetWatch(session, out, format, table, noHeaders).run(type, namespace, target.names(), selector, fieldSelector);
                }
                continue;
            }
            if (target.names().isEmpty()) {
                Map<String, Object> list = session.call(api -> api.get(listPath(type, namespace)));
                for (Object o : ApiObjects.list(list.get("items"))) {
                    items.add(Item.of(type, ApiObjects.map(o)));
                }
            } else {
                for (String name : target.names()) {
                    try {
                        items.add(Item.of(type, session.call(api -> api.get(type.path(namespace, name)))));
                    } catch (ApiException e) {
                        if (!(e.notFound() && ignoreNotFound)) {
                            errors.add(e.kubectlMessage());
                        }
                    }
                }
            }
            if (watch || watchOnly) {
                if (!watchOnly) {
                    Printing.print(out, format, items, sel.singleObject(), noHeaders, showManagedFields);
                    items.clear();
                }
                flushErrors(errors);
                new GetWatch(session, out, format, null, noHeaders).run(type, namespace, target.names(), selector, fieldSelector);
            }
        }
        if (format instanceof OutputFormat.Table && sel.targets().size() > 1 && firstTable && !anyNames && !watch && !watchOnly && errors.isEmpty()) {
            // several types, all empty: kubectl says it once, as for one type
            Selection.Target t = sel.targets().getFirst();
            noResources(t.type().namespaced() && !ns.allNamespaces ? ns.namespace() : null, t.type());
        }
        if (!(format instanceof OutputFormat.Table)) {
            // Only tables say "No resources found"; the other printers run over the empty List as kubectl's do
            // (name and jsonpath print nothing, custom-columns its header, json and yaml an empty List).
            // With --ignore-not-found, nothing found prints nothing at all, as in kubectl.
            if (!(items.isEmpty() && (!errors.isEmpty() || ignoreNotFound))) {
                Printing.print(out, format, items, sel.singleObject() && errors.isEmpty(), noHeaders, showManagedFields);
            }
        }
        if (!errors.isEmpty()) {
            flushErrors(errors);
            rc = ExitCodes.GENERIC;
        }
        return rc;
    }

    private void flushErrors(List<String> errors) {
        session.out().flush();
        for (String e : errors) {
            System.err.println(e);
        }
        errors.clear();
    }

    private void noResources(String namespace, ApiResource type) {
        if (ignoreNotFound) {
            return; // kubectl stays silent then, even for the table
        }
        session.out().flush();
        System.err.println(namespace != null && type.namespaced() ? "No resources found in " + namespace + " namespace." : "No resources found");
    }

    String listPath(ApiResource type, String namespace) {
        return listPath(type, namespace, selector, fieldSelector);
    }

    static String listPath(ApiResource type, String namespace, String selector, String fieldSelector) {
        StringBuilder p = new StringBuilder(type.path(namespace, null));
        char sep = '?';
        if (selector != null && !selector.isEmpty()) {
            p.append(sep).append("labelSelector=").append(URLEncoder.encode(selector, StandardCharsets.UTF_8));
            sep = '&';
        }
        if (fieldSelector != null && !fieldSelector.isEmpty()) {
            p.append(sep).append("fieldSelector=").append(URLEncoder.encode(fieldSelector, StandardCharsets.UTF_8));
        }
        return p.toString();
    }
}
