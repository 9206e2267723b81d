package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Content negotiation (kube's {@code endpoints/handlers/negotiation}): the output format from {@code Accept}
 * ({@link OutputFormat}), and request bodies by {@code Content-Type} — JSON, YAML, kubectl's protobuf
 * ({@link ProtobufDecoder}) and the patch types — read within kube's size limit.
 */
final class ContentNegotiation {
    /** kube-apiserver's request body limit. */
    static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

    private ContentNegotiation() {
    }

    static OutputFormat outputFormat(Request request) {
        return OutputFormat.negotiate(request.getHeaders().get(HttpHeader.ACCEPT));
    }

    static byte[] readBody(Request request) {
        return RequestBody.read(request, MAX_BODY_BYTES);
    }

    static JsonNode decodeObjectBody(Request request, byte[] body) {
        String ct = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String base = ct == null ? "" : ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (base) {
            case "", "application/json", "*/*" -> BodyCodec.parseJson(body);
            case "application/yaml", "application/x-yaml", "text/yaml" -> BodyCodec.parseYamlOrJson(body);
            case ProtobufDecoder.MEDIA_TYPE -> ProtobufDecoder.decode(body);
            default -> throw StatusException.unsupportedMediaType(base, List.of("application/json", "application/yaml", ProtobufDecoder.MEDIA_TYPE));
        };
    }

    /** The patch type of a PATCH, from its {@code Content-Type} (415 naming the types the resource accepts). */
    static PatchType patchType(Request request, RequestScope scope) {
        String ct = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return PatchType.fromMediaType(ct).orElseThrow(() -> StatusException.unsupportedMediaType(String.valueOf(ct),
                PatchType.acceptedBy(scope.resource()).stream().map(PatchType::mediaType).toList()));
    }
}
