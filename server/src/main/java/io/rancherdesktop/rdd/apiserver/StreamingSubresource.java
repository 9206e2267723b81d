package io.rancherdesktop.rdd.apiserver;

import io.rancherdesktop.rdd.admission.UserInfo;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The extension point for subresources the store does not serve — a Container's {@code log}, {@code exec} or
 * {@code stats} — that a module outside the server (an engine) registers with {@link StreamingSubresources}
 * ({@link ApiServer#streamingSubresources()}). The dispatcher routes
 * {@code .../<resource>/<name>/<name()>} of the resource {@link #group()}/{@link #resource()} here, after
 * authentication and path resolution; an unregistered subresource stays 404.
 *
 * <p>A long-lived stream (a log follow, exec output) must write its body through {@link EventStream}
 * ({@code EventStream.open(request, response)} once the status and headers are set): it is the one writer of
 * flushed-per-event chunked streams, each flush one complete HTTP/1.1 chunk (its javadoc says why Jetty's own
 * chunking is not used). A short answer may be written with the response as any Jetty handler does.
 *
 * <p>Errors: a {@link StatusException} thrown before the response is committed is answered as a kube
 * {@code Status}; after that the connection is failed. WebSocket upgrades are refused before routing (watches
 * only fall back to HTTP), except for a subresource whose {@link #webSocket()} is true (an {@code exec}): it is
 * handed the upgrade request as is, checks what it must (answering a {@code StatusException} as plain HTTP), and
 * then upgrades with {@link WebSocketUpgrade#upgrade}.
 */
public interface StreamingSubresource {
    /** The API group of the resource it attaches to ({@code ""}: the core group). */
    String group();

    /** The plural name of the resource it attaches to (e.g. {@code containers}). */
    String resource();

    /** The subresource's name, the path segment after the object's name (e.g. {@code log}); never {@code status}. */
    String name();

    /** Whether WebSocket upgrade requests reach {@link #handle} (false: they are refused before routing, as for any path). */
    default boolean webSocket() {
        return false;
    }

    /**
     * Serves one request. Completes {@code callback} (directly, or through the response's writes) when done.
     *
     * @return the HTTP status answered (for the request log and metrics)
     */
    int handle(Request request, Response response, Callback callback, RequestInfo requestInfo, UserInfo user);
}
