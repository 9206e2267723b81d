package io.rancherdesktop.rdd.apiserver;

import io.rancherdesktop.rdd.admission.UserInfo;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request's credentials into a {@link UserInfo} (docs/api-server.md, "Identities"):
 * <ul>
 *   <li>a bearer token is looked up among the owner's token (the kubeconfig's) and the in-process controllers' tokens
 *       (generated at service start, held only in memory), compared in constant time; an unknown token is 401;</li>
 *   <li>without a token, a Unix-socket caller is the owner — if its peer uid ({@code SO_PEERCRED}) is the service's:
 *       the socket's 0600 mode is the first protection, the uid check the second (a socket made reachable by a looser
 *       mode, or a descriptor passed to another user, still does not let that user in);</li>
 *   <li>a TCP caller without a known token is 401.</li>
 * </ul>
 */
final class Authenticator {
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private record Credential(byte[] token, UserInfo user) {
    }

    private final List<Credential> credentials = new ArrayList<>();

    /**
     * @param ownerToken    the kubeconfig's bearer token
     * @param serviceTokens the in-process identities' tokens → their users
     */
    Authenticator(String ownerToken, Map<String, UserInfo> serviceTokens) {
        credentials.add(new Credential(ownerToken.getBytes(StandardCharsets.UTF_8), UserInfo.owner("token")));
        serviceTokens.forEach((token, user) -> credentials.add(new Credential(token.getBytes(StandardCharsets.UTF_8), Objects.requireNonNull(user))));
    }

    /** The user of an {@code Authorization} header; {@code null} without a bearer token. @throws StatusException 401 for an unknown token */
    UserInfo bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        UserInfo found = null;
        for (Credential c : credentials) { // no early exit: the time taken does not say which token matched
            if (MessageDigest.isEqual(presented, c.token()) && found == null) {
                found = c.user();
            }
        }
        if (found == null) {
            throw StatusException.unauthorized();
        }
        return found;
    }

    /**
     * Checks the peer of a Unix-socket connection: its uid must be {@code owner}'s (the owner of the socket file, i.e.
     * the service's uid). @throws StatusException 401 naming the peer otherwise
     */
    static void checkUnixPeer(SocketChannel channel, UserPrincipal owner) {
        UnixDomainPrincipal peer;
        try {
            peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        } catch (UnsupportedOperationException e) {
            return; // a platform without peer credentials (Windows): the socket's permissions are the protection
        } catch (IOException e) {
            log.warn("cannot read the peer credentials of a Unix-socket connection: {}", e.toString());
            throw new StatusException(401, "Unauthorized", "Unauthorized: the peer credentials of this connection cannot be read", StatusException.Details.NONE);
        }
        if (!peer.user().equals(owner)) {
            log.warn("refused a Unix-socket connection of user {} (the service runs as {})", peer.user().getName(), owner.getName());
            throw new StatusException(401, "Unauthorized", "Unauthorized: user \"" + peer.user().getName()
                    + "\" is not the owner of this rdd instance (\"" + owner.getName() + "\")", StatusException.Details.NONE);
        }
    }
}
