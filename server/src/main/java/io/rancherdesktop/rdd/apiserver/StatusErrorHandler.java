package io.rancherdesktop.rdd.apiserver;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers before a request reaches {@link ApiHandler} (an ambiguous or malformed URI such as an
 * encoded {@code %25} or {@code %2F} segment, request headers over the limit, a bad request line) are kube
 * {@code Status} objects too, for every method: clients of a Kubernetes API parse the error body, and Jetty's own
 * page is HTML (and empty for PUT, PATCH and DELETE). Found by {@code ApiFuzzIT}.
 */
final class StatusErrorHandler extends ErrorHandler {
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        StatusException e = new StatusException(code, reasonFor(code), text, StatusException.Details.NONE);
        byte[] body = Responses.json(e.toStatus());
        // Jetty closes the connection after an error it answered itself (the request may not even have been read to
        // its end). Say so: without the header a keep-alive client sends its next request on a connection that is
        // being closed and gets no reply at all (found by ApiFuzzIT).
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** kube's reason for the status codes Jetty produces; empty (kube's "Unknown") for those kube has no name for. */
    static String reasonFor(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 408 -> "Timeout";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "";
        };
    }
}
