package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
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

/**
 * {@code rdd ctl apply -f FILE|-}: kubectl's client-side apply. The applied configuration is kept in the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation, and an update is a three-way JSON merge
 * patch, so real kubectl and {@code rdd ctl} can apply the same objects alternately.
 */
@Command(name = "apply", description = "Apply a configuration to resources from files or stdin (client-side apply).")
public final class ApplyCommand implements Callable<Integer> {
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private final CtlSession session;

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", required = true, description = "Manifest file, directory or '-' for stdin.")
    List<String> files = new ArrayList<>();

    @Mixin
    NamespaceOptions ns;

    @Option(names = "--dry-run", paramLabel = "none|server", arity = "0..1", fallbackValue = "server")
    String dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT")
    String output;

    @Option(names = "--server-side", description = "Server-side apply (the server tracks field ownership).")
    boolean serverSide;

    @Option(names = "--force-conflicts", description = "With --server-side: take over fields owned by other managers.")
    boolean forceConflicts;

    @Option(names = "--field-manager", paramLabel = "NAME",
            description = "Field manager (default kubectl-client-side-apply, or kubectl with --server-side, as kubectl).")
    String fieldManager;

    public ApplyCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        if (forceConflicts && !serverSide) {
            throw CliException.plain(ExitCodes.GENERIC, "error: --force-conflicts only works with --server-side");
        }
        boolean serverDryRun = DryRun.server(dryRun);
        OutputFormat format = output == null ? null : OutputFormat.parse(output);
        String suffix = serverDryRun ? " (server dry run)" : "";
        String manager = fieldManager != null ? fieldManager : serverSide ? "kubectl" : "kubectl-client-side-apply";
        String query = "?fieldManager=" + java.net.URLEncoder.encode(manager, java.nio.charset.StandardCharsets.UTF_8)
                + (serverDryRun ? "&dryRun=All" : "");
        List<String> errors = new ArrayList<>();
        List<Item> results = new ArrayList<>();
        for (Map<String, Object> doc : Manifests.read(files)) {
            ApiResource type = session.resolveKind(ApiObjects.string(doc.get("apiVersion")), ApiObjects.string(doc.get("kind")));
            Map<String, Object> modified = new LinkedHashMap<>(doc);
            Map<String, Object> meta = ApiObjects.mutableMap(modified, "metadata");
            String name = ApiObjects.string(meta.get("name"));
            if (name.isEmpty()) {
                errors.add("error: error when retrieving current configuration of " + type.kind() + ": resource name may not be empty");
                continue;
            }
            String namespace = null;
            if (type.namespaced()) {
                namespace = ApiObjects.string(meta.get("namespace"));
                if (namespace.isEmpty()) {
                    namespace = ns.namespace();
                    meta.put("namespace", namespace);
                } else if (ns.namespace != null && !ns.namespace.equals(namespace)) {
                    throw CliException.plain(ExitCodes.GENERIC, "error: the namespace from the provided object \"" + namespace
                            + "\" does not match the namespace \"" + ns.namespace + "\". You must pass '--namespace=" + namespace + "' to perform this operation.");
                }
            }
            if (serverSide) {
                String ssaPath = type.path(namespace, name) + query + (forceConflicts ? "&force=true" : "");
                try {
                    Map<String, Object> applied = session.call(api -> api.patch(ssaPath, KubeApi.APPLY_PATCH, Json.write(modified)));
                    report(format, type, applied, name, "serverside-applied" + suffix, results);
                } catch (ApiException e) {
                    errors.add(e.kubectlMessage());
                }
                continue;
            }
            // The annotation holds the configuration without itself, as kubectl writes it.
            Map<String, Object> annotations = ApiObjects.mutableMap(meta, "annotations");
            annotations.remove(LAST_APPLIED);
            if (annotations.isEmpty()) {
                meta.remove("annotations");
            }
            String applied = Json.writeSorted(modified) + "\n";
            ApiObjects.mutableMap(meta, "annotations").put(LAST_APPLIED, applied);
            String ns0 = namespace;
            String objPath = type.path(ns0, name);
            Map<String, Object> current;
            try {
                current = session.call(api -> api.get(objPath));
            } catch (ApiException e) {
                if (!e.notFound()) {
                    errors.add(e.kubectlMessage());
                    continue;
                }
                try {
                    Map<String, Object> created = session.call(api -> api.create(type.path(ns0, null) + query, modified));
                    report(format, type, created, name, "created" + suffix, results);
                } catch (ApiException ce) {
                    errors.add(ce.kubectlMessage());
                }
                continue;
            }
            Map<String, Object> original = null;
            String lastApplied = ApiObjects.string(ApiObjects.map(ApiObjects.metadata(current).get("annotations")).get(LAST_APPLIED));
            if (!lastApplied.isEmpty()) {
                try {
                    original = Json.parseObject(lastApplied);
                } catch (IllegalArgumentException ignored) {
                    // unreadable: behave as if nothing had been applied before
                }
            }
            Map<String, Object> patch = MergePatch.threeWay(original, modified, current);
            if (patch.isEmpty()) {
                report(format, type, current, name, "unchanged" + suffix, results);
                continue;
            }
            try {
                Map<String, Object> patched = session.call(api -> api.patch(objPath + query, KubeApi.MERGE_PATCH, Json.write(patch)));
                report(format, type, patched, name, "configured" + suffix, results);
            } catch (ApiException e) {
                errors.add(e.kubectlMessage());
            }
        }
        if (format != null && !(format instanceof OutputFormat.Table)) {
            Printing.print(session.out(), format, results, results.size() == 1, false);
        }
        session.out().flush();
        for (String e : errors) {
            System.err.println(e);
        }
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.GENERIC;
    }

    private void report(OutputFormat format, ApiResource type, Map<String, Object> obj, String name, String what, List<Item> results) {
        if (format == null || format instanceof OutputFormat.Table) {
            session.out().println(type.kindPrefix() + "/" + name + " " + what);
        } else {
            results.add(Item.of(type, obj));
        }
    }
}
