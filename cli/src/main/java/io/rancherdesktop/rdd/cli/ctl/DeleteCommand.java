package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.DurationFlag;


import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdd ctl delete}: by name, selector, {@code --all} or manifest; waits for finalizers by default, like kubectl. */
@Command(name = "delete", description = "Delete resources by names, selector, --all or file.")
public final class DeleteCommand implements Callable<Integer> {
    private final CtlSession session;

    @Parameters(paramLabel = "TYPE[/NAME]", arity = "0..*")
    List<String> args = new ArrayList<>();

    @Mixin
    NamespaceOptions ns;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR")
    String selector;

    @Option(names = "--field-selector", paramLabel = "SELECTOR")
    String fieldSelector;

    @Option(names = "--all", description = "Delete every object of the type(s) in the namespace.")
    boolean all;

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "Manifest naming the objects ('-' for stdin).")
    List<String> files = new ArrayList<>();

    @Option(names = "--ignore-not-found", description = "Treat \"resource not found\" as a success.")
    boolean ignoreNotFound;

    @Option(names = "--wait", arity = "0..1", defaultValue = "true", fallbackValue = "true", paramLabel = "BOOL",
            description = "Wait until the objects are gone (default true).")
    boolean waitGone;

    @Option(names = "--timeout", defaultValue = "0s", paramLabel = "DURATION", description = "How long to wait (0: forever).")
    String timeout;

    @Option(names = "--now", description = "Ignored (objects have no grace period here).")
    boolean now;

    @Option(names = "--grace-period", paramLabel = "SECONDS", description = "Passed to the server as gracePeriodSeconds.")
    Long gracePeriod;

    @Option(names = "--force", description = "Force the delete (gracePeriodSeconds=0, as kubectl --force --grace-period=0): "
            + "an image only stopped containers use is removed, like docker rmi -f; never an image a running container uses.")
    boolean force;

    @Option(names = "--cascade", paramLabel = "background|foreground|orphan", arity = "0..1", fallbackValue = "background")
    String cascade;

    @Option(names = "--dry-run", paramLabel = "none|server", arity = "0..1", fallbackValue = "server")
    String dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "name", description = "Only \"name\" is supported.")
    String output;

    public DeleteCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        Duration wait = DurationFlag.parse("--timeout", timeout);
        boolean serverDryRun = DryRun.server(dryRun);
        List<Item> victims = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (!files.isEmpty()) {
            for (Map<String, Object> doc : Manifests.read(files)) {
                ApiResource type = session.resolveKind(ApiObjects.string(doc.get("apiVersion")), ApiObjects.string(doc.get("kind")));
                String namespace = namespaceOf(type, doc);
                collect(type, namespace, ApiObjects.string(ApiObjects.metadata(doc).get("name")), victims, errors);
            }
        } else {
            Selection sel = Selection.parse(session, args, "delete");
            for (Selection.Target t : sel.targets()) {
                String namespace = t.type().namespaced() && !ns.allNamespaces ? ns.namespace() : null;
                if (!t.names().isEmpty()) {
                    for (String name : t.names()) {
                        collect(t.type(), namespace, name, victims, errors);
                    }
                } else if (all || selector != null || fieldSelector != null) {
                    Map<String, Object> list = session.call(api -> api.get(GetCommand.listPath(t.type(), namespace, selector, fieldSelector)));
                    for (Object o : ApiObjects.list(list.get("items"))) {
                        victims.add(Item.of(t.type(), ApiObjects.map(o)));
                    }
                } else {
                    throw CliException.plain(ExitCodes.GENERIC, "error: resource(s) were provided, but no name was specified");
                }
            }
            if (victims.isEmpty() && errors.isEmpty() && (all || selector != null || fieldSelector != null)) {
                session.out().flush();
                System.err.println("No resources found");
            }
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("kind", "DeleteOptions");
        options.put("apiVersion", "v1");
        if (force && gracePeriod != null && gracePeriod > 0) {
            throw CliException.plain(ExitCodes.GENERIC, "error: --force and --grace-period greater than 0 cannot be specified together");
        }
        if (force) {
            options.put("gracePeriodSeconds", 0L);
        } else if (gracePeriod != null) {
            options.put("gracePeriodSeconds", gracePeriod);
        }
        if (cascade != null) {
            options.put("propagationPolicy", switch (cascade) {
                case "foreground" -> "Foreground";
                case "orphan", "false" -> "Orphan";
                default -> "Background";
            });
        }
        List<Item> deleted = new ArrayList<>();
        for (Item v : victims) {
            String path = v.type().path(v.type().namespaced() ? v.namespace() : null, v.name()) + (serverDryRun ? "?dryRun=All" : "");
            try {
                session.call(api -> api.delete(path, options));
                deleted.add(v);
                if ("name".equals(output)) {
                    session.out().println(v.qualifiedName());
                } else {
                    session.out().println(v.type().kindPrefix() + " \"" + v.name() + "\" deleted" + (serverDryRun ? " (server dry run)" : ""));
                }
                session.out().flush();
            } catch (ApiException e) {
                if (!(e.notFound() && ignoreNotFound)) {
                    errors.add(e.kubectlMessage());
                }
            }
        }
        if (waitGone && !serverDryRun) {
            Instant deadline = wait.isZero() ? Instant.MAX : Instant.now().plus(wait);
            for (Item v : deleted) {
                try {
                    ObjectWaiter.Result r = new ObjectWaiter(session).await(v.type(), v.namespace(), v.name(), o -> o == null
                            || !ApiObjects.string(ApiObjects.metadata(o).get("uid")).equals(uid(v)), deadline, false);
                    if (r.timedOut()) {
                        errors.add("error: timed out waiting for the condition on " + v.type().qualifiedName() + "/" + v.name());
                    }
                } catch (ObjectWaiter.DeletedWhileWaiting impossible) {
                    // failOnDelete is false
                }
            }
        }
        session.out().flush();
        for (String e : errors) {
            System.err.println(e);
        }
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.GENERIC;
    }

    private static String uid(Item v) {
        return ApiObjects.string(ApiObjects.metadata(v.object()).get("uid"));
    }

    private void collect(ApiResource type, String namespace, String name, List<Item> victims, List<String> errors) throws ApiException {
        // Read first so the wait can tell the deleted object from a new one of the same name (uid).
        try {
            victims.add(Item.of(type, session.call(api -> api.get(type.path(namespace, name)))));
        } catch (ApiException e) {
            if (!(e.notFound() && ignoreNotFound)) {
                errors.add(e.kubectlMessage());
            }
        }
    }

    private String namespaceOf(ApiResource type, Map<String, Object> doc) {
        if (!type.namespaced()) {
            return null;
        }
        String n = ApiObjects.string(ApiObjects.metadata(doc).get("namespace"));
        return n.isEmpty() ? ns.namespace() : n;
    }
}
