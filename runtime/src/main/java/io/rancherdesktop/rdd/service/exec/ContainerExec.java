package io.rancherdesktop.rdd.service.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.admission.UserInfo;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainersGroup;
import io.rancherdesktop.rdd.apiserver.RequestInfo;
import io.rancherdesktop.rdd.apiserver.StatusException;
import io.rancherdesktop.rdd.apiserver.StreamingSubresource;
import io.rancherdesktop.rdd.apiserver.WebSocketUpgrade;
import io.rancherdesktop.rdd.controller.engine.reconcile.ContainerEngineReady;
import io.rancherdesktop.rdd.store.ObjectKey;
import io.rancherdesktop.rdd.store.ObjectStore;
import io.rancherdesktop.rdd.store.StoredObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code …/containers/{name}/exec}: a command in a running container, served as kube's {@code pods/exec} (the
 * streaming protocol over WebSocket, {@code v5.channel.k8s.io} preferred, {@code v4.channel.k8s.io} accepted; see
 * docs/api.md, "Exec"). Everything that can be refused is refused before the upgrade, as a plain HTTP
 * {@code Status}: no command or no stream (400), no such Container (404), the engine not {@code Connected} (503), a
 * container that is not running (409, naming its state), a request that is not a WebSocket upgrade or offers
 * neither subprotocol (400). The exec is then created on the engine, and {@link ExecSession} bridges it.
 */
