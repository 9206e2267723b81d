package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rdd ctl create -f FILE|-}: kubectl's create; a request kind of the {@code containers} group is then waited
 * for, its progress shown on stderr, and the exit code is its outcome (docs/cli.md).
 */
@Command(name = "create", description = "Create resources from files or stdin; waits for request kinds to finish.")
public final class CreateCommand implements Callable<Integer> {
    private final CtlSession session;

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", required = true, description = "Manifest file, directory or '-' for stdin.")
    List<String> files = new ArrayList<>();

    @Mixin
    NamespaceOptions ns;

    @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Wait for request kinds to finish (default true).")
    boolean wait = true;

    public CreateCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        List<String> errors = new ArrayList<>();
        List<Map<String, Object>> requests = new ArrayList<>();
        for (Map<String, Object> doc : Manifests.read(files)) {
            ApiResource type = session.resolveKind(ApiObjects.string(doc.get("apiVersion")), ApiObjects.string(doc.get("kind")));
            Map<String, Object> obj = new LinkedHashMap<>(doc);
            Map<String, Object> meta = ApiObjects.mutableMap(obj, "metadata");
            String namespace = null;
            if (type.namespaced()) {
                namespace = ApiObjects.string(meta.get("namespace"));
                if (namespace.isEmpty()) {
                    namespace = ns.namespace();
                    meta.put("namespace", namespace);
                }
            }
            String ns0 = namespace;
            try {
                Map<String, Object> created = session.call(api -> api.create(type.path(ns0, null), obj));
                session.out().println(type.kindPrefix() + "/" + ApiObjects.string(ApiObjects.metadata(created).get("name")) + " created");
                if (wait && Requests.API_VERSION.equals(ApiObjects.string(created.get("apiVersion")))
                        && Requests.KINDS.contains(ApiObjects.string(created.get("kind")))) {
                    requests.add(created);
                }
            } catch (ApiException e) {
                errors.add(e.kubectlMessage());
            }
        }
        session.out().flush();
        Requests waiter = new Requests(session);
        for (Map<String, Object> r : requests) {
            try {
                waiter.await(r);
            } catch (io.rancherdesktop.rdd.cli.CliException e) {
                errors.add(e.getMessage());
            }
        }
        for (String e : errors) {
            System.err.println(e);
        }
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.GENERIC;
    }
}
