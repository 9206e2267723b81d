package io.rancherdesktop.rdd.apiserver;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * The WebSocket upgrade of a {@link StreamingSubresource} that declares {@link StreamingSubresource#webSocket()}
 * (a Container's {@code exec}), on Jetty's core WebSocket server (RFC 6455 over HTTP/1.1, on the Unix-domain and the
 * HTTPS connector alike). The dispatcher lets an upgrade through to such a subresource only; every other upgrade is
 * refused as before (watches fall back to HTTP).
 */
public final class WebSocketUpgrade {
    private static final Handshaker HANDSHAKER = Handshaker.newInstance();
    /**
     * How long a WebSocket may stay silent both ways: kubelet's default streaming idle timeout. Jetty's own default
     * (30 s) would end an interactive shell nobody typed in for half a minute.
     */
    public static final java.time.Duration IDLE_TIMEOUT = java.time.Duration.ofHours(4);

    private WebSocketUpgrade() {
    }

    /** Whether {@code request} asks for a WebSocket upgrade ({@code Upgrade: websocket}). */
    public static boolean requested(Request request) {
        return "websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE));
    }

    /** The subprotocols the client offers ({@code Sec-WebSocket-Protocol}, every header, comma-separated), in its order. */
    public static List<String> offeredSubprotocols(Request request) {
        List<String> out = new ArrayList<>();
        for (String v : request.getHeaders().getValuesList(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL)) {
            for (String p : v.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.trim());
                }
            }
        }
        return out;
    }

    /**
     * Upgrades {@code request} to a WebSocket served by the handler {@code handler} makes, answering with
     * {@code subprotocol} (null: none). {@code handler} is called only once the handshake is known to be valid, so
     * it may allocate what the session needs (an engine exec); a {@link StatusException} it throws is answered as
     * usual. Call before anything is written to {@code response}.
     *
     * @throws StatusException 400 when the request is not a valid WebSocket handshake
     */
    public static void upgrade(Request request, Response response, Callback callback, String subprotocol,
                               java.util.function.Supplier<FrameHandler> handler) {
        Server server = request.getConnectionMetaData().getConnector().getServer();
        WebSocketComponents components = WebSocketServerComponents.getWebSocketComponents(server);
        if (components == null) {
            components = WebSocketServerComponents.ensureWebSocketComponents(server);
        }
        WebSocketNegotiator.AbstractNegotiator negotiator = new WebSocketNegotiator.AbstractNegotiator() {
            @Override
            public FrameHandler negotiate(ServerUpgradeRequest req, ServerUpgradeResponse resp, Callback cb) {
                if (subprotocol != null) {
                    resp.setAcceptedSubProtocol(subprotocol);
                }
                return handler.get();
            }
        };
        negotiator.setIdleTimeout(IDLE_TIMEOUT);
        // RFC 6455 upgrades a GET; kube's exec is also reached with POST (the verb kubectl uses), so a POST upgrade is
        // handed to the handshake as the GET it otherwise is.
        Request get = "POST".equals(request.getMethod()) ? new Request.Wrapper(request) {
            @Override
            public String getMethod() {
                return "GET";
            }
        } : request;
        boolean upgraded;
        try {
            upgraded = HANDSHAKER.upgradeRequest(negotiator, get, response, callback, components, null);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof StatusException s) {
                    throw s; // the handler's own refusal
                }
            }
            throw StatusException.badRequest("WebSocket handshake failed: " + e.getMessage());
        }
        if (!upgraded) {
            throw StatusException.badRequest("not a valid WebSocket upgrade request");
        }
    }
}
