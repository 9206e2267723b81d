package io.rancherdesktop.rdd.wire;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A lean HTTP/1.1 client for the service's Unix domain socket: one connection per request
 * ({@code Connection: close}), Content-Length, chunked and read-to-close bodies. Used by the CLI's hot path
 * instead of fabric8, whose start-up alone costs more than a whole {@code rdd ctl get}. The socket is
 * owner-only (mode 0600), so requests carry no credentials.
 */
public final class UnixHttpClient {
    private final Path socket;
    private final String userAgent;

    /** A deadline for each {@link #send(HttpRequest)}; zero or negative means none. */
    private final Duration requestTimeout;

    public UnixHttpClient(Path socket, String userAgent) {
        this(socket, userAgent, Duration.ZERO);
    }

    private UnixHttpClient(Path socket, String userAgent, Duration requestTimeout) {
        this.socket = socket;
        this.userAgent = userAgent;
        this.requestTimeout = requestTimeout;
    }

    /** This client with kubectl's {@code --request-timeout}: every {@link #send(HttpRequest)} gets that deadline (watches do not). */
    public UnixHttpClient withRequestTimeout(Duration timeout) {
        return timeout.isZero() && requestTimeout.isZero() ? this : new UnixHttpClient(socket, userAgent, timeout);
    }

    /**
     * Starts initialising the JDK's Unix-socket support on a background thread. The first
     * {@code SocketChannel.open(UNIX)} of a process seeds a {@code SecureRandom} (the security providers), about
     * 12 ms that a CLI command can overlap with its own start-up work.
     */
    public static void prewarm() {
        Thread.ofPlatform().daemon().name("uds-prewarm").start(() -> {
            try {
                SocketChannel.open(StandardProtocolFamily.UNIX).close();
            } catch (IOException | UnsupportedOperationException ignored) {
                // the real connection reports any problem
            }
        });
    }

    public Path socket() {
        return socket;
    }

    /** Sends a request and reads the whole response. */
    public HttpResponse send(HttpRequest request) throws IOException {
        if (requestTimeout.isPositive()) {
            return send(request, requestTimeout);
        }
        try (Exchange ex = open(request)) {
            return new HttpResponse(ex.status(), ex.headers(), ex.body().readAllBytes());
        }
    }

    /**
     * Sends a request with a deadline for the whole exchange: when it passes, the connection is closed, which
     * ends a blocking read (a hung service must not hang a readiness probe).
     */
    public HttpResponse send(HttpRequest request, Duration timeout) throws IOException {
        SocketChannel ch = connect();
        java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().unstarted(() -> {
            try {
                Thread.sleep(timeout);
                expired.set(true);
                ch.close();
            } catch (InterruptedException | IOException done) {
                // the exchange finished first, or closing failed: nothing to do either way
            }
        });
        watchdog.start();
        try (Exchange ex = exchange(ch, request)) {
            return new HttpResponse(ex.status(), ex.headers(), ex.body().readAllBytes());
        } catch (IOException e) {
            if (expired.get()) {
                var t = new java.net.SocketTimeoutException(request.method() + " " + request.path() + ": no answer within " + GoDuration.format(timeout));
                t.initCause(e);
                throw t;
            }
            throw e;
        } finally {
            watchdog.interrupt();
        }
    }

    /** Sends a request and returns the open response, whose body streams (for watches). Close it when done. */
    public Exchange open(HttpRequest request) throws IOException {
        return exchange(connect(), request);
    }

    private SocketChannel connect() throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    private Exchange exchange(SocketChannel ch, HttpRequest request) throws IOException {
        try {
            OutputStream out = Channels.newOutputStream(ch);
            StringBuilder head = new StringBuilder(256);
            head.append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\n")
                    .append("User-Agent: ").append(userAgent).append("\r\n")
                    .append("Connection: close\r\n");
            boolean hasAccept = false;
            for (Map.Entry<String, String> h : request.headers().entrySet()) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
                hasAccept |= h.getKey().equalsIgnoreCase("Accept");
            }
            if (!hasAccept) {
                head.append("Accept: application/json\r\n");
            }
            byte[] body = request.body();
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
            if (body == null) {
                out.write(headBytes);
            } else {
                byte[] all = new byte[headBytes.length + body.length];
                System.arraycopy(headBytes, 0, all, 0, headBytes.length);
                System.arraycopy(body, 0, all, headBytes.length, body.length);
                out.write(all);
            }
            out.flush();
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 16 * 1024);
            String statusLine = readLine(in);
            // HTTP/1.1 200 OK
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("malformed HTTP status line from " + socket + ": " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new HashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            InputStream bodyIn;
            if ("HEAD".equals(request.method()) || status == 204 || status == 304) {
                bodyIn = InputStream.nullInputStream();
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                bodyIn = new ChunkedInputStream(in);
            } else if (headers.containsKey("content-length")) {
                bodyIn = new BoundedInputStream(in, Long.parseLong(headers.get("content-length")));
            } else {
                bodyIn = in;
            }
            return new Exchange(ch, status, headers, bodyIn);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the middle of an HTTP header");
            }
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** An open response. {@link #body()} yields the decoded body; closing ends the connection. */
    public static final class Exchange implements AutoCloseable {
        private final SocketChannel channel;
        private final int status;
        private final Map<String, String> headers;
        private final InputStream body;

        Exchange(SocketChannel channel, int status, Map<String, String> headers, InputStream body) {
            this.channel = channel;
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        public int status() {
            return status;
        }

        /** Response headers with lower-case names. */
        public Map<String, String> headers() {
            return headers;
        }

        public InputStream body() {
            return body;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Decodes {@code Transfer-Encoding: chunked}; ends at the zero-length chunk. */
    static final class ChunkedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;
        private boolean done;

        ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        private boolean nextChunk() throws IOException {
            if (done) {
                return false;
            }
            if (remaining == 0) {
                String sizeLine = readLine(in);
                if (sizeLine.isEmpty()) { // the CRLF after the previous chunk's data
                    sizeLine = readLine(in);
                }
                int semi = sizeLine.indexOf(';');
                String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
                try {
                    remaining = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed chunk size: " + sizeLine);
                }
                if (remaining == 0) {
                    // trailers up to the empty line
                    while (!readLine(in).isEmpty()) {
                        // skip
                    }
                    done = true;
                    return false;
                }
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!nextChunk()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("connection closed inside a chunk");
            }
            remaining -= n;
            return n;
        }
    }

    /** A body with a known Content-Length. */
    static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            } else if (n < 0) {
                throw new EOFException("connection closed with " + remaining + " body bytes missing");
            }
            return n;
        }
    }
}
