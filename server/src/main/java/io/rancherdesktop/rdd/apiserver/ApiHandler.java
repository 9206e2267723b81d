package io.rancherdesktop.rdd.apiserver;

import static io.rancherdesktop.rdd.apiserver.ContentNegotiation.decodeObjectBody;
import static io.rancherdesktop.rdd.apiserver.ContentNegotiation.readBody;
import static io.rancherdesktop.rdd.apiserver.RequestAuthenticator.user;
import static io.rancherdesktop.rdd.apiserver.RequestOptions.deleteOptions;
import static io.rancherdesktop.rdd.apiserver.RequestOptions.listOptions;
import static io.rancherdesktop.rdd.apiserver.RequestOptions.writeOptions;
import static io.rancherdesktop.rdd.apiserver.Responses.JSON;
import static io.rancherdesktop.rdd.apiserver.Responses.sendBytes;
import static io.rancherdesktop.rdd.apiserver.Responses.sendJson;
import static io.rancherdesktop.rdd.apiserver.Responses.sendText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of the API server, a dispatcher over kube-apiserver's seams: authentication first
 * ({@link RequestAuthenticator}: bearer token on TCP; none on the owner-only Unix socket), then routing of kube's
 * paths (the non-resource endpoints here; resource paths through {@link RequestInfoResolver}), option parsing
 * ({@link RequestOptions}), content negotiation ({@link ContentNegotiation}, {@link OutputFormat}) and the response
 * writers ({@link Responses}, {@link ResourceWriter}; {@code Status} errors). The verbs themselves live in
 * {@link ResourceOperations}; watches in {@link WatchStreamer}; registered {@link StreamingSubresource}s serve
 * their own subresources.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    private final ResourceOperations ops;
    private final ResourceRegistry registry;
    private final Discovery discovery;
    private final OpenApiV3 openApi;
    private final WatchStreamer watches;
    private final ReadinessChecks readiness;
    private final ApiMetrics metrics;
    private final RequestAuthenticator authentication;
    private final RequestInfoResolver requestInfo;
    private final ResourceWriter writer;
    private final StreamingSubresources streaming;
    private volatile String serverAddress = "127.0.0.1:443";

    ApiHandler(ResourceOperations ops, Discovery discovery, OpenApiV3 openApi, TableConverter tables, WatchStreamer watches,
               ReadinessChecks readiness, ApiMetrics metrics, Authenticator authenticator, StreamingSubresources streaming) {
        this.ops = ops;
        this.registry = ops.registry();
        this.discovery = discovery;
        this.openApi = openApi;
        this.watches = watches;
        this.readiness = readiness;
        this.metrics = metrics;
        this.authentication = new RequestAuthenticator(authenticator);
        this.requestInfo = new RequestInfoResolver(registry, streaming);
        this.streaming = streaming;
        this.writer = new ResourceWriter(ops, tables);
    }

    /** Unix-socket peers must be {@code owner} (the owner of the socket file: the service's uid). */
    void unixSocketOwner(UserPrincipal owner) {
        authentication.unixSocketOwner(owner);
    }

    /** Requests through this connector need the bearer token. */
    void protect(Connector tcp, String address) {
        authentication.protect(tcp);
        this.serverAddress = address;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        int[] status = {200};
        boolean authenticated = false;
        try {
            authentication.attach(request);
            authenticated = true;
            if (WebSocketUpgrade.requested(request) && !streaming.webSocketPath(path)) {
                status[0] = refuseWebSocket(request, response, callback);
            } else {
                status[0] = route(request, response, callback, method, path);
            }
        } catch (StatusException e) {
            status[0] = e.code();
            Responses.sendEarlyStatus(request, response, callback, e, authenticated);
        } catch (RuntimeException e) {
            log.error("{} {} failed: {}", method, path, e.toString(), e);
            status[0] = 500;
            Responses.sendEarlyStatus(request, response, callback, StatusException.internal(e.toString()), authenticated);
        }
        if (log.isDebugEnabled()) {
            log.debug("{} {}{} -> {} ({} ms)", method, path, request.getHttpURI().getQuery() == null ? "" : "?" + request.getHttpURI().getQuery(),
                    status[0], (System.nanoTime() - start) / 1_000_000);
        }
        return true;
    }

    /**
     * Watches are served over plain HTTP only. fabric8 tries a WebSocket upgrade first and falls back to an HTTP
     * watch at once when the handshake is answered with 200 (or 503, which it retries with back-off first):
     * answer 200 with no body, so the fallback costs one round trip.
     */
    private static int refuseWebSocket(Request request, Response response, Callback callback) {
        if (RequestOptions.isTrue(RequestOptions.queryParams(request).getValue("watch"))) {
            return sendBytes(response, callback, 200, JSON, new byte[0], List.of());
        }
        throw StatusException.badRequest("WebSocket upgrades are not supported by this server");
    }

    // ============================================================================================== routing

    private int route(Request request, Response response, Callback callback, String method, String rawPath) {
        List<String> seg = RequestInfoResolver.segments(rawPath);
        if (seg.isEmpty()) {
            return sendPaths(response, callback);
        }
        switch (seg.getFirst()) {
            case "healthz", "livez" -> {
                return sendText(response, callback, 200, "ok");
            }
            case "readyz" -> {
                ReadinessChecks.Report r = readiness.evaluate();
                boolean verbose = RequestOptions.queryParams(request).get("verbose") != null;
                return sendText(response, callback, r.ready() ? 200 : 500, verbose || !r.ready() ? r.text() : "ok");
            }
            case "version" -> {
                return sendJson(response, callback, 200, discovery.version(), List.of());
            }
            case "metrics" -> {
                requireGet(method);
                return sendText(response, callback, 200, metrics.prometheusText());
            }
            case "openapi" -> {
                return openApi(request, response, callback, seg);
            }
            case "api" -> {
                if (seg.size() == 1) {
                    return sendJson(response, callback, 200, discovery.apiVersions(serverAddress), List.of());
                }
                return groupVersion(request, response, callback, method, "", seg.get(1), seg.subList(2, seg.size()));
            }
            case "apis" -> {
                if (seg.size() == 1) {
                    return sendJson(response, callback, 200, discovery.groupList(), List.of());
                }
                if (seg.size() == 2) {
                    return sendJson(response, callback, 200, discovery.group(seg.get(1)).orElseThrow(StatusException::notFoundPath), List.of());
                }
                return groupVersion(request, response, callback, method, seg.get(1), seg.get(2), seg.subList(3, seg.size()));
            }
            default -> throw StatusException.notFoundPath();
        }
    }

    private int openApi(Request request, Response response, Callback callback, List<String> seg) {
        if (seg.size() == 2 && seg.get(1).equals("v2")) {
            return openApiV2(request, response, callback);
        }
        if (seg.size() >= 2 && seg.get(1).equals("v3")) {
            if (seg.size() == 2) {
                return sendBytes(response, callback, 200, JSON, openApi.index(), List.of());
            }
            String gv = String.join("/", seg.subList(2, seg.size()));
            OpenApiV3.Document d = openApi.document(gv).orElseThrow(StatusException::notFoundPath);
            // The URL carries the hash of the content: clients may cache it for good.
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, immutable");
            response.getHeaders().put(HttpHeader.ETAG, "\"" + d.hash() + "\"");
            return sendBytes(response, callback, 200, JSON, d.json(), List.of());
        }
        throw StatusException.notFoundPath();
    }

    private static int accessReview(Request request, Response response, Callback callback, String method, List<String> rest) {
        if (rest.size() != 1 || !AccessReviews.isReview(rest.getFirst())) {
            throw StatusException.notFoundPath();
        }
        if (!"POST".equals(method)) {
            throw StatusException.methodNotAllowed(method);
        }
        JsonNode body = decodeObjectBody(request, readBody(request));
        return sendJson(response, callback, 201, AccessReviews.answer(rest.getFirst(), body), List.of());
    }

    private static int selfSubjectReview(Request request, Response response, Callback callback, String method, List<String> rest) {
        if (rest.size() != 1 || !rest.getFirst().equals(SelfSubjectReviews.PLURAL)) {
            throw StatusException.notFoundPath();
        }
        if (!"POST".equals(method)) {
            throw StatusException.methodNotAllowed(method);
        }
        JsonNode body = decodeObjectBody(request, readBody(request));
        return sendJson(response, callback, 201, SelfSubjectReviews.answer(body, user(request)), List.of());
    }

    /**
     * What kubectl asks /openapi/v2 for (gnostic's OpenAPI v2 {@code Document} in protobuf), in its old spelling with
     * an '@' (which Go's media-type parser rejects in a Content-Type) and its new one, which the answer carries.
     */
    private static final String OPENAPI_V2_PROTOBUF_ACCEPT = "com.github.proto-openapi.spec.v2";
    static final String OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    /**
     * OpenAPI v2 without definitions: the schemas are served as OpenAPI v3 only. kubectl still fetches v2 for the one
     * kind v3 cannot vouch for, {@code v1/List} (the file {@code kubectl get -o json} writes): it validates a List's
     * items client-side against v2 and skips kinds v2 does not define; a 404 here made {@code kubectl create -f} and
     * {@code apply -f} of a List fail. The items are then validated by this server (strict field validation), as
     * every other request. An empty protobuf message is a valid empty {@code Document}.
     */
    private static int openApiV2(Request request, Response response, Callback callback) {
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        if (accept != null && accept.contains(OPENAPI_V2_PROTOBUF_ACCEPT)) {
            return sendBytes(response, callback, 200, OPENAPI_V2_PROTOBUF, new byte[0], List.of());
        }
        return sendBytes(response, callback, 200, JSON,
                "{\"swagger\":\"2.0\",\"info\":{\"title\":\"rdd\",\"version\":\"v2 without definitions: see /openapi/v3\"},\"paths\":{}}"
                        .getBytes(StandardCharsets.UTF_8), List.of());
    }

    private int groupVersion(Request request, Response response, Callback callback, String method, String group, String version, List<String> rest) {
        if (rest.isEmpty()) {
            requireGet(method);
            return sendJson(response, callback, 200, discovery.resourceList(group, version).orElseThrow(StatusException::notFoundPath), List.of());
        }
        if (AccessReviews.served(group, version)) {
            return accessReview(request, response, callback, method, rest);
        }
        if (SelfSubjectReviews.served(group, version)) {
            return selfSubjectReview(request, response, callback, method, rest);
        }
        RequestInfoResolver.Resolved r = requestInfo.resolve(method, group, version, rest, () -> RequestOptions.queryParams(request));
        if (WebSocketUpgrade.requested(request) && (r.streaming() == null || !r.streaming().webSocket())) {
            return refuseWebSocket(request, response, callback);
        }
        if (r.streaming() != null) {
            // A registered streaming subresource (the resolver answered 404 for an unregistered one).
            metrics.increment(r.info().verb(), r.scope().resource().storageKey() + "/" + r.info().subresource());
            return r.streaming().handle(request, response, callback, r.info(), user(request));
        }
        return resource(request, response, callback, method, r);
    }

    private int resource(Request request, Response response, Callback callback, String method, RequestInfoResolver.Resolved r) {
        RequestScope scope = r.scope();
        var q = r.query();
        String key = scope.resource().storageKey();
        boolean collection = scope.name() == null;
        switch (method) {
            case "GET" -> {
                OutputFormat format = ContentNegotiation.outputFormat(request);
                if (r.watch()) {
                    metrics.increment(r.info().verb(), key);
                    ResourceOperations.ListOptions lo = listOptions(q, scope);
                    watches.stream(request, response, callback, scope, lo, q, format);
                    return 200;
                }
                metrics.increment(r.info().verb(), key);
                if (collection) {
                    return writer.sendList(response, callback, scope, ops.list(scope, listOptions(q, scope)), q, format);
                }
                StoredObject so = ops.get(scope);
                return writer.sendObject(response, callback, 200, scope, so, format, q, List.of());
            }
            case "POST" -> {
                if (!collection) {
                    throw StatusException.methodNotAllowed(method);
                }
                metrics.increment(r.info().verb(), key);
                byte[] body = readBody(request);
                JsonNode obj = decodeObjectBody(request, body);
                ResourceOperations.WriteResult w = ops.create(scope, obj, writeOptions(request, q, false));
                return sendJson(response, callback, 201, w.object(), w.warnings());
            }
            case "PUT" -> {
                if (collection) {
                    throw StatusException.methodNotAllowed(method);
                }
                metrics.increment(r.info().verb(), key);
                byte[] body = readBody(request);
                JsonNode obj = decodeObjectBody(request, body);
                ResourceOperations.WriteResult w = ops.update(scope, obj, writeOptions(request, q, false));
                return sendJson(response, callback, 200, w.object(), w.warnings());
            }
            case "PATCH" -> {
                if (collection) {
                    throw StatusException.methodNotAllowed(method);
                }
                metrics.increment(r.info().verb(), key);
                PatchType type = ContentNegotiation.patchType(request, scope);
                byte[] body = readBody(request);
                ResourceOperations.WriteResult w = ops.patch(scope, type, body, writeOptions(request, q, type == PatchType.APPLY));
                return sendJson(response, callback, 200, w.object(), w.warnings());
            }
            case "DELETE" -> {
                byte[] body = readBody(request);
                ResourceOperations.DeleteOptions d = deleteOptions(request, q, body);
                metrics.increment(r.info().verb(), key);
                if (collection) {
                    List<ObjectNode> deleted = ops.deleteCollection(scope, listOptions(q, scope), d);
                    return writer.sendDeleted(response, callback, scope, deleted);
                }
                return writer.sendDeleteResult(response, callback, scope, ops.delete(scope, d));
            }
            default -> throw StatusException.methodNotAllowed(method);
        }
    }

    private static void requireGet(String method) {
        if (!method.equals("GET")) {
            throw StatusException.methodNotAllowed(method);
        }
    }

    private int sendPaths(Response response, Callback callback) {
        ObjectNode n = BodyCodec.JSON.createObjectNode();
        var paths = n.putArray("paths");
        List<String> all = new ArrayList<>(List.of("/api", "/api/v1", "/apis", "/healthz", "/livez", "/metrics", "/openapi/v2", "/openapi/v3",
                "/readyz", "/version", "/apis/" + AccessReviews.GROUP, "/apis/" + AccessReviews.GROUP + "/" + AccessReviews.VERSION,
                "/apis/" + SelfSubjectReviews.GROUP, "/apis/" + SelfSubjectReviews.GROUP + "/" + SelfSubjectReviews.VERSION));
        registry.groups().forEach((g, vs) -> {
            all.add("/apis/" + g);
            vs.forEach(v -> all.add("/apis/" + g + "/" + v));
        });
        all.stream().sorted().forEach(paths::add);
        return sendJson(response, callback, 200, n, List.of());
    }
}
