package io.rancherdesktop.rdd.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks an engine whether its API answers. {@link #check} returns empty when it does, else why not (for messages).
 * "Running" in this product means a probe succeeded, never merely that a process exists.
 */
public sealed interface EngineProbe {
    Optional<String> check(Duration timeout);

    /** The probe for an endpoint of the given engine. */
    static EngineProbe forEndpoint(EngineEndpoint endpoint, HostEnvironment host) {
        return switch (endpoint.engine()) {
            case MOBY -> new DockerPing(endpoint.address());
            case CONTAINERD -> new ContainerdVersion(unixPath(endpoint.address()), host.find("ctr"));
        };
    }

    /** {@code unix:///x} or a bare path → the path. */
    static Path unixPath(String address) {
        return Path.of(address.startsWith("unix://") ? address.substring("unix://".length()) : address);
    }

    /** {@code GET /_ping} of the Docker API, over a Unix socket ({@code unix://}) or plain TCP ({@code tcp://}). */
    record DockerPing(String dockerHost) implements EngineProbe {
        @Override
        public Optional<String> check(Duration timeout) {
            byte[] request = "GET /_ping HTTP/1.1\r\nHost: docker\r\nUser-Agent: rdd\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            String response;
            try {
                if (dockerHost.startsWith("tcp://") || dockerHost.startsWith("http://")) {
                    response = overTcp(URI.create(dockerHost.replaceFirst("^tcp://", "http://")), request, timeout);
                } else if (dockerHost.startsWith("unix://") || dockerHost.startsWith("/")) {
                    response = overUnixSocket(unixPath(dockerHost), request, timeout);
                } else {
                    return Optional.of("unsupported Docker endpoint " + dockerHost + " (use unix:// or tcp://)");
                }
            } catch (IOException e) {
                return Optional.of("cannot reach the Docker API at " + dockerHost + ": " + describe(e));
            }
            int eol = response.indexOf("\r\n");
            String statusLine = eol < 0 ? response : response.substring(0, eol);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length >= 2 && parts[0].startsWith("HTTP/") && parts[1].equals("200")) {
                return Optional.empty();
            }
            int body = response.indexOf("\r\n\r\n");
            return Optional.of("the Docker API at " + dockerHost + " answered " + statusLine
                    + (body < 0 ? "" : ": " + response.substring(body + 4).strip()));
        }

        private static String overTcp(URI uri, byte[] request, Duration timeout) throws IOException {
            try (Socket s = new Socket()) {
                int ms = (int) Math.max(1, timeout.toMillis());
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()), ms);
                s.setSoTimeout(ms);
                OutputStream out = s.getOutputStream();
                out.write(request);
                out.flush();
                InputStream in = s.getInputStream();
                return new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
            }
        }

        private static String overUnixSocket(Path socket, byte[] request, Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                 Selector selector = Selector.open()) {
                ch.connect(UnixDomainSocketAddress.of(socket)); // a Unix-socket connect completes at once or fails
                ch.configureBlocking(false);
                ByteBuffer out = ByteBuffer.wrap(request);
                ByteBuffer in = ByteBuffer.allocate(64 * 1024);
                SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE);
                while (true) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new IOException("no answer within " + timeout.toMillis() + " ms");
                    }
                    selector.select(left);
                    if (key.isWritable() && out.hasRemaining()) {
                        ch.write(out);
                        if (!out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        int n = ch.read(in);
                        if (n < 0 || !in.hasRemaining() || complete(in)) {
                            in.flip();
                            return StandardCharsets.ISO_8859_1.decode(in).toString();
                        }
                    }
                    selector.selectedKeys().clear();
                }
            }
        }

        /** A ping answer is tiny; stop once the headers and the announced body are in. */
        private static boolean complete(ByteBuffer in) {
            String s = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
            int headersEnd = s.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                return false;
            }
            for (String line : s.substring(0, headersEnd).split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    try {
                        return s.length() - headersEnd - 4 >= Integer.parseInt(line.substring(15).trim());
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            return false; // chunked or unknown length: read to EOF (Connection: close)
        }
    }

    /**
     * containerd answers when {@code ctr --address <socket> version} reaches the server; without {@code ctr}
     * the probe can only check that the socket accepts a connection.
     */
    record ContainerdVersion(Path socket, Optional<Path> ctr) implements EngineProbe {
        @Override
        public Optional<String> check(Duration timeout) {
            if (ctr.isEmpty()) {
                try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    ch.connect(UnixDomainSocketAddress.of(socket));
                    return Optional.empty();
                } catch (IOException e) {
                    return Optional.of("cannot connect to containerd at " + socket + ": " + describe(e));
                }
            }
            long secs = Math.max(1, timeout.toSeconds());
            List<String> cmd = new ArrayList<>(List.of(ctr.get().toString(), "--address", socket.toString(),
                    "--timeout", secs + "s", "version"));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes(); // ends when ctr exits: --timeout bounds it
                if (!p.waitFor(secs + 5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.of("ctr version did not finish within " + (secs + 5) + " s");
                }
                if (p.exitValue() == 0) {
                    return Optional.empty();
                }
                return Optional.of("containerd at " + socket + " does not answer: "
                        + new String(out, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                return Optional.of("running " + String.join(" ", cmd) + ": " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while probing containerd");
            }
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
