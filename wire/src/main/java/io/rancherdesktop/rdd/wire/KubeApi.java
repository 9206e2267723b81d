package io.rancherdesktop.rdd.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes REST calls over the service's Unix socket: JSON in and out, errors as {@link ApiException} with
 * the server's Status. Deliberately small; the CLI's hot path must not pay for fabric8.
 */
public final class KubeApi {
    /** The Accept header that asks for server-side tables (kubectl's). */
    public static final String ACCEPT_TABLE =
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String JSON_PATCH = "application/json-patch+json";
    public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    /** Server-side apply (a JSON body is valid YAML). */
    public static final String APPLY_PATCH = "application/apply-patch+yaml";

    private final UnixHttpClient http;

    public KubeApi(UnixHttpClient http) {
        this.http = http;
    }

    public UnixHttpClient http() {
        return http;
    }

    /** GET returning the raw response (any status). */
    public HttpResponse raw(HttpRequest request) throws IOException {
        return http.send(request);
    }

    public Map<String, Object> get(String path) throws IOException, ApiException {
        return json(http.send(HttpRequest.get(path)));
    }

    public Map<String, Object> get(String path, String accept) throws IOException, ApiException {
        return json(http.send(HttpRequest.get(path).withHeader("Accept", accept)));
    }

    public Map<String, Object> create(String path, Map<String, Object> body) throws IOException, ApiException {
        return json(http.send(HttpRequest.withBody("POST", path, "application/json", Json.write(body))));
    }

    public Map<String, Object> replace(String path, Map<String, Object> body) throws IOException, ApiException {
        return json(http.send(HttpRequest.withBody("PUT", path, "application/json", Json.write(body))));
    }

    public Map<String, Object> patch(String path, String contentType, String body) throws IOException, ApiException {
        return json(http.send(HttpRequest.withBody("PATCH", path, contentType, body)));
    }

    public Map<String, Object> delete(String path, Map<String, Object> options) throws IOException, ApiException {
        HttpRequest r = options == null ? new HttpRequest("DELETE", path, Map.of(), null)
                : HttpRequest.withBody("DELETE", path, "application/json", Json.write(options));
        return json(http.send(r));
    }

    /** Opens a watch; the caller reads events with {@link WatchStream} and closes it. */
    public UnixHttpClient.Exchange watch(String path, String accept) throws IOException, ApiException {
        UnixHttpClient.Exchange ex = http.open(HttpRequest.get(path).withHeader("Accept", accept == null ? "application/json" : accept));
        if (ex.status() < 200 || ex.status() >= 300) {
            byte[] body = ex.body().readAllBytes();
            ex.close();
            throw ApiException.of(new HttpResponse(ex.status(), ex.headers(), body));
        }
        return ex;
    }

    private static Map<String, Object> json(HttpResponse r) throws ApiException {
        if (!r.ok()) {
            throw ApiException.of(r);
        }
        String text = new String(r.body(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            return Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new ApiException(r.status(), "InternalError", "the server returned an invalid response: " + e.getMessage(), null);
        }
    }

    /** Discovery: every resource type of the server's preferred group versions (subresources left out). */
    public List<ApiResource> discover() throws IOException, ApiException {
        List<ApiResource> out = new ArrayList<>();
        Map<String, Object> core = get("/api");
        if (core.get("versions") instanceof List<?> versions) {
            for (Object v : versions) {
                addResources(out, "", String.valueOf(v), get("/api/" + v));
            }
        }
        Map<String, Object> groups = get("/apis");
        if (groups.get("groups") instanceof List<?> gl) {
            for (Object o : gl) {
                if (!(o instanceof Map<?, ?> g)) {
                    continue;
                }
                String name = String.valueOf(g.get("name"));
                String version = null;
                if (g.get("preferredVersion") instanceof Map<?, ?> pv) {
                    version = String.valueOf(pv.get("version"));
                } else if (g.get("versions") instanceof List<?> vl && !vl.isEmpty() && vl.getFirst() instanceof Map<?, ?> v0) {
                    version = String.valueOf(v0.get("version"));
                }
                if (version == null) {
                    continue;
                }
                try {
                    addResources(out, name, version, get("/apis/" + name + "/" + version));
                } catch (ApiException e) {
                    if (!e.notFound()) {
                        throw e;
                    }
                }
            }
        }
        return out;
    }

    private static void addResources(List<ApiResource> out, String group, String version, Map<String, Object> list) {
        if (list.get("resources") instanceof List<?> rl) {
            for (Object o : rl) {
                if (o instanceof Map<?, ?> r && r.get("name") instanceof String n && !n.contains("/")) {
                    out.add(ApiResource.fromJson(r, group, version));
                }
            }
        }
    }
}
