package io.rancherdesktop.rdd.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.util.Fields;

/**
 * kube's request-info resolution for resource paths ({@code [watch/][namespaces/<ns>/]<plural>[/<name>[/<sub>]]}
 * under {@code /api/<v>} and {@code /apis/<g>/<v>}): the path's parts, the served resource they name, and the verb.
 * Every path that names nothing served is 404, in the order the checks are made here.
 */
final class RequestInfoResolver {
    private final ResourceRegistry registry;
    private final StreamingSubresources streaming;

    RequestInfoResolver(ResourceRegistry registry, StreamingSubresources streaming) {
        this.registry = registry;
        this.streaming = streaming;
    }

    /**
     * A resolved resource request: what it addresses, the scope the verbs take, its query parameters, and the
     * {@link StreamingSubresource} that serves it ({@code null}: the store's verbs do).
     */
    record Resolved(RequestInfo info, RequestScope scope, Fields query, boolean watch, StreamingSubresource streaming) {
    }

    /** Resolves the part of a path after {@code /api/<version>} or {@code /apis/<group>/<version>} ({@code rest} is not empty). */
    Resolved resolve(String method, String group, String version, List<String> rest, java.util.function.Supplier<Fields> query) {
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
        // A subresource is status (when the resource has one) or a registered streaming one; any other is 404.
        StreamingSubresource stream = sub.isEmpty() || sub.equals("status") ? null : streaming.find(def.group(), def.plural(), sub).orElse(null);
        if (!sub.isEmpty() && !(sub.equals("status") && def.statusSubresource()) && stream == null) {
            throw StatusException.notFoundPath();
        }
        if (name != null && name.isEmpty()) {
            throw StatusException.notFoundPath();
        }
        RequestScope scope = new RequestScope(served, namespace, name, sub);
        Fields q = query.get();
        boolean watch = legacyWatch || RequestOptions.isTrue(q.getValue("watch"));
        RequestInfo info = new RequestInfo(verb(method, name == null, watch), group, version, namespace, plural, name, sub);
        return new Resolved(info, scope, q, watch, stream);
    }

    private static boolean isNamespaceSubresource(String s) {
        return s.equals("status") || s.equals("finalize");
    }

    /** kube's verb of a resource request. */
    static String verb(String method, boolean collection, boolean watch) {
        return switch (method) {
            case "GET" -> watch ? "watch" : collection ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> collection ? "deletecollection" : "delete";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    /** The path's segments, each decoded on its own (so an encoded '/' is part of a name, never a separator). */
    static List<String> segments(String rawPath) {
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
}
