package io.rancherdesktop.rdd.service.streams;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 GET on a connection of its own to the Docker engine ({@code unix://} or plain {@code tcp://}), for the
 * streams: never the engine controller's pooled docker-java client, whose bounded pool and response timeout the
 * reconcilers depend on. {@link #close()} closes the socket, which also ends a read blocked in {@link #body()} at
 * once (with an exception): that is how a stream whose client went away releases its engine connection.
 */
final class EngineHttp implements AutoCloseable {
    private final SocketChannel channel;
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;

    private EngineHttp(SocketChannel channel, int status, Map<String, String> headers, InputStream body) {
        this.channel = channel;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** Connects to {@code endpoint} and sends {@code GET path}; returns once the status line and headers are read. */
    static EngineHttp get(String endpoint, String path) throws IOException {
        SocketChannel ch = connect(endpoint);
        try {
            OutputStream out = Channels.newOutputStream(ch);
            out.write(("GET " + path + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: rdd-streams\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 64 * 1024);
            String statusLine = readLine(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("malformed response from the Docker engine: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new HashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            InputStream body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = new Chunked(in);
            } else if (headers.containsKey("content-length")) {
                body = new Bounded(in, Long.parseLong(headers.get("content-length")));
            } else {
                body = in;
            }
            return new EngineHttp(ch, status, headers, body);
        } catch (NumberFormatException e) {
            ch.close();
            throw new IOException("malformed response from the Docker engine", e);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static SocketChannel connect(String endpoint) throws IOException {
        URI uri = URI.create(endpoint);
        switch (uri.getScheme() == null ? "" : uri.getScheme()) {
            case "unix" -> {
                SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    ch.connect(UnixDomainSocketAddress.of(uri.getPath()));
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
                return ch;
            }
            case "tcp", "http" -> {
                return SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()));
            }
            default -> throw new IOException("the Docker endpoint " + endpoint + " is not supported by the log and stats streams"
                    + " (unix:// and tcp:// are)");
        }
    }

    int status() {
        return status;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The decoded body; {@code available()} says how many bytes can be read without blocking (a lower bound). */
    InputStream body() {
        return body;
    }

    /** The body as text, for an error answer (at most 64 KiB). */
    String errorText() {
        try {
            byte[] b = body.readNBytes(64 * 1024);
            String s = new String(b, StandardCharsets.UTF_8).trim();
            // Docker answers errors as {"message":"..."}
            int m = s.indexOf("\"message\":\"");
            if (m >= 0) {
                int end = s.indexOf('"', m + 11);
                return end > m ? s.substring(m + 11, end) : s;
            }
            return s;
        } catch (IOException e) {
            return "(no body: " + e.getMessage() + ")";
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket: nothing left to do
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the Docker engine closed the connection");
            }
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            if (sb.length() > 8192) {
                throw new IOException("overlong line in the Docker engine's response");
            }
            sb.append((char) c);
        }
    }

    /** {@code Transfer-Encoding: chunked}; a read returns what one chunk has ready, never waiting for more. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long remaining;
        private boolean first = true;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        private boolean next() throws IOException {
            if (done) {
                return false;
            }
            if (remaining == 0) {
                if (!first) {
                    readLine(in); // the CRLF closing the previous chunk
                }
                first = false;
                String line = readLine(in);
                int semi = line.indexOf(';');
                try {
                    remaining = Long.parseLong((semi >= 0 ? line.substring(0, semi) : line).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed chunk size from the Docker engine: " + line);
                }
                if (remaining == 0) {
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
            if (!next()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("the Docker engine closed the connection inside a chunk");
            }
            remaining -= n;
            return n;
        }

        /**
         * The bytes of the current chunk that have arrived; between chunks, what has arrived beyond the CRLF closing the
         * previous one (the next chunk has begun: a sender writes a chunk's size line and data together).
         */
        @Override
        public int available() throws IOException {
            if (done) {
                return 0;
            }
            return remaining == 0 ? Math.max(0, in.available() - (first ? 0 : 2)) : (int) Math.min(remaining, in.available());
        }
    }

    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long remaining;

        Bounded(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("the Docker engine closed the connection early");
            }
            remaining -= n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(remaining, in.available());
        }
    }
}
