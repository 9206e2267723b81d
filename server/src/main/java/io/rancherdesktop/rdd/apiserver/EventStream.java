package io.rancherdesktop.rdd.apiserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/**
 * The body of a long-lived streaming response (watches; a log follow later): writes accumulate, and each
 * {@link #flush()} puts everything written since the last one on the wire as one complete HTTP/1.1 chunk —
 * size line, data and the chunk's closing CRLF — and returns when Jetty has written it.
 *
 * <p>Why it frames the chunks itself: Jetty's {@code HttpGenerator} (12.x, as in 9.x, jetty issue #154) writes a
 * chunk's closing CRLF only in front of the <em>next</em> chunk (its {@code _needCRLF}) or of the last chunk. A
 * client that hands a chunk over only once its terminator has arrived (urllib3, so the Python kubernetes
 * client) therefore saw each watch event only when the next one came. No Jetty setting changes that: the
 * generator chunks every HTTP/1.1 response of unknown length on a persistent connection. So on HTTP/1.1 this
 * response is made one Jetty delimits by closing the connection ({@code Connection: close}: the generator then
 * passes the body through unframed) and the body is the chunked encoding written here, announced by a
 * {@code Transfer-Encoding: chunked} field built without its {@link HttpHeader} so that the generator copies it
 * into the header as it is instead of taking it as a request to chunk. {@link #close()} writes the last chunk;
 * the connection then closes, which costs a client one reconnect after a stream, never a lost byte. On other
 * versions (HTTP/1.0: delimited by the close anyway; HTTP/2 if it is ever enabled: frames) the bytes are written
 * as they are, and a flush is still one complete write.
 *
 * <p>Not thread-safe: one writer per stream.
 */
public final class EventStream extends OutputStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final HttpField CHUNKED = new HttpField(null, HttpHeader.TRANSFER_ENCODING.asString(), HttpHeaderValue.CHUNKED.asString());

    private final Response response;
    private final boolean chunked;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(8 * 1024);
    private boolean committed;
    private boolean failed;
    private boolean closed;

    private EventStream(Response response, boolean chunked) {
        this.response = response;
        this.chunked = chunked;
    }

    /** Starts a stream on a response whose status and other headers are set and that has not been committed. */
    public static EventStream open(Request request, Response response) {
        boolean chunked = request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_1_1;
        if (chunked) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            response.getHeaders().add(CHUNKED);
        }
        return new EventStream(response, chunked);
    }

    @Override
    public void write(int b) {
        pending.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
    }

    /** Everything written so far as one complete chunk on the wire (the headers alone, the first time, if nothing was). */
    @Override
    public void flush() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (pending.size() == 0 && committed) {
            return;
        }
        byte[] data = pending.toByteArray();
        pending.reset();
        ByteBuffer out;
        if (chunked && data.length > 0) {
            byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out = ByteBuffer.allocate(size.length + data.length + CRLF.length);
            out.put(size).put(data).put(CRLF).flip();
        } else {
            out = ByteBuffer.wrap(data);
        }
        send(out);
        committed = true;
    }

    /** Flushes, then ends the body (the last chunk); the handler completes the response after this. */
    @Override
    public void close() throws IOException {
        if (closed || failed) {
            closed = true;
            return;
        }
        flush();
        closed = true;
        if (chunked) {
            send(ByteBuffer.wrap(LAST_CHUNK));
        }
    }

    private void send(ByteBuffer buffer) throws IOException {
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(false, buffer, cb);
            cb.block();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }
}
