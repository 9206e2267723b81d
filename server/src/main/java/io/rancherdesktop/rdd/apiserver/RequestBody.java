package io.rancherdesktop.rdd.apiserver;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reading a request body, once, with kube-apiserver's size limit, and discarding what is left of it when a request
 * is answered early (rejected before or while its body was read).
 *
 * <p>Why discard: an answer sent while body bytes are still in flight leaves the connection with unread input.
 * Jetty then drops the connection after the answer, which is already committed without {@code Connection: close},
 * so the client pools a dead connection and its next request (a POST, which no client replays) fails with no
 * response at all. Draining a bounded amount keeps the connection usable; past the bound the answer says
 * {@code Connection: close} so the client opens a new one.
 */
final class RequestBody {
    /**
     * How much of a rejected body an authenticated client may make us read and discard to keep its connection. Past
     * it the connection is closed with the answer unread bytes behind it, and the client may see a reset instead of
     * the answer: so it is large (reading 1 GiB from loopback takes about a second) and only a bound against a
     * runaway client.
     */
    static final long DRAIN_LIMIT = 1L << 30;
    /** The same for a client that failed authentication: any honest request and more, too little to be a lever. */
    static final long UNAUTHENTICATED_DRAIN_LIMIT = 4L * 1024 * 1024;
    private static final String STREAM = RequestBody.class.getName() + ".stream";
    private static final String AT_END = RequestBody.class.getName() + ".atEnd";

    private RequestBody() {
    }

    /** The whole body, or 413 (the rest is left for {@link #drain}). */
    static byte[] read(Request request, int limit) {
        if (request.getLength() > limit) {
            throw StatusException.tooLarge(limit);
        }
        try {
            byte[] data = stream(request).readNBytes(limit + 1);
            if (data.length > limit) {
                throw StatusException.tooLarge(limit);
            }
            request.setAttribute(AT_END, Boolean.TRUE);
            return data;
        } catch (IOException e) {
            throw StatusException.badRequest("reading the request body: " + e.getMessage());
        }
    }

    /**
     * Reads and discards the rest of the body, at most {@code limit} bytes. True when the body has been read to its
     * end, so the connection can carry the next request; false when the caller must answer with
     * {@code Connection: close}.
     */
    static boolean drain(Request request, long limit) {
        if (Boolean.TRUE.equals(request.getAttribute(AT_END))) {
            return true;
        }
        long declared = request.getLength();
        if (declared == 0) {
            return true;
        }
        if (declared > limit) {
            return false;
        }
        try {
            InputStream in = stream(request);
            byte[] sink = new byte[64 * 1024];
            long left = limit;
            while (left >= 0) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, left + 1));
                if (n < 0) {
                    request.setAttribute(AT_END, Boolean.TRUE);
                    return true;
                }
                left -= n;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One stream per request: a second stream would lose the chunk the first one holds. It is not closed: closing
     * before the end fails the request's content, which would drop the connection before the answer is sent.
     */
    private static InputStream stream(Request request) {
        Object s = request.getAttribute(STREAM);
        if (s == null) {
            s = Content.Source.asInputStream(request);
            request.setAttribute(STREAM, s);
        }
        return (InputStream) s;
    }
}
