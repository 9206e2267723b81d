package io.rancherdesktop.rdd.apiserver;

import io.rancherdesktop.rdd.admission.UserInfo;
import java.nio.file.attribute.UserPrincipal;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;

/**
 * The first step of every request (kube's authentication filter): who sends it, by the listener it came through and
 * its bearer token ({@link Authenticator}). The user is attached to the request for everything after it
 * ({@link #user}).
 */
final class RequestAuthenticator {
    private static final String USER_ATTRIBUTE = "io.rancherdesktop.rdd.user";
    private static final String PEER_CHECKED_ATTRIBUTE = "io.rancherdesktop.rdd.unixPeerChecked";
    private static final UserInfo UNIX_SOCKET_OWNER = UserInfo.owner("unix-socket");

    private final Authenticator authenticator;
    private volatile Connector tokenProtectedConnector;
    /** The service's user, whom Unix-socket peers must be ({@code null}: no Unix socket). */
    private volatile UserPrincipal unixSocketOwner;

    RequestAuthenticator(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** Unix-socket peers must be {@code owner} (the owner of the socket file: the service's uid). */
    void unixSocketOwner(UserPrincipal owner) {
        this.unixSocketOwner = owner;
    }

    /** Requests through this connector need the bearer token. */
    void protect(Connector tcp) {
        this.tokenProtectedConnector = tcp;
    }

    /** Authenticates {@code request} ({@link #authenticate}) and attaches the user to it. */
    UserInfo attach(Request request) {
        UserInfo user = authenticate(request);
        request.setAttribute(USER_ATTRIBUTE, user);
        return user;
    }

    /**
     * Who sends {@code request} (docs/api-server.md, "Identities"): a known bearer token's user on either listener;
     * without one, the owner on the Unix socket (once its peer uid was checked, once per connection) and 401 on TCP.
     */
    UserInfo authenticate(Request request) {
        ConnectionMetaData connection = request.getConnectionMetaData();
        boolean unix = connection.getConnector() != tokenProtectedConnector;
        if (unix && connection.getAttribute(PEER_CHECKED_ATTRIBUTE) == null) {
            UserPrincipal owner = unixSocketOwner;
            if (owner == null) { // the socket accepts before its owner is read (ApiServer.start): no unchecked peer gets in
                throw new StatusException(503, "ServiceUnavailable", "the API server is starting", StatusException.Details.NONE);
            }
            if (connection.getConnection().getEndPoint() instanceof SocketChannelEndPoint ep) {
                Authenticator.checkUnixPeer(ep.getChannel(), owner);
            }
            connection.setAttribute(PEER_CHECKED_ATTRIBUTE, Boolean.TRUE);
        }
        UserInfo user = authenticator.bearer(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (user != null) {
            return user;
        }
        if (unix) {
            return UNIX_SOCKET_OWNER;
        }
        throw StatusException.unauthorized();
    }

    /** The authenticated user of a request being handled. */
    static UserInfo user(Request request) {
        return (UserInfo) request.getAttribute(USER_ATTRIBUTE);
    }
}
