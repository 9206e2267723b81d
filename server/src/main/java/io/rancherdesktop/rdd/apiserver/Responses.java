package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The response writers every answer goes through: bytes with a media type, JSON, YAML, text, {@code Warning}
 * headers and kube {@code Status} errors. Each returns the status it answered (for the request log).
 */
final class Responses {
    static final String JSON = "application/json";
    private static final ObjectMapper YAML = new YAMLMapper();

    private Responses() {
    }

    static int sendText(Response response, Callback callback, int status, String text) {
        return sendBytes(response, callback, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), List.of());
    }

    static int sendJson(Response response, Callback callback, int status, JsonNode body, List<String> warnings) {
        return sendBytes(response, callback, status, JSON, json(body), warnings);
    }

    static int sendYaml(Response response, Callback callback, int status, JsonNode body) {
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
    static void sendEarlyStatus(Request request, Response response, Callback callback, StatusException e, boolean authenticated) {
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
}
