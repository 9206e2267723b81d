package io.rancherdesktop.rdd.instance;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The bearer tokens of the in-process controllers' identities ({@link Identities#CONTROLLER_USERS}): generated at every
 * service start, held only in memory (never written to disk, unlike the owner's kubeconfig token), registered with
 * the API server and handed to the controllers through {@link ServiceContext}. A controller builds its fabric8
 * client with its own token, so admission knows which controller writes (docs/api-server.md, "Identities").
 */
public final class InProcessIdentities {
    private final Map<String, String> tokenByUser;

    private InProcessIdentities(Map<String, String> tokenByUser) {
        this.tokenByUser = Map.copyOf(tokenByUser);
    }

    /** Fresh random tokens (256 bits each) for every controller identity. */
    public static InProcessIdentities generate() {
        SecureRandom random = new SecureRandom();
        Map<String, String> tokens = new HashMap<>();
        for (String user : Identities.CONTROLLER_USERS) {
            byte[] b = new byte[32];
            random.nextBytes(b);
            tokens.put(user, Base64.getUrlEncoder().withoutPadding().encodeToString(b));
        }
        return new InProcessIdentities(tokens);
    }

    /** The token of {@code username}, one of {@link Identities#CONTROLLER_USERS}. */
    public String tokenFor(String username) {
        String token = tokenByUser.get(username);
        if (token == null) {
            throw new IllegalArgumentException("no in-process identity " + username);
        }
        return token;
    }

    /** Token → user name, for the API server's authenticator. */
    public Map<String, String> byToken() {
        Map<String, String> out = new HashMap<>();
        tokenByUser.forEach((user, token) -> out.put(token, user));
        return out;
    }

    @Override
    public String toString() {
        return "InProcessIdentities" + tokenByUser.keySet(); // never the tokens
    }
}
