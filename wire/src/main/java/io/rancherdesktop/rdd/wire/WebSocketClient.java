package io.rancherdesktop.rdd.wire;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small RFC 6455 WebSocket client over the service's Unix domain socket (the JDK's client cannot use one): the
 * opening handshake with subprotocols, masked client frames, messages reassembled from fragments, pings answered,
 * the closing handshake. Enough for Kubernetes' streaming protocols ({@code v5.channel.k8s.io}): one message is one
 * channel's data, its first byte the channel. No extensions (no compression).
 *
 * <p>One thread may {@link #receive()} while others send: reads and writes use the channel directly, writes are
 * serialised.
 */
public final class WebSocketClient implements Closeable {
    /** The handshake was answered with something other than 101: its status and body (a kube {@code Status}). */
    public static final class HandshakeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final transient byte[] body;

        HandshakeException(int status, byte[] body) {
            super("the WebSocket upgrade was answered with HTTP " + status + ": "
                    + new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8));
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public byte[] body() {
            return body.clone();
        }
    }

    /** A complete data message: {@code binary} or text. */
    public record Message(boolean binary, byte[] data) {
    }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int OP_CONTINUATION = 0;
    private static final int OP_TEXT = 1;
    private static final int OP_BINARY = 2;
    private static final int OP_CLOSE = 8;
    private static final int OP_PING = 9;
    private static final int OP_PONG = 10;
    /** Messages larger than this are refused (kube's streams send small ones). */
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();
    private final SecureRandom random = new SecureRandom();
    private final Object writeLock = new Object();
    private final String subprotocol;
    private volatile boolean closeSent;
    private volatile int closeCode = -1;

    private WebSocketClient(SocketChannel channel, String subprotocol) {
        this.channel = channel;
        this.subprotocol = subprotocol;
    }

    /**
     * Opens {@code pathAndQuery} on the Unix socket {@code socket} as a WebSocket, offering {@code subprotocols} in
     * order of preference.
     *
     * @throws HandshakeException when the server answers other than 101 (its body is usually a kube {@code Status})
     */
    public static WebSocketClient connect(Path socket, String method, String pathAndQuery, List<String> subprotocols, String userAgent)
            throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            byte[] nonce = new byte[16];
            new SecureRandom().nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            StringBuilder req = new StringBuilder()
                    .append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\n")
                    .append("Upgrade: websocket\r\n")
                    .append("Connection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            if (!subprotocols.isEmpty()) {
                req.append("Sec-WebSocket-Protocol: ").append(String.join(", ", subprotocols)).append("\r\n");
            }
            if (userAgent != null) {
                req.append("User-Agent: ").append(userAgent).append("\r\n");
            }
            req.append("\r\n");
            WebSocketClient c = new WebSocketClient(ch, null);
            c.writeFully(ByteBuffer.wrap(req.toString().getBytes(StandardCharsets.ISO_8859_1)));
            String statusLine = c.readLine();
            String[] parts = statusLine.split(" ", 3);
            int status = parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
            Map<String, String> headers = new TreeMap<>();
            for (String line = c.readLine(); !line.isEmpty(); line = c.readLine()) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            if (status != 101) {
                throw new HandshakeException(status, c.readHttpBody(headers));
            }
            String accept = headers.get("sec-websocket-accept");
            if (accept == null || !accept.equals(acceptFor(key))) {
                throw new IOException("the server's WebSocket handshake is invalid (Sec-WebSocket-Accept)");
            }
            WebSocketClient open = new WebSocketClient(ch, headers.get("sec-websocket-protocol"));
            open.in.clear().put(c.in).flip(); // bytes that came with the handshake belong to the first frames
            return open;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subprotocol the server chose, or null. */
    public String subprotocol() {
        return subprotocol;
    }

    /** The close code the server sent (-1: none yet). */
    public int closeCode() {
        return closeCode;
    }

    /** Sends one binary message. */
    public void sendBinary(byte[] data) throws IOException {
        sendFrame(OP_BINARY, data, 0, data.length);
    }

    /** Sends one binary message of {@code channel} followed by {@code len} bytes of {@code data}. */
    public void sendChannel(int channel, byte[] data, int off, int len) throws IOException {
        byte[] msg = new byte[len + 1];
        msg[0] = (byte) channel;
        System.arraycopy(data, off, msg, 1, len);
        sendFrame(OP_BINARY, msg, 0, msg.length);
    }

    private void sendFrame(int opcode, byte[] data, int off, int len) throws IOException {
        int headerLen = 2 + (len > 65535 ? 8 : len > 125 ? 2 : 0) + 4;
        ByteBuffer frame = ByteBuffer.allocate(headerLen + len);
        frame.put((byte) (0x80 | opcode));
        if (len > 65535) {
            frame.put((byte) (0x80 | 127)).putLong(len);
        } else if (len > 125) {
            frame.put((byte) (0x80 | 126)).putShort((short) len);
        } else {
            frame.put((byte) (0x80 | len));
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < len; i++) {
            frame.put((byte) (data[off + i] ^ mask[i & 3]));
        }
        frame.flip();
        synchronized (writeLock) {
            if (closeSent) {
                throw new IOException("the WebSocket is closed");
            }
            if (opcode == OP_CLOSE) {
                closeSent = true;
            }
            writeFully(frame);
        }
    }

    /**
     * The next data message, answering pings on the way; null once the server closed (its close code in
     * {@link #closeCode()}) or the connection ended.
     */
    public Message receive() throws IOException {
        ByteArrayOutputStream message = null;
        boolean binary = false;
        while (true) {
            int b0 = readByte();
            if (b0 < 0) {
                return null;
            }
            int b1 = readByteOrThrow();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            long len = b1 & 0x7f;
            if (len == 126) {
                len = ((readByteOrThrow() & 0xff) << 8) | (readByteOrThrow() & 0xff);
            } else if (len == 127) {
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = (len << 8) | (readByteOrThrow() & 0xff);
                }
            }
            if (len > MAX_MESSAGE) {
                throw new IOException("a WebSocket frame of " + len + " bytes is too large");
            }
            byte[] mask = null;
            if ((b1 & 0x80) != 0) {
                mask = new byte[4];
                readFully(mask);
            }
            byte[] payload = new byte[(int) len];
            readFully(payload);
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
            }
            switch (opcode) {
                case OP_PING -> sendFrame(OP_PONG, payload, 0, payload.length);
                case OP_PONG -> {
                    // unsolicited: ignored
                }
                case OP_CLOSE -> {
                    closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                    synchronized (writeLock) {
                        if (!closeSent) {
                            closeSent = true;
                            try {
                                writeFully(closeFrame(payload.length >= 2 ? closeCode : 1000));
                            } catch (IOException ignored) {
                                // the server may already have gone
                            }
                        }
                    }
                    return null;
                }
                case OP_TEXT, OP_BINARY, OP_CONTINUATION -> {
                    if (opcode != OP_CONTINUATION) {
                        binary = opcode == OP_BINARY;
                        message = new ByteArrayOutputStream(payload.length);
                    } else if (message == null) {
                        throw new IOException("a WebSocket continuation frame without a message");
                    }
                    message.write(payload);
                    if (message.size() > MAX_MESSAGE) {
                        throw new IOException("a WebSocket message is too large");
                    }
                    if (fin) {
                        return new Message(binary, message.toByteArray());
                    }
                }
                default -> throw new IOException("unknown WebSocket opcode " + opcode);
            }
        }
    }

    private ByteBuffer closeFrame(int code) {
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        ByteBuffer f = ByteBuffer.allocate(8);
        f.put((byte) (0x80 | OP_CLOSE)).put((byte) (0x80 | 2)).put(mask);
        f.put((byte) (((code >> 8) & 0xff) ^ mask[0])).put((byte) ((code & 0xff) ^ mask[1]));
        return f.flip();
    }

    /** Starts the closing handshake with {@code code} (1000: normal); {@link #receive()} then returns null. */
    public void sendClose(int code) throws IOException {
        synchronized (writeLock) {
            if (!closeSent) {
                closeSent = true;
                writeFully(closeFrame(code));
            }
        }
    }

    /** Closes the connection at once. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    // ------------------------------------------------------------------------------------------ I/O

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private int fill() throws IOException {
        in.clear();
        int n;
        do {
            n = channel.read(in);
        } while (n == 0);
        in.flip();
        return n;
    }

    private int readByte() throws IOException {
        if (!in.hasRemaining() && fill() < 0) {
            return -1;
        }
        return in.get() & 0xff;
    }

    private int readByteOrThrow() throws IOException {
        int b = readByte();
        if (b < 0) {
            throw new EOFException("the server closed the connection in a WebSocket frame");
        }
        return b;
    }

    private void readFully(byte[] b) throws IOException {
        int got = 0;
        while (got < b.length) {
            if (!in.hasRemaining() && fill() < 0) {
                throw new EOFException("the server closed the connection in a WebSocket frame");
            }
            int n = Math.min(b.length - got, in.remaining());
            in.get(b, got, n);
            got += n;
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = readByte();
            if (c < 0) {
                throw new EOFException("the server closed the connection during the WebSocket handshake");
            }
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) c);
        }
    }

    private byte[] readHttpBody(Map<String, String> headers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                String sizeLine = readLine();
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                if (size == 0) {
                    return out.toByteArray();
                }
                byte[] chunk = new byte[size];
                readFully(chunk);
                out.write(chunk);
                readLine();
            }
        }
        String length = headers.get("content-length");
        if (length != null) {
            byte[] body = new byte[Integer.parseInt(length)];
            readFully(body);
            return body;
        }
        for (int b = readByte(); b >= 0; b = readByte()) {
            out.write(b);
        }
        return out.toByteArray();
    }
}
