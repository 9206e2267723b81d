package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What kubectl's positional arguments select: {@code TYPE[,TYPE…] [NAME…]} or {@code TYPE/NAME…}, resolved
 * through discovery, in argument order.
 */
record Selection(List<Target> targets) {
    /** One type and the names asked for (empty: all, subject to selectors). */
    record Target(ApiResource type, List<String> names) {
    }

    static Selection parse(CtlSession session, List<String> args, String verb) throws ApiException {
        if (args.isEmpty()) {
            throw CliException.plain(ExitCodes.GENERIC, "error: you must specify the type of resource to " + verb
                    + ". Use \"rdd ctl api-resources\" for a complete list of supported resources.");
        }
        // Keyed by name, not by the record: a record's hashCode bootstraps an invokedynamic call site (start-up cost).
        Map<String, ApiResource> types = new LinkedHashMap<>();
        Map<String, List<String>> byType = new LinkedHashMap<>();
        if (args.getFirst().contains("/")) {
            for (String a : args) {
                int slash = a.indexOf('/');
                if (slash <= 0 || slash == a.length() - 1) {
                    throw CliException.plain(ExitCodes.GENERIC, "error: there is no need to specify a resource type as a separate argument when passing "
                            + "arguments in resource/name form (e.g. 'rdd ctl " + verb + " resource/<resource_name>' instead of 'rdd ctl "
                            + verb + " resource resource/<resource_name>'");
                }
                ApiResource t = session.resolve(a.substring(0, slash));
                types.putIfAbsent(t.qualifiedName(), t);
                byType.computeIfAbsent(t.qualifiedName(), k -> new ArrayList<>()).add(a.substring(slash + 1));
            }
        } else {
            List<String> names = args.subList(1, args.size());
            for (String n : names) {
                if (n.contains("/")) {
                    throw CliException.plain(ExitCodes.GENERIC, "error: arguments in resource/name form must have a single resource and name");
                }
            }
            for (String typeName : args.getFirst().split(",")) {
                if (typeName.isEmpty()) {
                    continue;
                }
                List<ApiResource> resolved = typeName.equalsIgnoreCase("all") ? session.category("all") : List.of(session.resolve(typeName));
                for (ApiResource t : resolved) {
                    types.putIfAbsent(t.qualifiedName(), t);
                    byType.computeIfAbsent(t.qualifiedName(), k -> new ArrayList<>()).addAll(names);
                }
            }
        }
        List<Target> targets = new ArrayList<>();
        byType.forEach((t, n) -> targets.add(new Target(types.get(t), List.copyOf(n))));
        return new Selection(targets);
    }

    /** Whether exactly one object was named (kubectl then prints it bare, not in a List). */
    boolean singleObject() {
        return targets.size() == 1 && targets.getFirst().names().size() == 1;
    }

    boolean multipleTypes() {
        return targets.size() > 1;
    }
}
