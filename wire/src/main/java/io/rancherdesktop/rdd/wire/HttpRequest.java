package io.rancherdesktop.rdd.wire;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP/1.1 request to the service's API socket. */
public record HttpRequest(String method, String path, Map<String, String> headers, byte[] body) {
    public static HttpRequest get(String path) {
        return new HttpRequest("GET", path, Map.of(), null);
    }

    public HttpRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpRequest(method, path, h, body);
    }

    public static HttpRequest withBody(String method, String path, String contentType, String body) {
        return new HttpRequest(method, path, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }
}
