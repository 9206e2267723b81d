package io.rancherdesktop.rdd.apiserver;

import io.rancherdesktop.rdd.admission.UserInfo;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how the API server listens.
 *
 * @param unixSocket         the Unix socket path ({@code null}: none); no authentication, mode 0600
 * @param tcpPort            the HTTPS port on 127.0.0.1 ({@code 0}: OS-assigned, {@code -1}: no TCP listener)
 * @param fallbackToFreePort when {@code tcpPort} is busy, listen on an OS-assigned port instead of failing
 * @param keyStore           the serving certificate and key (alias {@code serving}) for HTTPS
 * @param keyStorePassword   the password of {@code keyStore}
 * @param token              the owner's bearer token (the kubeconfig's)
 * @param serviceTokens      the in-process identities' bearer tokens → their users (never written to disk)
 * @param bookmarkInterval   how often watches that allow bookmarks get one
 * @param minWatchTimeout    the shortest server-chosen watch duration
 */
public record ApiServerConfig(Path unixSocket, int tcpPort, boolean fallbackToFreePort, KeyStore keyStore, char[] keyStorePassword, String token,
                              Map<String, UserInfo> serviceTokens, Duration bookmarkInterval, Duration minWatchTimeout) {
    public static final String LOOPBACK = "127.0.0.1";

    public ApiServerConfig {
        serviceTokens = Map.copyOf(serviceTokens);
    }
}
