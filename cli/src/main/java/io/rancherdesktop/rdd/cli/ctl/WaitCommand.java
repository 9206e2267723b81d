package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.DurationFlag;


import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdd ctl wait --for=delete|create|condition=C[=V]|jsonpath={…}[=V]}, as kubectl: by names, selector,
 * field selector or {@code --all}; watches rather than polls.
 */
@Command(name = "wait", description = "Wait for a condition on one or many resources.")
public final class WaitCommand implements Callable<Integer> {
    private final CtlSession session;

    @Parameters(paramLabel = "TYPE[/NAME]", arity = "1..*")
    List<String> args = new ArrayList<>();

    @Mixin
    NamespaceOptions ns;

    @Option(names = "--for", required = true, paramLabel = "CONDITION",
            description = "delete, create, condition=NAME[=VALUE] or jsonpath='{…}'[=VALUE].")
    String forSpec;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION", description = "How long to wait (default 30s; negative: a week).")
    String timeout;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR")
    String selector;

    @Option(names = "--field-selector", paramLabel = "SELECTOR")
    String fieldSelector;

    @Option(names = "--all", description = "Every object of the type in the namespace.")
    boolean all;

    public WaitCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        Duration t = DurationFlag.parse("--timeout", timeout);
        if (t.isNegative()) {
            t = Duration.ofDays(7);
        }
        Instant deadline = Instant.now().plus(t);
        Predicate<Map<String, Object>> done = condition(forSpec);
        boolean wantsAbsent = forSpec.equals("delete");
        boolean create = forSpec.equals("create");
        Selection sel = Selection.parse(session, args, "wait");
        List<Item> targets = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Selection.Target target : sel.targets()) {
            String namespace = target.type().namespaced() && !ns.allNamespaces ? ns.namespace() : null;
            if (!target.names().isEmpty()) {
                for (String name : target.names()) {
                    targets.add(new Item(target.type(), Map.of("metadata", namespace == null ? Map.of("name", name) : Map.of("name", name, "namespace", namespace))));
                }
            } else if (all || selector != null || fieldSelector != null) {
                Map<String, Object> list = session.call(api -> api.get(GetCommand.listPath(target.type(), namespace, selector, fieldSelector)));
                for (Object o : ApiObjects.list(list.get("items"))) {
                    targets.add(Item.of(target.type(), ApiObjects.map(o)));
                }
            } else {
                throw CliException.plain(ExitCodes.GENERIC, "error: resource(s) were provided, but no name was specified");
            }
        }
        if (targets.isEmpty()) {
            if (wantsAbsent) {
                return ExitCodes.OK;
            }
            throw CliException.plain(ExitCodes.GENERIC, "error: no matching resources found");
        }
        for (Item target : targets) {
            if (!wantsAbsent && !create && !target.object().containsKey("kind")) {
                // kubectl fails at once on a named object that does not exist (only --for=create waits for it)
                try {
                    String path = target.type().path(target.type().namespaced() ? target.namespace() : null, target.name());
                    session.call(api -> api.get(path));
                } catch (ApiException e) {
                    errors.add(e.kubectlMessage());
                    continue;
                }
            }
            try {
                ObjectWaiter.Result r = new ObjectWaiter(session).await(target.type(), target.namespace(), target.name(), o -> {
                    if (o == null) {
                        return wantsAbsent;
                    }
                    return create || done.test(o);
                }, deadline, false);
                if (r.timedOut()) {
                    errors.add("error: timed out waiting for the condition on " + target.type().qualifiedName() + "/" + target.name());
                } else {
                    session.out().println(target.qualifiedName() + " condition met");
                    session.out().flush();
                }
            } catch (ObjectWaiter.DeletedWhileWaiting impossible) {
                // failOnDelete is false
            }
        }
        session.out().flush();
        for (String e : errors) {
            System.err.println(e);
        }
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.GENERIC;
    }

    /** The predicate of {@code --for} on a present object. */
    static Predicate<Map<String, Object>> condition(String spec) {
        if (spec.equals("delete") || spec.equals("create")) {
            return o -> true;
        }
        if (spec.startsWith("condition=")) {
            String rest = spec.substring("condition=".length());
            int eq = rest.indexOf('=');
            String type = eq < 0 ? rest : rest.substring(0, eq);
            String value = eq < 0 ? "True" : rest.substring(eq + 1);
            if (type.isEmpty()) {
                throw CliException.plain(ExitCodes.GENERIC, "error: condition name must not be empty");
            }
            return o -> {
                for (Object c : ApiObjects.conditions(o)) {
                    Map<String, Object> cond = ApiObjects.map(c);
                    if (type.equalsIgnoreCase(ApiObjects.string(cond.get("type")))) {
                        return value.equalsIgnoreCase(ApiObjects.string(cond.get("status")));
                    }
                }
                return false;
            };
        }
        if (spec.startsWith("jsonpath=")) {
            String rest = spec.substring("jsonpath=".length());
            String template;
            String value = null;
            int close = rest.lastIndexOf('}');
            if (rest.startsWith("{") && close > 0) {
                template = rest.substring(0, close + 1);
                if (close + 1 < rest.length()) {
                    if (rest.charAt(close + 1) != '=') {
                        throw CliException.plain(ExitCodes.GENERIC, "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3");
                    }
                    value = rest.substring(close + 2);
                }
            } else {
                int eq = rest.indexOf('=');
                template = "{" + (eq < 0 ? rest : rest.substring(0, eq)) + "}";
                value = eq < 0 ? null : rest.substring(eq + 1);
            }
            JsonPath path;
            try {
                path = JsonPath.parse(template);
            } catch (IllegalArgumentException e) {
                throw CliException.plain(ExitCodes.GENERIC, "error: unrecognized jsonpath " + template + ": " + e.getMessage());
            }
            String want = value;
            return o -> {
                List<Object> vals = path.select(o);
                if (vals.isEmpty()) {
                    return false;
                }
                if (want == null) {
                    return vals.getFirst() != null;
                }
                return vals.size() == 1 && JsonPath.format(vals.getFirst()).equals(want);
            };
        }
        throw CliException.plain(ExitCodes.GENERIC, "error: unrecognized condition: \"" + spec + "\"");
    }
}
