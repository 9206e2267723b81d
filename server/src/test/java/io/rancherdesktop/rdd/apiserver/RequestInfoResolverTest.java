package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.admission.UserInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.junit.jupiter.api.Test;

class RequestInfoResolverTest {
    private final ResourceRegistry registry = new ResourceRegistry(new CrdLoader().builtins(), Instant.now());
    private final StreamingSubresources streaming = new StreamingSubresources();
    private final RequestInfoResolver resolver = new RequestInfoResolver(registry, streaming);

    private RequestInfoResolver.Resolved resolve(String method, String path, Fields q) {
        List<String> seg = RequestInfoResolver.segments(path);
        return resolver.resolve(method, "", seg.get(1), seg.subList(2, seg.size()), () -> q);
    }

    private RequestInfoResolver.Resolved resolve(String method, String path) {
        return resolve(method, path, new Fields());
    }

    @Test
    void resolvesThePartsAndTheVerb() {
        RequestInfo get = resolve("GET", "/api/v1/namespaces/ns/configmaps/cm").info();
        assertEquals(new RequestInfo("get", "", "v1", "ns", "configmaps", "cm", ""), get);
        assertEquals("list", resolve("GET", "/api/v1/namespaces/ns/configmaps").info().verb());
        assertEquals("watch", resolve("GET", "/api/v1/watch/namespaces/ns/configmaps").info().verb());
        Fields watch = new Fields();
        watch.put("watch", "true");
        RequestInfoResolver.Resolved w = resolve("GET", "/api/v1/configmaps", watch);
        assertEquals("watch", w.info().verb());
        assertTrue(w.watch());
        assertEquals("create", resolve("POST", "/api/v1/namespaces/ns/configmaps").info().verb());
        assertEquals("update", resolve("PUT", "/api/v1/namespaces/ns/configmaps/cm").info().verb());
        assertEquals("patch", resolve("PATCH", "/api/v1/namespaces/ns/configmaps/cm").info().verb());
        assertEquals("delete", resolve("DELETE", "/api/v1/namespaces/ns/configmaps/cm").info().verb());
        assertEquals("deletecollection", resolve("DELETE", "/api/v1/namespaces/ns/configmaps").info().verb());
        // A namespace's own status is a subresource of the cluster-scoped namespace, not a namespaced resource.
        RequestInfo nsStatus = resolve("PUT", "/api/v1/namespaces/ns/status").info();
        assertEquals(new RequestInfo("update", "", "v1", null, "namespaces", "ns", "status"), nsStatus);
    }

    @Test
    void anUnregisteredSubresourceIsNotFound() {
        StatusException e = assertThrows(StatusException.class, () -> resolve("GET", "/api/v1/namespaces/ns/configmaps/cm/log"));
        assertEquals(404, e.code());
        assertEquals(404, assertThrows(StatusException.class, () -> resolve("GET", "/api/v1/namespaces/ns/nothings/x")).code());
    }

    @Test
    void aRegisteredStreamingSubresourceResolvesToItsImplementation() {
        StreamingSubresource log = new StreamingSubresource() {
            @Override
            public String group() {
                return "";
            }

            @Override
            public String resource() {
                return "configmaps";
            }

            @Override
            public String name() {
                return "log";
            }

            @Override
            public int handle(Request request, Response response, Callback callback, RequestInfo requestInfo, UserInfo user) {
                return 200;
            }
        };
        streaming.register(log);
        RequestInfoResolver.Resolved r = resolve("GET", "/api/v1/namespaces/ns/configmaps/cm/log");
        assertSame(log, r.streaming());
        assertEquals(new RequestInfo("get", "", "v1", "ns", "configmaps", "cm", "log"), r.info());
        assertNull(resolve("GET", "/api/v1/namespaces/ns/configmaps/cm").streaming());
        assertThrows(IllegalStateException.class, () -> streaming.register(log));
    }
}
