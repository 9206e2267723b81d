package io.rancherdesktop.rdd.apiserver;

import io.rancherdesktop.rdd.BuildInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty server of the API: a Unix-socket connector (owner-only file mode, peers of the service's uid only, no
 * token needed) and an HTTPS connector on 127.0.0.1 only (bearer token). Requests run on virtual threads, so a long watch costs a
 * virtual thread, not a platform thread.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    /** Long enough for watches that see no event for a long time (the server ends them itself). */
    private static final Duration IDLE_TIMEOUT = Duration.ofHours(2);

    private final ApiServerConfig config;
    private final ResourceOperations ops;
    private final ApiMetrics metrics = new ApiMetrics();
    private final WatchGate watchGate = new WatchGate();
    private final StreamingSubresources streamingSubresources = new StreamingSubresources();
    private final ApiHandler handler;
    private Server server;
    private ServerConnector tcp;
    private UnixDomainServerConnector unix;

    public ApiServer(ApiServerConfig config, ResourceOperations ops, ReadinessChecks readiness, BuildInfo build) {
        this.config = config;
        this.ops = ops;
        TableConverter tables = new TableConverter(java.time.Clock.systemUTC());
        WatchStreamer watches = new WatchStreamer(ops, tables, watchGate,
                new WatchStreamer.Settings(config.bookmarkInterval(), config.minWatchTimeout(), Duration.ofSeconds(30)));
        this.handler = new ApiHandler(ops, new Discovery(ops.registry(), build), new OpenApiV3(ops.registry()), tables, watches, readiness,
                metrics, new Authenticator(config.token(), config.serviceTokens()), streamingSubresources);
    }

    /** Binds the listeners and starts serving. */
    public void start() throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("rdd-api");
        pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("rdd-api-request"));
        server = new Server(pool);
        server.setStopTimeout(5_000);
        server.setErrorHandler(new StatusErrorHandler());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        // Route on the raw path as kube-apiserver does: RequestInfoResolver splits it at '/' and then decodes each segment, so an
        // encoded "%2F", "%25", "%00" or ".." is part of a name (and fails validation or lookup with a Status), never a
        // separator or a step up. Jetty's default compliance rejected such URIs itself, before the body was read, and
        // closed the connection: a client still sending its body got a reset instead of an answer (found by ApiFuzzIT).
        http.setUriCompliance(org.eclipse.jetty.http.UriCompliance.UNSAFE);
        if (config.unixSocket() != null) {
            Path socket = config.unixSocket().toAbsolutePath();
            Files.createDirectories(socket.getParent());
            Files.deleteIfExists(socket); // a stale socket of a dead service (the PID file lock proves nobody serves it)
            unix = new UnixDomainServerConnector(server, new HttpConnectionFactory(http));
            unix.setUnixDomainPath(socket);
            unix.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            server.addConnector(unix);
        }
        if (config.tcpPort() >= 0) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(config.keyStore());
            ssl.setKeyStorePassword(new String(config.keyStorePassword()));
            ssl.setSniRequired(false);
            HttpConfiguration https = new HttpConfiguration(http);
            https.addCustomizer(new SecureRequestCustomizer(false)); // clients connect by IP: no SNI host check
            tcp = new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
            tcp.setHost(ApiServerConfig.LOOPBACK);
            tcp.setIdleTimeout(IDLE_TIMEOUT.toMillis());
            tcp.setPort(config.tcpPort());
            try {
                tcp.open(bindIpv4Loopback(config.tcpPort()));
            } catch (IOException busy) {
                if (!config.fallbackToFreePort() || config.tcpPort() == 0) {
                    throw new IOException("cannot listen on " + ApiServerConfig.LOOPBACK + ":" + config.tcpPort() + ": " + busy.getMessage(), busy);
                }
                log.info("apiserver port {} is busy ({}); using a free port instead", config.tcpPort(), busy.getMessage());
                tcp.setPort(0);
                tcp.open(bindIpv4Loopback(0));
            }
            server.addConnector(tcp);
        }
        server.setHandler(handler);
        // The WebSocket components (buffer pools, extensions) of streaming subresources served over WebSocket (exec):
        // a bean of the server, started and stopped with it.
        org.eclipse.jetty.websocket.core.server.WebSocketServerComponents.ensureWebSocketComponents(server);
        server.start();
        if (unix != null) {
            Files.setPosixFilePermissions(config.unixSocket(), OWNER_ONLY);
            handler.unixSocketOwner(Files.getOwner(config.unixSocket())); // this process made it: the service's uid
            log.info("apiserver listening on unix socket {}", config.unixSocket());
        }
        if (tcp != null) {
            handler.protect(tcp, ApiServerConfig.LOOPBACK + ":" + tcp.getLocalPort());
            log.info("apiserver serving on https://{}:{}", ApiServerConfig.LOOPBACK, tcp.getLocalPort());
        }
    }

    /**
     * An IPv4 socket bound to 127.0.0.1:{@code port}. Jetty's own {@code open()} makes a dual-stack IPv6 socket, which
     * binds {@code ::ffff:127.0.0.1}: {@code ss -ltn} and {@code /proc/net/tcp6} show it as IPv6, and IPv4 port probes
     * (tools that read {@code /proc/net/tcp}, as upstream's port checks do) do not see the port in use.
     */
    private static ServerSocketChannel bindIpv4Loopback(int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true); // as Jetty does: a restart may rebind at once
            channel.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port));
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The bound HTTPS port, or -1 without a TCP listener. */
    public int tcpPort() {
        return tcp == null ? -1 : tcp.getLocalPort();
    }

    public Path unixSocket() {
        return config.unixSocket();
    }

    public ApiMetrics metrics() {
        return metrics;
    }

    /** Fault injection for tests: hold new watches while closed. */
    public WatchGate watchGate() {
        return watchGate;
    }

    /**
     * Where a module outside the server registers the subresources the store does not serve (a Container's
     * {@code log}, {@code exec}): see {@link StreamingSubresource}. Registration may happen before or after
     * {@link #start()}.
     */
    public StreamingSubresources streamingSubresources() {
        return streamingSubresources;
    }

    public ResourceOperations operations() {
        return ops;
    }

    /** Ends every open watch now; clients reconnect and resume from their last resourceVersion. */
    public void disconnectWatches() {
        ops.store().terminateWatches(null, "disconnected by the server");
    }

    @Override
    public void close() {
        if (server == null) {
            return;
        }
        try {
            // Watches end first, so that the graceful stop does not wait for them.
            ops.store().terminateWatches(null, "the server is stopping");
            server.stop();
        } catch (Exception e) {
            log.warn("stopping the apiserver: {}", e.toString());
        } finally {
            server = null;
            if (config.unixSocket() != null) {
                try {
                    Files.deleteIfExists(config.unixSocket());
                } catch (IOException e) {
                    log.warn("removing the socket {}: {}", config.unixSocket(), e.toString());
                }
            }
        }
    }
}
