package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.Json;
import io.rancherdesktop.rdd.wire.KubeApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The App writes of {@code rdd set}, {@code rdd start} and {@code rdd stop} (docs/design/upstream-cli.md §5) over the lean Unix-socket
 * client: the property schema from the served CRD, create-or-merge-patch of App {@code app}, and the mapping of
 * server rejections to exit 3.
 */
final class AppClient {

    static final String GROUP_VERSION = "app.rancherdesktop.io/v1alpha1";
    static final String APPS_PATH = "/apis/" + GROUP_VERSION + "/apps";
    static final String APP_PATH = APPS_PATH + "/app";
    static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/apps.app.rancherdesktop.io";
    /** Server rejections that are "request rejected by admission or validation" (exit 3, docs/design/upstream-cli.md §3). */
    private static final Set<String> REJECTIONS = Set.of("Invalid", "BadRequest", "Forbidden");

    private static final Logger log = LoggerFactory.getLogger(AppClient.class);

    private final KubeApi api;

    AppClient(KubeApi api) {
        this.api = api;
    }

    KubeApi api() {
        return api;
    }

    /** The settable properties, read from the App CRD the service serves. */
    AppProperties properties() {
        try {
            return AppProperties.fromCrd(api.get(CRD_PATH));
        } catch (ApiException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot read the App schema: " + e.getMessage(), e);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.GENERIC, "cannot read the App schema: " + e.getMessage(), e);
        }
    }

    /** App {@code app}, or empty when it does not exist. */
    Optional<Map<String, Object>> get() {
        try {
            return Optional.of(api.get(APP_PATH));
        } catch (ApiException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw failed("read", e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** The outcome of a write: the App as the server answered, and what happened. */
    record Written(Map<String, Object> app, boolean created, boolean changed) {
        long generation() {
            return metadataLong(app, "generation");
        }
    }

    /**
     * Creates the App with {@code createSpec} if it is absent, else merge-patches {@code patchSpec} into it. A create
     * that loses a race with another creator is retried as a patch.
     */
    Written createOrPatch(Map<String, Object> createSpec, Map<String, Object> patchSpec, boolean dryRun) {
        Optional<Map<String, Object>> existing = get();
        if (existing.isEmpty()) {
            try {
                return new Written(create(createSpec, dryRun), true, true);
            } catch (ApiException e) {
                if (!"AlreadyExists".equals(e.reason())) {
                    throw failed("create", e);
                }
                log.debug("App \"app\" was created concurrently; patching it instead");
                existing = get();
            } catch (IOException e) {
                throw unreachable(e);
            }
        }
        String before = existing.map(a -> metadataString(a, "resourceVersion")).orElse("");
        try {
            Map<String, Object> patched = api.patch(APP_PATH + (dryRun ? "?dryRun=All" : ""), KubeApi.MERGE_PATCH,
                    Json.write(Map.of("spec", patchSpec)));
            return new Written(patched, false, !before.equals(metadataString(patched, "resourceVersion")));
        } catch (ApiException e) {
            throw failed("update", e);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** Creates the App for real (also for a dry run of a patch, docs/design/upstream-cli.md §5.4). */
    Map<String, Object> create(Map<String, Object> spec, boolean dryRun) throws IOException, ApiException {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("apiVersion", GROUP_VERSION);
        app.put("kind", "App");
        app.put("metadata", Map.of("name", "app"));
        app.put("spec", spec);
        return api.create(APPS_PATH + (dryRun ? "?dryRun=All" : ""), app);
    }

    /** A server error: rejections (admission, validation) exit 3, everything else 1. */
    static CliException failed(String verb, ApiException e) {
        int code = REJECTIONS.contains(e.reason()) ? ExitCodes.REJECTED : ExitCodes.GENERIC;
        return new CliException(code, "failed to " + verb + " App \"app\": " + e.getMessage(), e);
    }

    static CliException unreachable(IOException e) {
        return new CliException(ExitCodes.GENERIC, "cannot reach the rdd service: " + e.getMessage(), e);
    }

    static long metadataLong(Map<String, Object> obj, String field) {
        return obj.get("metadata") instanceof Map<?, ?> m && m.get(field) instanceof Number n ? n.longValue() : 0L;
    }

    static String metadataString(Map<String, Object> obj, String field) {
        return obj.get("metadata") instanceof Map<?, ?> m && m.get(field) instanceof String s ? s : "";
    }

    /** The App's conditions as maps ({@code type, status, reason, message, observedGeneration}). */
    static List<Map<?, ?>> conditions(Map<String, Object> app) {
        if (app.get("status") instanceof Map<?, ?> st && st.get("conditions") instanceof List<?> l) {
            List<Map<?, ?>> out = new java.util.ArrayList<>();
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    out.add(m);
                }
            }
            return out;
        }
        return List.of();
    }
}
