package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.RawApiClient;
import io.rancherdesktop.rdd.testing.RawApiClient.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A request rejected before its body was read must not poison the keep-alive connection for the next request:
 * the server either drains the rest of the body before answering or says {@code Connection: close}. Clients
 * (the JDK's, Go's for non-replayable bodies) do not retry a POST that dies on a connection the server had
 * silently dropped, so a lost connection here is a user's lost write. Each rejection is followed by a write
 * on the same client, many times, because the failure was a race (two CI runs lost a POST to it).
 */
@ExtendWith(ApiServerExtension.class)
class ConnectionReuseIT {
    private static final String WIDGETS = RestSemanticsIT.WIDGETS;
    private static final String CMS = RestSemanticsIT.CMS;
    private static final int ROUNDS = 150;
    private static RawApiClient raw;

    @BeforeAll
    static void client(ApiServerExtension.Running running) {
        raw = running.raw();
    }

    private static void thenAWriteSucceeds(String tag, int i) {
        String name = tag + "-" + i;
        Reply r = raw.post(CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}");
        assertEquals(201, r.status(), name + ": " + r.body());
    }

    @Test
    void aMethodRejectedBeforeTheBodyIsReadKeepsTheConnectionUsable() {
        String body = RestSemanticsIT.widget("x", "{\"color\":\"red\"}");
        for (int i = 0; i < ROUNDS; i++) {
            assertEquals(405, raw.post("/apis/test.rancherdesktop.io/v1alpha1/widgets", body).status());
            assertEquals(405, raw.post(WIDGETS + "/x", "{}").status());
            thenAWriteSucceeds("m", i);
        }
    }

    @Test
    void anUnsupportedMediaTypeOrMissingNamespaceKeepsTheConnectionUsable() {
        for (int i = 0; i < ROUNDS; i++) {
            assertEquals(415, raw.send("POST", WIDGETS, "text/plain", "x".repeat(i * 97), true, Map.of()).status());
            assertEquals(404, raw.post("/apis/test.rancherdesktop.io/v1alpha1/namespaces/ghost/widgets",
                    RestSemanticsIT.widget("w", "{\"color\":\"" + "y".repeat(i * 131) + "\"}")).status());
            thenAWriteSucceeds("t", i);
        }
    }

    @Test
    void anUnauthenticatedWriteKeepsTheConnectionUsable() {
        for (int i = 0; i < ROUNDS; i++) {
            assertEquals(401, raw.send("POST", CMS, "application/json", "{\"z\":\"" + "z".repeat(i * 89) + "\"}", false, Map.of()).status());
            thenAWriteSucceeds("u", i);
        }
    }

    @Test
    void anUnauthenticatedOversizedBodyIsDrainedAndAnswered401() {
        String blob = "z".repeat(3 * 1024 * 1024);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, raw.send("POST", CMS, "application/json", "{\"z\":\"" + blob + "\"}", false, Map.of()).status());
            thenAWriteSucceeds("d", i);
        }
    }

    /**
     * Past the drain limit the server gives up on the connection: the answer says {@code Connection: close}, though
     * the client, still sending, may see the reset first. Either way its next request must go out on a fresh
     * connection and succeed.
     */
    @Test
    void aBodyTooBigToDrainNeverPoisonsTheNextRequest() {
        String blob = "z".repeat((int) RequestBody.UNAUTHENTICATED_DRAIN_LIMIT + 1024 * 1024);
        int answered = 0;
        for (int i = 0; i < 5; i++) {
            try {
                Reply r = raw.send("POST", CMS, "application/json", "{\"z\":\"" + blob + "\"}", false, Map.of());
                assertEquals(401, r.status());
                assertEquals(List.of("close"), r.header("Connection"));
                answered++;
            } catch (java.io.UncheckedIOException reset) {
                // the reset raced the answer: allowed past the limit, and the point is what follows
            }
            thenAWriteSucceeds("c", i);
        }
        System.out.println("past the drain limit, " + answered + " of 5 answers reached the client before the reset");
    }

    @Test
    void anOversizedBodyGets413AndTheNextWriteSucceeds() {
        String blob = "x".repeat(3 * 1024 * 1024 + 1);
        for (int i = 0; i < 10; i++) {
            Reply r = raw.post(CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"b\":\"" + blob + "\"}}");
            assertEquals(413, r.status(), r.body());
            assertEquals("RequestEntityTooLarge", r.reason());
            thenAWriteSucceeds("o", i);
        }
    }
}
