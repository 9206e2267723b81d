package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliContext;
import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
import io.rancherdesktop.rdd.wire.KubeApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code rdd ctl restart NAME|ID}: the one-shot {@code spec.state: restarted} on the container's mirror, then waits
 * (watching) until the engine controller recorded {@code status.lastAction} for it (docs/cli.md, docs/api.md §3.2).
 */
@Command(name = "restart", description = "Restart a container (docker restart), through its mirror's spec.state.")
public final class RestartCommand implements Callable<Integer> {
    private final CtlSession session;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Docker name or full ID of the container.")
    String container;

    public RestartCommand(CliContext ctx) {
        this.session = new CtlSession(ctx);
    }

    @Override
    public Integer call() throws ApiException {
        String ns = new Requests(session).resourceNamespace();
        ApiResource type = session.resolveKind(Requests.API_VERSION, "Container");
        String name = find(type, ns);
        Map<String, Object> patched = session.call(api -> api.patch(type.path(ns, name), KubeApi.MERGE_PATCH,
                "{\"spec\":{\"state\":\"restarted\"}}"));
        long generation = RequestProgressDisplay.num(ApiObjects.metadata(patched).get("generation"));
        ObjectWaiter.Result result;
        try {
            result = new ObjectWaiter(session).await(type, ns, name, obj -> {
                if (obj == null) {
                    return false;
                }
                Map<String, Object> action = ApiObjects.map(ApiObjects.map(obj.get("status")).get("lastAction"));
                String state = ApiObjects.string(ApiObjects.map(obj.get("spec")).get("state"));
                return RequestProgressDisplay.num(action.get("observedGeneration")) >= generation
                        && (state.isEmpty() || state.equals("unknown"));
            }, Instant.MAX, true);
        } catch (ObjectWaiter.DeletedWhileWaiting e) {
            throw CliException.plain(ExitCodes.GENERIC, "error: container " + container + " was removed before it restarted");
        }
        Map<String, Object> action = ApiObjects.map(ApiObjects.map(result.object().orElseThrow().get("status")).get("lastAction"));
        if (!"Succeeded".equals(ApiObjects.string(action.get("state")))) {
            throw CliException.plain(ExitCodes.GENERIC, "error: restarting " + container + " failed: " + ApiObjects.string(action.get("error")));
        }
        session.out().println(container);
        session.out().flush();
        return ExitCodes.OK;
    }

    /** The mirror's name: by Docker name ({@code status.name}), else the container ID itself. */
    private String find(ApiResource type, String ns) throws ApiException {
        String byName = type.path(ns, null) + "?fieldSelector=" + URLEncoder.encode("status.name=" + container, StandardCharsets.UTF_8);
        List<Object> items = ApiObjects.list(session.call(api -> api.get(byName)).get("items"));
        if (!items.isEmpty()) {
            return ApiObjects.string(ApiObjects.metadata(ApiObjects.map(items.getFirst())).get("name"));
        }
        try {
            session.call(api -> api.get(type.path(ns, container)));
            return container;
        } catch (ApiException e) {
            if (e.notFound()) {
                throw CliException.plain(ExitCodes.GENERIC, "Error response from daemon: No such container: " + container);
            }
            throw e;
        }
    }
}