public final class ContainerExec implements StreamingSubresource {
    private static final Logger log = LoggerFactory.getLogger(ContainerExec.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RESOURCE = "containers";
    private static final String CONTAINERS = RESOURCE + "." + ContainersGroup.GROUP;
    private static final String APPS = "apps." + App.GROUP;

    private final ObjectStore store;

    public ContainerExec(ObjectStore store) {
        this.store = store;
    }

    /** How many threads of exec sessions are running now (none once every exec has ended): for leak tests. */
    public static int liveThreads() {
        return ExecSession.LIVE_THREADS.get();
    }

    @Override
    public String group() {
        return ContainersGroup.GROUP;
    }

    @Override
    public String resource() {
        return RESOURCE;
    }

    @Override
    public String name() {
        return "exec";
    }

    @Override
    public boolean webSocket() {
        return true;
    }

    @Override
    public int handle(Request request, Response response, Callback callback, RequestInfo info, UserInfo user) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("POST")) {
            throw StatusException.methodNotAllowed(method);
        }
        ExecOptions options = options(request);
        String ns = info.namespace();
        String name = info.name();
        StoredObject mirror = store.get(CONTAINERS, new ObjectKey(ns, name))
                .orElseThrow(() -> StatusException.notFound(ContainersGroup.GROUP, RESOURCE, name));
        String endpoint = connectedEndpoint(ns);
        String state = mirror.object().path("status").path("status").asText("unknown");
        if (!state.equals("running")) {
            throw notRunning(name, state);
        }
        if (!WebSocketUpgrade.requested(request)) {
            throw StatusException.badRequest("Upgrade request required: exec is served over WebSocket (subprotocol "
                    + StreamProtocol.V5.subprotocol + " or " + StreamProtocol.V4.subprotocol + ")");
        }
        List<String> offered = WebSocketUpgrade.offeredSubprotocols(request);
        StreamProtocol protocol = StreamProtocol.choose(offered);
        if (protocol == null) {
            throw StatusException.badRequest("none of the offered WebSocket subprotocols " + offered + " is served; offer "
                    + StreamProtocol.V5.subprotocol + " or " + StreamProtocol.V4.subprotocol);
        }
        // The engine's exec is created once the handshake is known to be valid: a bad one leaves no exec behind.
        WebSocketUpgrade.upgrade(request, response, callback, protocol.subprotocol, () -> {
            String execId = createExec(endpoint, name, options);
            log.debug("exec {} in container {}/{}: {} ({})", execId, ns, name, options.command(), protocol.subprotocol);
            return new ExecSession(endpoint, execId, options, protocol);
        });
        return 101;
    }

    private static ExecOptions options(Request request) {
        Fields q;
        try {
            q = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw StatusException.badRequest("malformed query string: " + e.getMessage());
        }
        List<String> command = q.getValues("command");
        if (command == null || command.isEmpty()) {
            throw StatusException.badRequest("you must specify at least one command for the container");
        }
        ExecOptions o = new ExecOptions(command, flag(q, "stdin"), flag(q, "stdout"), flag(q, "stderr"), flag(q, "tty"));
        if (!o.stdin() && !o.stdout() && !o.stderr()) {
            throw StatusException.badRequest("you must specify at least one of stdin, stdout, stderr");
        }
        return o;
    }

    private static boolean flag(Fields q, String name) {
        String v = q.getValue(name);
        if (v == null) {
            return false;
        }
        return switch (v) {
            case "true", "True", "1" -> true;
            case "false", "False", "0", "" -> false;
            default -> throw StatusException.badRequest(name + ": invalid value \"" + v + "\": must be true or false");
        };
    }

    /** The endpoint of the engine that mirrors namespace {@code ns}, or 503 when it is not {@code Connected}. */
    private String connectedEndpoint(String ns) {
        // The App whose spec.namespace (default "default") holds the mirrors; it lives in any namespace.
        JsonNode app = null;
        for (StoredObject so : store.list(APPS, null, null).items()) {
            if (ns.equals(so.object().path("spec").path("namespace").asText("default"))) {
                app = so.object();
            }
        }
        JsonNode ready = null;
        if (app != null) {
            for (JsonNode c : app.path("status").path("conditions")) {
                if (ConditionTypes.CONTAINER_ENGINE_READY.equals(c.path("type").asText())) {
                    ready = c;
                }
            }
        }
        if (ready != null && "True".equals(ready.path("status").asText())
                && ConditionReasons.ContainerEngineReady.CONNECTED.equals(ready.path("reason").asText())) {
            String endpoint = ContainerEngineReady.State.connectedEndpoint(ready.path("message").asText(null));
            if (endpoint != null) {
                return endpoint;
            }
        }
        String why = ready == null ? "no App mirrors namespace " + ns + " with a " + ConditionTypes.CONTAINER_ENGINE_READY + " condition"
                : ConditionTypes.CONTAINER_ENGINE_READY + " is " + ready.path("status").asText() + "/" + ready.path("reason").asText()
                        + (ready.path("message").asText("").isEmpty() ? "" : ": " + ready.path("message").asText());
        throw new StatusException(503, "ServiceUnavailable", "the container engine is not connected (" + why + ")", StatusException.Details.NONE);
    }

    private static StatusException notRunning(String name, String state) {
        return StatusException.conflict(ContainersGroup.GROUP, RESOURCE, name, "cannot exec in a container that is " + state + " (it must be running)");
    }

    /** {@code POST /containers/{id}/exec}: the exec's ID; the engine's refusals as a {@code Status}. */
    private static String createExec(String endpoint, String id, ExecOptions o) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("AttachStdin", o.stdin());
        body.put("AttachStdout", o.stdout());
        body.put("AttachStderr", o.stderr());
        body.put("Tty", o.tty());
        body.put("Cmd", o.command());
        EngineSocket.Answer a;
        try {
            a = EngineSocket.call(endpoint, "POST", "/containers/" + id + "/exec", JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new StatusException(503, "ServiceUnavailable", "the container engine at " + endpoint + " did not answer: " + e.getMessage(),
                    StatusException.Details.NONE);
        }
        String message = engineMessage(a);
        return switch (a.code()) {
            case 201, 200 -> {
                try {
                    yield JSON.readTree(a.body()).path("Id").asText();
                } catch (IOException e) {
                    throw StatusException.internal("the engine's answer to exec create: " + e.getMessage());
                }
            }
            case 404 -> throwIt(StatusException.notFound(ContainersGroup.GROUP, RESOURCE, id));
            case 409 -> throwIt(StatusException.conflict(ContainersGroup.GROUP, RESOURCE, id, "cannot exec in the container: " + message));
            default -> throwIt(StatusException.internal("the engine refused the exec: HTTP " + a.code() + " " + message));
        };
    }

    private static String throwIt(StatusException e) {
        throw e;
    }

    private static String engineMessage(EngineSocket.Answer a) {
        try {
            JsonNode n = JSON.readTree(a.body());
            if (n instanceof ObjectNode o && o.hasNonNull("message")) {
                return o.get("message").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the text itself
        }
        return a.text().trim();
    }
}
