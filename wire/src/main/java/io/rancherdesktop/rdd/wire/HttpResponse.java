package io.rancherdesktop.rdd.wire;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A complete HTTP response: status, headers (lower-case names) and body. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
