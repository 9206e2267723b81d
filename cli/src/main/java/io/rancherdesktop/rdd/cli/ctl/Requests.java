package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the request commands share (docs/cli.md, "Requests"): create a request of the {@code containers} group,
 * wait for its outcome by watching it (never polling) while showing its progress on stderr, and turn the outcome
 * into the exit code: 0 when {@code Complete}, 1 with the reason and Docker's message when {@code Failed}.
 */
final class Requests {
    static final String API_VERSION = "containers.rancherdesktop.io/v1alpha1";
    /** The request kinds: {@code create -f} waits for these. */
    static final List<String> KINDS = List.of("ContainerCreateRequest", "VolumeCreateRequest", "ImagePullRequest",
            "ImagePushRequest", "ImageScanRequest");

    private final CtlSession session;

    Requests(CtlSession session) {
        this.session = session;
    }

    /** The resource namespace R the engine is mirrored into ({@code App.spec.namespace}, default {@code default}). */
    String resourceNamespace() throws ApiException {
        try {
            Map<String, Object> app = session.call(api -> api.get("/apis/app.rancherdesktop.io/v1alpha1/apps/app"));
            String ns = ApiObjects.string(ApiObjects.map(app.get("spec")).get("namespace"));
            return ns.isEmpty() ? CtlSession.DEFAULT_NAMESPACE : ns;
        } catch (ApiException e) {
            if (e.notFound()) {
                return CtlSession.DEFAULT_NAMESPACE;
            }
            throw e;
        }
    }

    /** A new request object of {@code kind} with a generated name ({@code prefix-xxxxx}) and {@code spec}. */
    static Map<String, Object> request(String kind, String namespace, String prefix, Map<String, Object> spec) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("generateName", prefix + "-");
        meta.put("namespace", namespace);
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("apiVersion", API_VERSION);
        obj.put("kind", kind);
        obj.put("metadata", meta);
        obj.put("spec", spec);
        return obj;
    }

    /** Creates {@code request}; returns the created object. */
    Map<String, Object> create(Map<String, Object> request) throws ApiException {
        ApiResource type = session.resolveKind(ApiObjects.string(request.get("apiVersion")), ApiObjects.string(request.get("kind")));
        String ns = ApiObjects.string(ApiObjects.metadata(request).get("namespace"));
        return session.call(api -> api.create(type.path(ns, null), request));
    }

    /**
     * Waits for the outcome of a created request, showing its progress on stderr.
     *
     * @return the finished request when Complete
     * @throws CliException (exit 1) naming the reason and message when Failed, or when the request is deleted
     */
    Map<String, Object> await(Map<String, Object> created) throws ApiException {
        String kind = ApiObjects.string(created.get("kind"));
        ApiResource type = session.resolveKind(API_VERSION, kind);
        Map<String, Object> meta = ApiObjects.metadata(created);
        String ns = ApiObjects.string(meta.get("namespace"));
        String name = ApiObjects.string(meta.get("name"));
        RequestProgressDisplay display = new RequestProgressDisplay(System.err, RequestProgressDisplay.stderrIsTerminal());
        ObjectWaiter.Result result;
        try {
            result = new ObjectWaiter(session).await(type, ns, name, obj -> {
                if (obj == null) {
                    return false;
                }
                display.update(obj);
                return condition(obj, "Complete", "True").isPresent() || condition(obj, "Failed", "True").isPresent();
            }, Instant.MAX, true);
        } catch (ObjectWaiter.DeletedWhileWaiting e) {
            throw CliException.plain(ExitCodes.GENERIC, "error: " + kind + " " + name + " was deleted before it finished");
        }
        Map<String, Object> done = result.object().orElseThrow();
        Optional<Map<String, Object>> failed = condition(done, "Failed", "True");
        if (failed.isPresent()) {
            throw CliException.plain(ExitCodes.GENERIC, "error: " + kind + " " + name + " failed: "
                    + ApiObjects.string(failed.get().get("reason")) + ": " + ApiObjects.string(failed.get().get("message")));
        }
        return done;
    }

    static Optional<Map<String, Object>> condition(Map<String, Object> obj, String type, String status) {
        for (Object c : ApiObjects.conditions(obj)) {
            Map<String, Object> m = ApiObjects.map(c);
            if (type.equals(ApiObjects.string(m.get("type"))) && status.equals(ApiObjects.string(m.get("status")))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    static String status(Map<String, Object> obj, String field) {
        return ApiObjects.string(ApiObjects.map(obj.get("status")).get(field));
    }
}
