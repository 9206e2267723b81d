package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.rancherdesktop.rdd.admission.UserInfo;
import io.rancherdesktop.rdd.store.StoredObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of the API server: authentication (bearer token on TCP; none on the owner-only Unix socket),
 * routing of kube's paths, request decoding (size limit, media types, query parameters), content negotiation
 * (JSON, YAML, Table, PartialObjectMetadata) and {@code Status} errors. The verbs themselves live in
 * {@link ResourceOperations}; watches in {@link WatchStreamer}.
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
    /** kube-apiserver's request body limit. */
    static final int MAX_BODY_BYTES = 3 * 1024 * 1024;
    private static final String JSON = "application/json";
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final String USER_ATTRIBUTE = "io.rancherdesktop.rdd.user";
    private static final String PEER_CHECKED_ATTRIBUTE = "io.rancherdesktop.rdd.unixPeerChecked";
    private static final UserInfo UNIX_SOCKET_OWNER = UserInfo.owner("unix-socket");

    private final ResourceOperations ops;
    private final ResourceRegistry registry;
    private final Discovery discovery;
    private final OpenApiV3 openApi;
    private final TableConverter tables;
    private final WatchStreamer watches;
    private final ReadinessChecks readiness;
    private final ApiMetrics metrics;
    private final Authenticator authenticator;
    private volatile Connector tokenProtectedConnector;
    /** The service's user, whom Unix-socket peers must be ({@code null}: no Unix socket). */
    private volatile UserPrincipal unixSocketOwner;
    private volatile String serverAddress = "127.0.0.1:443";

    ApiHandler(ResourceOperations ops, Discovery discovery, OpenApiV3 openApi, TableConverter tables, WatchStreamer watches,
               ReadinessChecks readiness, ApiMetrics metrics, Authenticator authenticator) {
        this.ops = ops;
        this.registry = ops.registry();
        this.discovery = discovery;
        this.openApi = openApi;
        this.tables = tables;
        this.watches = watches;
        this.readiness = readiness;
        this.metrics = metrics;
        this.authenticator = authenticator;
    }

    /** Unix-socket peers must be {@code owner} (the owner of the socket file: the service's uid). */
    void unixSocketOwner(UserPrincipal owner) {
        this.unixSocketOwner = owner;
    }

    /** Requests through this connector need the bearer token. */
    void protect(Connector tcp, String address) {
        this.tokenProtectedConnector = tcp;
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
            request.setAttribute(USER_ATTRIBUTE, authenticate(request));
            authenticated = true;
            if ("websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))) {
                status[0] = refuseWebSocket(request, response, callback);
            } else {
                status[0] = route(request, response, callback, method, path);
            }
        } catch (StatusException e) {
            status[0] = e.code();
            sendEarlyStatus(request, response, callback, e, authenticated);
        } catch (RuntimeException e) {
            log.error("{} {} failed: {}", method, path, e.toString(), e);
            status[0] = 500;
            sendEarlyStatus(request, response, callback, StatusException.internal(e.toString()), authenticated);
        }
        if (log.isDebugEnabled()) {
            log.debug("{} {}{} -> {} ({} ms)", method, path, request.getHttpURI().getQuery() == null ? "" : "?" + request.getHttpURI().getQuery(),
                    status[0], (System.nanoTime() - start) / 1_000_000);
        }
        return true;
    }

    /**
     * Who sends {@code request} (docs/api-server.md, "Identities"): a known bearer token's user on either listener;
     * without one, the owner on the Unix socket (once its peer uid was checked, once per connection) and 401 on TCP.
     */
    private UserInfo authenticate(Request request) {
        ConnectionMetaData connection = request.getConnectionMetaData();
        boolean unix = connection.getConnector() != tokenProtectedConnector;
        if (unix && connection.getAttribute(PEER_CHECKED_ATTRIBUTE) == null) {
            UserPrincipal owner = unixSocketOwner;
            if (owner == null) { // the socket accepts before its owner is read (ApiServer.start): no unchecked peer gets in
                throw new StatusException(503, "ServiceUnavailable", "the API server is starting", StatusException.Details.NONE);
            }
            if (connection.getConnection().getEndPoint() instanceof SocketChannelEndPoint ep) {
                Authenticator.checkUnixPeer(ep.getChannel(), owner);
            }
            connection.setAttribute(PEER_CHECKED_ATTRIBUTE, Boolean.TRUE);
        }
        UserInfo user = authenticator.bearer(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (user != null) {
            return user;
        }
        if (unix) {
            return UNIX_SOCKET_OWNER;
        }
        throw StatusException.unauthorized();
    }

    /** The authenticated user of a request being handled. */
    static UserInfo user(Request request) {
        return (UserInfo) request.getAttribute(USER_ATTRIBUTE);
    }

    /**
     * Watches are served over plain HTTP only. fabric8 tries a WebSocket upgrade first and falls back to an HTTP
     * watch at once when the handshake is answered with 200 (or 503, which it retries with back-off first):
     * answer 200 with no body, so the fallback costs one round trip.
     */
    private static int refuseWebSocket(Request request, Response response, Callback callback) {
        if (isTrue(queryParams(request).getValue("watch"))) {
            return sendBytes(response, callback, 200, JSON, new byte[0], List.of());
        }
        throw StatusException.badRequest("WebSocket upgrades are not supported by this server");
    }

    // ============================================================================================== routing

    private int route(Request request, Response response, Callback callback, String method, String rawPath) {
        List<String> seg = segments(rawPath);
        if (seg.isEmpty()) {
            return sendPaths(response, callback);
        }
        switch (seg.getFirst()) {
            case "healthz", "livez" -> {
                return sendText(response, callback, 200, "ok");
            }
            case "readyz" -> {
                ReadinessChecks.Report r = readiness.evaluate();
                boolean verbose = queryParams(request).get("verbose") != null;
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
        boolean legacyWatch = false;
        List<String> r = rest;
        if (r.getFirst().equals("watch")) {
            legacyWatch = true;
            r = r.subList(1, r.size());
            if (r.isEmpty()) {
                throw StatusException.notFoundPath();
            }
        }
        String namespace = null;
        String plural;
        String name = null;
        String sub = "";
        if (r.getFirst().equals("namespaces") && r.size() >= 3 && !(group.isEmpty() && r.size() == 3 && isNamespaceSubresource(r.get(2)))) {
            namespace = r.get(1);
            plural = r.get(2);
            if (r.size() >= 4) {
                name = r.get(3);
            }
            if (r.size() >= 5) {
                sub = r.get(4);
            }
            if (r.size() > 5) {
                throw StatusException.notFoundPath();
            }
        } else {
            plural = r.getFirst();
            if (r.size() >= 2) {
                name = r.get(1);
            }
            if (r.size() >= 3) {
                sub = r.get(2);
            }
            if (r.size() > 3) {
                throw StatusException.notFoundPath();
            }
        }
        ResourceRegistry.Served served = registry.lookup(group, version, plural).orElseThrow(StatusException::notFoundPath);
        ResourceDef def = served.resource();
        if (!def.namespaced() && namespace != null) {
            throw StatusException.notFoundPath();
        }
        if (!sub.isEmpty() && !(sub.equals("status") && def.statusSubresource())) {
            throw StatusException.notFoundPath();
        }
        if (name != null && name.isEmpty()) {
            throw StatusException.notFoundPath();
        }
        RequestScope scope = new RequestScope(served, namespace, name, sub);
        Fields q = queryParams(request);
        boolean watch = legacyWatch || isTrue(q.getValue("watch"));
        return resource(request, response, callback, method, scope, q, watch);
    }

    private static boolean isNamespaceSubresource(String s) {
        return s.equals("status") || s.equals("finalize");
    }

    private int resource(Request request, Response response, Callback callback, String method, RequestScope scope, Fields q, boolean watch) {
        String key = scope.resource().storageKey();
        boolean collection = scope.name() == null;
        switch (method) {
            case "GET" -> {
                OutputFormat format = OutputFormat.negotiate(request.getHeaders().get(HttpHeader.ACCEPT));
                if (watch) {
                    metrics.increment("watch", key);
                    ResourceOperations.ListOptions lo = listOptions(q, scope);
                    watches.stream(request, response, callback, scope, lo, q, format);
                    return 200;
                }
                if (collection) {
                    metrics.increment("list", key);
                    return list(response, callback, scope, q, format);
                }
                metrics.increment("get", key);
                StoredObject so = ops.get(scope);
                return sendObject(response, callback, 200, scope, so, format, q, List.of());
            }
            case "POST" -> {
                if (!collection) {
                    throw StatusException.methodNotAllowed(method);
                }
                metrics.increment("create", key);
                byte[] body = readBody(request);
                JsonNode obj = decodeObjectBody(request, body);
                ResourceOperations.WriteResult w = ops.create(scope, obj, writeOptions(request, q, false));
                return sendJson(response, callback, 201, w.object(), w.warnings());
            }
            case "PUT" -> {
                if (collection) {
                    throw StatusException.methodNotAllowed(method);
                }
                metrics.increment("update", key);
                byte[] body = readBody(request);
                JsonNode obj = decodeObjectBody(request, body);
                ResourceOperations.WriteResult w = ops.update(scope, obj, writeOptions(request, q, false));
                return sendJson(response, callback, 200, w.object(), w.warnings());
            }
            case "PATCH" -> {
                if (collection) {
                    throw StatusException.methodNotAllowed(method);
                }
                metrics.increment("patch", key);
                String ct = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
                PatchType type = PatchType.fromMediaType(ct).orElseThrow(() -> StatusException.unsupportedMediaType(String.valueOf(ct),
                        PatchType.acceptedBy(scope.resource()).stream().map(PatchType::mediaType).toList()));
                byte[] body = readBody(request);
                ResourceOperations.WriteResult w = ops.patch(scope, type, body, writeOptions(request, q, type == PatchType.APPLY));
                return sendJson(response, callback, 200, w.object(), w.warnings());
            }
            case "DELETE" -> {
                byte[] body = readBody(request);
                ResourceOperations.DeleteOptions d = deleteOptions(request, q, body);
                if (collection) {
                    metrics.increment("deletecollection", key);
                    List<ObjectNode> deleted = ops.deleteCollection(scope, listOptions(q, scope), d);
                    ObjectNode list = BodyCodec.JSON.createObjectNode();
                    list.put("apiVersion", scope.served().apiVersion());
                    list.put("kind", scope.resource().listKind());
                    list.putObject("metadata").put("resourceVersion", Long.toString(ops.store().revision()));
                    var items = list.putArray("items");
                    deleted.forEach(items::add);
                    return sendJson(response, callback, 200, list, List.of());
                }
                metrics.increment("delete", key);
                ResourceOperations.DeleteResult res = ops.delete(scope, d);
                if (res.deleted()) {
                    return sendJson(response, callback, 200, successStatus(scope, res.object()), res.warnings());
                }
                return sendJson(response, callback, 200, res.object(), res.warnings());
            }
            default -> throw StatusException.methodNotAllowed(method);
        }
    }

    private static ObjectNode successStatus(RequestScope scope, ObjectNode deleted) {
        ObjectNode s = BodyCodec.JSON.createObjectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Success");
        ObjectNode d = s.putObject("details");
        d.put("name", scope.name());
        d.put("group", scope.resource().group());
        d.put("kind", scope.resource().plural());
        d.put("uid", deleted.path("metadata").path("uid").asText());
        return s;
    }

    private int list(Response response, Callback callback, RequestScope scope, Fields q, OutputFormat format) {
        ResourceOperations.ListResult res = ops.list(scope, listOptions(q, scope));
        switch (format) {
            case TABLE -> {
                List<ObjectNode> objs = new ArrayList<>(res.items().size());
                res.items().forEach(so -> objs.add(ops.render(so, scope)));
                return sendJson(response, callback, 200, tables.table(scope, objs, res.revision(), res.continueToken(), includeObject(q)), List.of());
            }
            case PARTIAL_METADATA -> {
                ObjectNode list = listEnvelope(scope, res, "meta.k8s.io/v1", "PartialObjectMetadataList");
                var items = list.putArray("items");
                res.items().forEach(so -> items.add(partial(so.object())));
                return sendJson(response, callback, 200, list, List.of());
            }
            case YAML -> {
                ObjectNode list = listEnvelope(scope, res, scope.served().apiVersion(), scope.resource().listKind());
                var items = list.putArray("items");
                res.items().forEach(so -> items.add(ops.render(so, scope)));
                return sendYaml(response, callback, 200, list);
            }
            case JSON -> {
                // Items are written as the store serialised them: a list costs no re-serialisation.
                ByteArrayOutputStream out = new ByteArrayOutputStream(256 + res.items().size() * 512);
                ObjectNode envelope = listEnvelope(scope, res, scope.served().apiVersion(), scope.resource().listKind());
                byte[] head = json(envelope);
                out.write(head, 0, head.length - 1);
                out.writeBytes(",\"items\":[".getBytes(StandardCharsets.UTF_8));
                boolean first = true;
                for (StoredObject so : res.items()) {
                    if (!first) {
                        out.write(',');
                    }
                    first = false;
                    out.writeBytes(ops.rendersAsStored(so, scope) ? so.json() : json(ops.render(so, scope)));
                }
                out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
                return sendBytes(response, callback, 200, JSON, out.toByteArray(), List.of());
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static ObjectNode listEnvelope(RequestScope scope, ResourceOperations.ListResult res, String apiVersion, String kind) {
        ObjectNode list = BodyCodec.JSON.createObjectNode();
        list.put("apiVersion", apiVersion);
        list.put("kind", kind);
        ObjectNode meta = list.putObject("metadata");
        meta.put("resourceVersion", Long.toString(res.revision()));
        if (res.continueToken() != null) {
            meta.put("continue", res.continueToken());
            if (res.remaining() >= 0) {
                meta.put("remainingItemCount", res.remaining());
            }
        }
        return list;
    }

    static ObjectNode partial(ObjectNode obj) {
        ObjectNode p = BodyCodec.JSON.createObjectNode();
        p.put("kind", "PartialObjectMetadata");
        p.put("apiVersion", "meta.k8s.io/v1");
        p.set("metadata", obj.path("metadata").deepCopy());
        return p;
    }

    private int sendObject(Response response, Callback callback, int status, RequestScope scope, StoredObject so, OutputFormat format, Fields q,
                           List<String> warnings) {
        return switch (format) {
            case TABLE -> sendJson(response, callback, status,
                    tables.table(scope, List.of(ops.render(so, scope)), so.resourceVersion(), null, includeObject(q)), warnings);
            case PARTIAL_METADATA -> sendJson(response, callback, status, partial(so.object()), warnings);
            case YAML -> sendYaml(response, callback, status, ops.render(so, scope));
            case JSON -> sendBytes(response, callback, status, JSON, ops.rendersAsStored(so, scope) ? so.json() : json(ops.render(so, scope)), warnings);
        };
    }

    static TableConverter.Include includeObject(Fields q) {
        String v = q.getValue("includeObject");
        if (v == null || v.isEmpty() || v.equals("Metadata")) {
            return TableConverter.Include.METADATA;
        }
        return switch (v) {
            case "None" -> TableConverter.Include.NONE;
            case "Object" -> TableConverter.Include.OBJECT;
            default -> throw StatusException.badRequest("includeObject: Unsupported value: \"" + v + "\": supported values: \"None\", \"Metadata\", \"Object\"");
        };
    }

    // ============================================================================================ decoding

    private static byte[] readBody(Request request) {
        return RequestBody.read(request, MAX_BODY_BYTES);
    }

    private static JsonNode decodeObjectBody(Request request, byte[] body) {
        String ct = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String base = ct == null ? "" : ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (base) {
            case "", "application/json", "*/*" -> BodyCodec.parseJson(body);
            case "application/yaml", "application/x-yaml", "text/yaml" -> BodyCodec.parseYamlOrJson(body);
            case ProtobufDecoder.MEDIA_TYPE -> ProtobufDecoder.decode(body);
            default -> throw StatusException.unsupportedMediaType(base, List.of("application/json", "application/yaml", ProtobufDecoder.MEDIA_TYPE));
        };
    }

    private WriteOptions writeOptions(Request request, Fields q, boolean apply) {
        String dryRun = q.getValue("dryRun");
        boolean dry = false;
        if (dryRun != null && !dryRun.isEmpty()) {
            if (!dryRun.equals("All")) {
                throw StatusException.badRequest("dryRun: Unsupported value: \"" + dryRun + "\": supported values: \"All\"");
            }
            dry = true;
        }
        String fv = q.getValue("fieldValidation");
        WriteOptions.FieldValidation validation = switch (fv == null ? "" : fv) {
            case "", "Warn" -> WriteOptions.FieldValidation.WARN;
            case "Strict" -> WriteOptions.FieldValidation.STRICT;
            case "Ignore" -> WriteOptions.FieldValidation.IGNORE;
            default -> throw StatusException.badRequest("fieldValidation: Unsupported value: \"" + fv + "\": supported values: \"Ignore\", \"Warn\", \"Strict\"");
        };
        String manager = q.getValue("fieldManager");
        if (manager != null && manager.length() > 128) {
            throw StatusException.badRequest("fieldManager: Too long: must have at most 128 bytes");
        }
        if ((manager == null || manager.isEmpty()) && !apply) {
            String ua = request.getHeaders().get(HttpHeader.USER_AGENT);
            manager = ua == null || ua.isEmpty() ? "unknown" : ua.split("/", 2)[0];
            if (manager.length() > 128) {
                manager = manager.substring(0, 128);
            }
        }
        String force = q.getValue("force");
        if (force != null && !apply && isTrue(force)) {
            throw StatusException.badRequest("force: Invalid value: \"" + force + "\": may not be specified for non-apply patch");
        }
        return new WriteOptions(dry, validation, manager, isTrue(force), user(request));
    }

    private ResourceOperations.ListOptions listOptions(Fields q, RequestScope scope) {
        LabelSelector labels = LabelSelector.parse(q.getValue("labelSelector"));
        FieldSelector fields = FieldSelector.parse(q.getValue("fieldSelector"));
        if (scope.name() != null) {
            // A watch on a named path is a watch of that one object.
            List<FieldSelector.Term> terms = new ArrayList<>(fields.terms());
            terms.add(new FieldSelector.Term("metadata.name", true, scope.name()));
            fields = new FieldSelector(terms);
        }
        int limit = 0;
        String l = q.getValue("limit");
        if (l != null && !l.isEmpty()) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw StatusException.badRequest("limit: Invalid value: \"" + l + "\": must be an integer");
            }
            if (limit < 0) {
                limit = 0;
            }
        }
        return new ResourceOperations.ListOptions(labels, fields, limit, q.getValue("continue"));
    }

    private static ResourceOperations.DeleteOptions deleteOptions(Request request, Fields q, byte[] body) {
        String policy = q.getValue("propagationPolicy");
        String uid = null;
        String rv = null;
        boolean dry = "All".equals(q.getValue("dryRun"));
        if (q.getValue("dryRun") != null && !q.getValue("dryRun").isEmpty() && !dry) {
            throw StatusException.badRequest("dryRun: Unsupported value: \"" + q.getValue("dryRun") + "\": supported values: \"All\"");
        }
        if (isTrue(q.getValue("orphanDependents")) && policy == null) {
            policy = "Orphan";
        }
        if (body.length > 0) {
            JsonNode opts = BodyCodec.parseJson(body);
            if (!opts.isObject()) {
                throw StatusException.badRequest("the delete options must be a JSON object");
            }
            if (opts.hasNonNull("propagationPolicy")) {
                policy = opts.get("propagationPolicy").asText();
            }
            if (opts.path("orphanDependents").asBoolean(false) && policy == null) {
                policy = "Orphan";
            }
            if (opts.path("preconditions").hasNonNull("uid")) {
                uid = opts.path("preconditions").get("uid").asText();
            }
            if (opts.path("preconditions").hasNonNull("resourceVersion")) {
                rv = opts.path("preconditions").get("resourceVersion").asText();
            }
            for (JsonNode d : opts.path("dryRun")) {
                if (!d.asText().equals("All")) {
                    throw StatusException.badRequest("dryRun: Unsupported value: \"" + d.asText() + "\": supported values: \"All\"");
                }
                dry = true;
            }
        }
        return new ResourceOperations.DeleteOptions(policy, uid, rv, dry, user(request));
    }

    static Fields queryParams(Request request) {
        try {
            return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw StatusException.badRequest("malformed query string: " + e.getMessage());
        }
    }

    static boolean isTrue(String v) {
        return v != null && (v.equals("true") || v.equals("1") || v.equalsIgnoreCase("True"));
    }

    private static void requireGet(String method) {
        if (!method.equals("GET")) {
            throw StatusException.methodNotAllowed(method);
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                try {
                    out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException badEscape) {
                    throw StatusException.badRequest("invalid escape in the URL path segment \"" + s + "\"");
                }
            }
        }
        return out;
    }

    // ============================================================================================ responses

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

    private static int sendText(Response response, Callback callback, int status, String text) {
        return sendBytes(response, callback, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), List.of());
    }

    static int sendJson(Response response, Callback callback, int status, JsonNode body, List<String> warnings) {
        return sendBytes(response, callback, status, JSON, json(body), warnings);
    }

    private static int sendYaml(Response response, Callback callback, int status, JsonNode body) {
        try {
            return sendBytes(response, callback, status, "application/yaml", YAML.writeValueAsBytes(body), List.of());
        } catch (JsonProcessingException e) {
            throw StatusException.internal("rendering YAML: " + e.getMessage());
        }
    }

    static int sendBytes(Response response, Callback callback, int status, String contentType, byte[] body, List<String> warnings) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        if (!response.getHeaders().contains(HttpHeader.CACHE_CONTROL)) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, private");
        }
        addWarnings(response, warnings);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return status;
    }

    static void addWarnings(Response response, List<String> warnings) {
        for (String w : new java.util.LinkedHashSet<>(warnings)) {
            response.getHeaders().add("Warning", "299 - \"" + warningText(w) + "\"");
        }
    }

    /**
     * A warning as a quoted-string that is safe in a header: a warning may quote what the client sent (an unknown
     * field name with control characters or non-ASCII text), and a header with such bytes made Jetty drop the
     * connection without a response (found by ApiFuzzIT). Everything but printable ASCII becomes a Go-style
     * {@code \\uXXXX} escape, which kubectl's warning parser (strconv.Unquote) turns back into the text.
     */
    static String warningText(String w) {
        StringBuilder sb = new StringBuilder(w.length() + 8);
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c == '\\' || c == '"') {
                sb.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    /**
     * An error answered possibly before the request body was read: discard the rest of the body first (bounded, and
     * tighter for a client that failed authentication) so the connection stays usable, else say it closes.
     */
    private static void sendEarlyStatus(Request request, Response response, Callback callback, StatusException e, boolean authenticated) {
        boolean reusable = response.isCommitted()
                || RequestBody.drain(request, authenticated ? RequestBody.DRAIN_LIMIT : RequestBody.UNAUTHENTICATED_DRAIN_LIMIT);
        sendStatus(response, callback, e, !reusable);
    }

    static void sendStatus(Response response, Callback callback, StatusException e) {
        sendStatus(response, callback, e, false);
    }

    private static void sendStatus(Response response, Callback callback, StatusException e, boolean closeConnection) {
        if (response.isCommitted()) {
            callback.failed(e);
            return;
        }
        response.reset();
        if (closeConnection) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        sendJson(response, callback, e.code(), e.toStatus(), List.of());
    }

    static byte[] json(JsonNode n) {
        try {
            return BodyCodec.JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw StatusException.internal("rendering JSON: " + e.getMessage());
        }
    }

    /** What the client accepts, from the {@code Accept} header (first supported media range wins). */
    enum OutputFormat {
        JSON, YAML, TABLE, PARTIAL_METADATA;

        static OutputFormat negotiate(String accept) {
            if (accept == null || accept.isBlank()) {
                return JSON;
            }
            for (String range : accept.split(",")) {
                String r = range.trim().toLowerCase(Locale.ROOT);
                String base = r.split(";", 2)[0].trim();
                Optional<String> as = param(r, "as");
                if (as.isPresent()) {
                    if (!base.equals("application/json")) {
                        continue;
                    }
                    String g = param(r, "g").orElse("");
                    String v = param(r, "v").orElse("");
                    if (!g.equals("meta.k8s.io") || !(v.equals("v1") || v.equals("v1beta1"))) {
                        continue;
                    }
                    switch (as.get()) {
                        case "table" -> {
                            return TABLE;
                        }
                        case "partialobjectmetadata", "partialobjectmetadatalist" -> {
                            return PARTIAL_METADATA;
                        }
                        default -> {
                            continue;
                        }
                    }
                }
                switch (base) {
                    case "application/json", "*/*", "application/*", "application/json-patch+json", "application/merge-patch+json" -> {
                        return JSON;
                    }
                    case "application/yaml" -> {
                        return YAML;
                    }
                    default -> {
                        // e.g. protobuf: clients list JSON after it, which is what they get
                    }

                }
            }
            throw StatusException.notAcceptable(List.of("application/json", "application/yaml"));
        }

        private static Optional<String> param(String range, String name) {
            for (String p : range.split(";")) {
                String[] kv = p.trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equals(name)) {
                    return Optional.of(kv[1].trim());
                }
            }
            return Optional.empty();
        }
    }
}
