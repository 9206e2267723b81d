package io.rancherdesktop.rdd.service.exec;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 connection of its own to the Docker engine ({@code unix://} or plain {@code tcp://}), never the
 * controllers' pool: a short request answered and closed, or the exec attach, which upgrades the connection to the raw
 * stream ({@code Connection: Upgrade}, {@code Upgrade: tcp}, answered {@code 101}) and half-closes it on stdin's EOF
 * ({@link #shutdownOutput()}: docker-java 3.5.3's attach never does, so {@code echo hi | … cat} would hang).
 *
 * <p>Reads and writes use the channel directly (a blocking {@link SocketChannel} reads and writes from two threads
 * at once); {@link #close()} from any thread ends a blocked read.
 */
final class EngineSocket implements Closeable {
    /** A response's status code, lower-cased headers and (for short requests) body. */
    record Answer(int code, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(16 * 1024).flip();

    private EngineSocket(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects to {@code endpoint} ({@code unix:///path} or {@code tcp://host:port}). */
    static EngineSocket connect(String endpoint) throws IOException {
        SocketAddress address;
        if (endpoint.startsWith("unix://")) {
            address = UnixDomainSocketAddress.of(endpoint.substring("unix://".length()));
        } else if (endpoint.startsWith("tcp://")) {
            URI u = URI.create(endpoint);
            address = new InetSocketAddress(u.getHost(), u.getPort() < 0 ? 2375 : u.getPort());
        } else {
            throw new IOException("unsupported Docker endpoint " + endpoint + " (streams support unix:// and tcp://)");
        }
        return new EngineSocket(SocketChannel.open(address));
    }

    /** One short request on a connection of its own: sends it, reads the whole answer, closes. */
    static Answer call(String endpoint, String method, String path, byte[] jsonBody) throws IOException {
        try (EngineSocket s = connect(endpoint)) {
            s.send(method, path, jsonBody, Map.of("Connection", "close"));
            Answer head = s.readHead();
            return new Answer(head.code(), head.headers(), s.readBody(head.headers()));
        }
    }

    /** Writes a request ({@code jsonBody} null: none). */
    void send(String method, String path, byte[] jsonBody, Map<String, String> headers) throws IOException {
        StringBuilder sb = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: docker\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        if (jsonBody != null) {
            sb.append("Content-Type: application/json\r\nContent-Length: ").append(jsonBody.length).append("\r\n");
        }
        sb.append("\r\n");
        write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        if (jsonBody != null) {
            write(jsonBody);
        }
    }

    /** Reads a status line and headers (the body, or the raw stream after a 101, is read after). */
    Answer readHead() throws IOException {
        String status = readLine();
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer from the engine: " + status);
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP answer from the engine: " + status, e);
        }
        Map<String, String> headers = new TreeMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return new Answer(code, headers, new byte[0]);
    }

    private byte[] readBody(Map<String, String> headers) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                String sizeLine = readLine();
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                if (size == 0) {
                    return out.toByteArray();
                }
                readFully(buf, size, out);
                readLine();
            }
        }
        String length = headers.get("content-length");
        if (length != null) {
            readFully(buf, Integer.parseInt(length), out);
            return out.toByteArray();
        }
        for (int n = read(buf, 0, buf.length); n >= 0; n = read(buf, 0, buf.length)) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private void readFully(byte[] buf, int size, java.io.ByteArrayOutputStream out) throws IOException {
        int left = size;
        while (left > 0) {
            int n = read(buf, 0, Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("the engine closed the connection in a response body");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!in.hasRemaining() && fill() < 0) {
                throw new EOFException("the engine closed the connection");
            }
            char c = (char) (in.get() & 0xff);
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append(c);
        }
    }

    private int fill() throws IOException {
        in.clear();
        int n = channel.read(in);
        in.flip();
        return n;
    }

    /** Reads what is there (buffered bytes first); -1 at the end of the stream. */
    int read(byte[] b, int off, int len) throws IOException {
        if (!in.hasRemaining()) {
            if (in.capacity() <= len) {
                return channel.read(ByteBuffer.wrap(b, off, len));
            }
            if (fill() < 0) {
                return -1;
            }
        }
        int n = Math.min(len, in.remaining());
        in.get(b, off, n);
        return n;
    }

    /** Reads exactly {@code len} bytes; false at a clean end of the stream before the first byte. */
    boolean readExactly(byte[] b, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int n = read(b, got, len - got);
            if (n < 0) {
                if (got == 0) {
                    return false;
                }
                throw new EOFException("the engine closed the stream in a frame");
            }
            got += n;
        }
        return true;
    }

    void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /** Half-closes the connection: the engine sees EOF on the exec's stdin. */
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
