package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.Json;
import io.rancherdesktop.rdd.wire.KubeApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdd ctl annotate TYPE NAME KEY=VAL… KEY-…}, as kubectl (a merge patch of metadata.annotations). */
@Command(name = "annotate", description = "Update the annotations on resources.")
public final class AnnotateCommand implements Callable<Integer> {
    private final CtlSession session;

    @Parameters(paramLabel = "TYPE NAME KEY=VAL|KEY-", arity = "1..*")
    List<String> args = new ArrayList<>();

    @Mixin
    NamespaceOptions ns;

    @Option(names = "--overwrite", description = "Allow replacing existing annotations.")
    boolean overwrite;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR")
    String selector;

    @Option(names = "--all", description = "Every object of the type in the namespace.")
    boolean all;

    @Option(names = "--dry-run", paramLabel = "none|server", arity = "0..1", fallbackValue = "server")
    String dryRun;

    @Option(names = "--resource-version", paramLabel = "VERSION", description = "Fail unless the object is at this version.")
    String resourceVersion;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT")
    String output;

    public AnnotateCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        List<String> resources = new ArrayList<>();
        Map<String, Object> changes = new LinkedHashMap<>();
        // kubectl's rule: resources first; an argument with '=' or a trailing '-' starts the annotation changes.
        for (String a : args) {
            boolean pair = a.contains("=") || a.endsWith("-");
            if (!pair) {
                if (!changes.isEmpty()) {
                    throw CliException.plain(ExitCodes.GENERIC, "error: all resources must be specified before annotation changes: " + a);
                }
                resources.add(a);
            } else if (a.contains("=")) {
                String k = a.substring(0, a.indexOf('='));
                if (k.isEmpty()) {
                    throw CliException.plain(ExitCodes.GENERIC, "error: invalid annotation format: " + a);
                }
                changes.put(k, a.substring(a.indexOf('=') + 1));
            } else {
                changes.put(a.substring(0, a.length() - 1), null);
            }
        }
        if (changes.isEmpty()) {
            throw CliException.plain(ExitCodes.GENERIC, "error: at least one annotation update is required");
        }
        boolean serverDryRun = DryRun.server(dryRun);
        Selection sel = Selection.parse(session, resources, "annotate");
        List<Item> items = new ArrayList<>();
        for (Selection.Target t : sel.targets()) {
            String namespace = t.type().namespaced() ? ns.namespace() : null;
            if (t.names().isEmpty()) {
                if (!all && selector == null) {
                    throw CliException.plain(ExitCodes.GENERIC, "error: resource(s) were provided, but no name was specified");
                }
                Map<String, Object> list = session.call(api -> api.get(GetCommand.listPath(t.type(), namespace, selector, null)));
                for (Object o : ApiObjects.list(list.get("items"))) {
                    items.add(Item.of(t.type(), ApiObjects.map(o)));
                }
            } else {
                for (String name : t.names()) {
                    items.add(Item.of(t.type(), session.call(api -> api.get(t.type().path(namespace, name)))));
                }
            }
        }
        List<Item> results = new ArrayList<>();
        for (Item item : items) {
            Map<String, Object> current = ApiObjects.map(ApiObjects.metadata(item.object()).get("annotations"));
            if (!overwrite) {
                for (var c : changes.entrySet()) {
                    if (c.getValue() != null && current.containsKey(c.getKey()) && !current.get(c.getKey()).equals(c.getValue())) {
                        throw CliException.plain(ExitCodes.GENERIC, "error: --overwrite is false but found the following declared annotation(s): '"
                                + c.getKey() + "' already has a value (" + current.get(c.getKey()) + ")");
                    }
                }
            }
            Map<String, Object> metaPatch = new LinkedHashMap<>();
            metaPatch.put("annotations", changes);
            if (resourceVersion != null) {
                metaPatch.put("resourceVersion", resourceVersion);
            }
            String body = Json.write(Map.of("metadata", metaPatch));
            String path = item.type().path(item.type().namespaced() ? item.namespace() : null, item.name()) + (serverDryRun ? "?dryRun=All" : "");
            Map<String, Object> after = session.call(api -> api.patch(path, KubeApi.MERGE_PATCH, body));
            if (output != null) {
                results.add(Item.of(item.type(), after));
            } else {
                session.out().println(item.qualifiedName() + " annotated" + (serverDryRun ? " (server dry run)" : ""));
            }
        }
        if (output != null) {
            Printing.print(session.out(), OutputFormat.parse(output), results, results.size() == 1, false);
        }
        session.out().flush();
        return ExitCodes.OK;
    }
}
