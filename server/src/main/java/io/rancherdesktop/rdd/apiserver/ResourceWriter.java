package io.rancherdesktop.rdd.apiserver;

import static io.rancherdesktop.rdd.apiserver.Responses.json;
import static io.rancherdesktop.rdd.apiserver.Responses.sendBytes;
import static io.rancherdesktop.rdd.apiserver.Responses.sendJson;
import static io.rancherdesktop.rdd.apiserver.Responses.sendYaml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.store.StoredObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Writes resources in the negotiated {@link OutputFormat}: an object, a list (JSON lists reuse the store's bytes),
 * a {@code Table}, {@code PartialObjectMetadata}, and the {@code Status} or list a delete answers.
 */
final class ResourceWriter {
    private final ResourceOperations ops;
    private final TableConverter tables;

    ResourceWriter(ResourceOperations ops, TableConverter tables) {
        this.ops = ops;
        this.tables = tables;
    }

    int sendObject(Response response, Callback callback, int status, RequestScope scope, StoredObject so, OutputFormat format, Fields q,
                   List<String> warnings) {
        return switch (format) {
            case TABLE -> sendJson(response, callback, status,
                    tables.table(scope, List.of(ops.render(so, scope)), so.resourceVersion(), null, RequestOptions.includeObject(q)), warnings);
            case PARTIAL_METADATA -> sendJson(response, callback, status, partial(so.object()), warnings);
            case YAML -> sendYaml(response, callback, status, ops.render(so, scope));
            case JSON -> sendBytes(response, callback, status, Responses.JSON, ops.rendersAsStored(so, scope) ? so.json() : json(ops.render(so, scope)),
                    warnings);
        };
    }

    int sendList(Response response, Callback callback, RequestScope scope, ResourceOperations.ListResult res, Fields q, OutputFormat format) {
        switch (format) {
            case TABLE -> {
                List<ObjectNode> objs = new ArrayList<>(res.items().size());
                res.items().forEach(so -> objs.add(ops.render(so, scope)));
                return sendJson(response, callback, 200, tables.table(scope, objs, res.revision(), res.continueToken(), RequestOptions.includeObject(q)),
                        List.of());
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
                return sendBytes(response, callback, 200, Responses.JSON, out.toByteArray(), List.of());
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** What a delete-collection answers: the list of the deleted (or now terminating) objects. */
    int sendDeleted(Response response, Callback callback, RequestScope scope, List<ObjectNode> deleted) {
        ObjectNode list = BodyCodec.JSON.createObjectNode();
        list.put("apiVersion", scope.served().apiVersion());
        list.put("kind", scope.resource().listKind());
        list.putObject("metadata").put("resourceVersion", Long.toString(ops.store().revision()));
        var items = list.putArray("items");
        deleted.forEach(items::add);
        return sendJson(response, callback, 200, list, List.of());
    }

    /** What a delete answers: a success {@code Status} when the object is gone, else the object (terminating). */
    int sendDeleteResult(Response response, Callback callback, RequestScope scope, ResourceOperations.DeleteResult res) {
        if (res.deleted()) {
            return sendJson(response, callback, 200, successStatus(scope, res.object()), res.warnings());
        }
        return sendJson(response, callback, 200, res.object(), res.warnings());
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
}
