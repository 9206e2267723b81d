package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.DurationFlag;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdd ctl prune containers|images|volumes}: Docker's prune, as one {@code deletecollection} with a field selector
 * over the mirrors (docs/cli.md "Prune"). Each selected object goes through the normal delete path (finalizer, engine
 * delete, events); the command waits until the mirrors are gone, like {@code docker … prune}.
 */
@Command(name = "prune", description = "Remove stopped containers, dangling (or, with --all, unused) images, or unused volumes.")
public final class PruneCommand implements Callable<Integer> {
    /** What each target removes: the field selector of its deletecollection and the words of the prompt. */
    enum Target {
        CONTAINERS("containers", "stopped containers",
                "status.status!=running,status.status!=paused,status.status!=pausing,status.status!=restarting,"
                        + "status.status!=removing,status.status!=unknown"),
        IMAGES("images", "dangling images not used by any container", "status.dangling=true,status.inUse=false"),
        ALL_IMAGES("images", "images not used by any container", "status.inUse=false"),
        VOLUMES("volumes", "volumes not used by any container", "status.inUse=false");

        final String resource;
        final String what;
        final String fieldSelector;

        Target(String resource, String what, String fieldSelector) {
            this.resource = resource;
            this.what = what;
            this.fieldSelector = fieldSelector;
        }

        static Target of(String word, boolean all) {
            return switch (word.toLowerCase(Locale.ROOT)) {
                case "containers", "container" -> CONTAINERS;
                case "images", "image" -> all ? ALL_IMAGES : IMAGES;
                case "volumes", "volume" -> VOLUMES;
                default -> throw CliException.usage("prune: unknown type \"" + word + "\" (one of containers, images, volumes)");
            };
        }
    }

    private final CtlSession session;

    @Parameters(paramLabel = "containers|images|volumes", description = "What to prune.")
    String type;

    @Option(names = {"-a", "--all"}, description = "Images: remove every image no container uses, not only dangling ones. "
            + "Volumes: accepted for docker's habit; every unused volume, named or anonymous, is always removed.")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
    boolean force;

    @Option(names = "--dry-run", description = "Only list what would be removed.")
    boolean dryRun;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION", description = "How long to wait for the removals (0: forever).")
    String timeout;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "The mirrors' namespace (default: the App's).")
    String namespaceFlag;

    public PruneCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        Target target = Target.of(type, all);
        if (all && target == Target.CONTAINERS) {
            throw CliException.usage("prune containers: --all applies to images and volumes only");
        }
        Duration wait = DurationFlag.parse("--timeout", timeout);
        ApiResource resource = session.resolve(target.resource);
        String namespace = ContainerNames.namespace(session, namespaceFlag);
        String path = GetCommand.listPath(resource, namespace, null, target.fieldSelector);
        List<Item> candidates = items(resource, session.call(api -> api.get(path)));
        if (candidates.isEmpty()) {
            System.err.println("Nothing to prune: no " + target.what + ".");
            session.out().println("Total reclaimed space: 0B");
            session.out().flush();
            return ExitCodes.OK;
        }
        if (dryRun) {
            for (Item i : candidates) {
                session.out().println(display(target, i));
            }
            session.out().flush();
            return ExitCodes.OK;
        }
        if (!force && !confirm(target, candidates)) {
            System.err.println("Prune cancelled: nothing was removed.");
            return ExitCodes.GENERIC;
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("kind", "DeleteOptions");
        options.put("apiVersion", "v1");
        // The server deletes exactly what the selector matches now (a container started since the list is spared).
        List<Item> deleted = items(resource, session.call(api -> api.delete(path, options)));
        List<String> errors = new ArrayList<>();
        Instant deadline = wait.isZero() ? Instant.MAX : Instant.now().plus(wait);
        List<Item> gone = new ArrayList<>();
        for (Item v : deleted) {
            String uid = ApiObjects.string(ApiObjects.metadata(v.object()).get("uid"));
            try {
                ObjectWaiter.Result r = new ObjectWaiter(session).await(resource, v.namespace(), v.name(),
                        o -> o == null || !ApiObjects.string(ApiObjects.metadata(o).get("uid")).equals(uid), deadline, false);
                if (r.timedOut()) {
                    errors.add("error: " + display(target, v) + " is still being removed: "
                            + "see rdd ctl describe " + target.resource + " " + v.name());
                } else {
                    gone.add(v);
                }
            } catch (ObjectWaiter.DeletedWhileWaiting impossible) {
                // failOnDelete is false
            }
        }
        if (!gone.isEmpty()) {
            session.out().println("Deleted " + capitalised(target.resource) + ":");
            for (Item v : gone) {
                session.out().println(display(target, v));
            }
            session.out().println();
        }
        session.out().println("Total reclaimed space: " + reclaimed(target, gone));
        session.out().flush();
        errors.forEach(System.err::println);
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.GENERIC;
    }

    private boolean confirm(Target target, List<Item> candidates) {
        System.err.println("WARNING! This will remove " + candidates.size() + " " + target.what + ":");
        int shown = 0;
        for (Item i : candidates) {
            if (shown++ == 10) {
                System.err.println("  … and " + (candidates.size() - 10) + " more");
                break;
            }
            System.err.println("  " + display(target, i));
        }
        if (target == Target.VOLUMES) {
            System.err.println("The data in these volumes is deleted with them.");
        }
        System.err.print("Are you sure you want to continue? [y/N] ");
        System.err.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Item> items(ApiResource resource, Map<String, Object> list) {
        List<Item> out = new ArrayList<>();
        for (Object o : ApiObjects.list(list.get("items"))) {
            out.add(Item.of(resource, ApiObjects.map(o)));
        }
        return out;
    }

    /** What Docker would print: the container's or volume's Docker name, the image's tag (or ID when dangling). */
    static String display(Target target, Item i) {
        Map<String, Object> status = ApiObjects.map(i.object().get("status"));
        String s = switch (target) {
            case CONTAINERS, VOLUMES -> ApiObjects.string(status.get("name"));
            case IMAGES, ALL_IMAGES -> {
                String tag = ApiObjects.string(status.get("repoTag"));
                yield tag.isEmpty() ? "deleted: " + ApiObjects.string(status.get("id")) : "untagged: " + tag;
            }
        };
        return s.isEmpty() ? i.name() : s;
    }

    /** Images only: the sizes of the distinct image IDs removed (the API knows no container or volume sizes). */
    static String reclaimed(Target target, List<Item> gone) {
        if (target != Target.IMAGES && target != Target.ALL_IMAGES) {
            return gone.isEmpty() ? "0B" : "unknown (the API reports no sizes of " + target.resource + ")";
        }
        Map<String, Long> byId = new LinkedHashMap<>();
        for (Item i : gone) {
            Map<String, Object> status = ApiObjects.map(i.object().get("status"));
            if (status.get("size") instanceof Number n) {
                byId.put(ApiObjects.string(status.get("id")), n.longValue());
            }
        }
        return humanBytes(byId.values().stream().mapToLong(Long::longValue).sum());
    }

    /** Docker's units: decimal, as {@code docker system df} prints them. */
    static String humanBytes(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + "B" : String.format(Locale.ROOT, "%.3g%s", v, units[u]);
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
