package io.rancherdesktop.rdd.service;

import io.rancherdesktop.rdd.instance.InstancePaths;

import io.rancherdesktop.rdd.service.tls.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The control-plane kubeconfig ({@code <dir>/config.yaml}, mode 0600): cluster, context and user {@code root},
 * the CA as {@code certificate-authority-data}, the bearer token, and the server URL with the port actually bound.
 */
public final class Kubeconfig {
    public static final String NAME = InstancePaths.KUBECONFIG_NAME;

    private Kubeconfig() {
    }

    public static String render(String server, String caPem, String token) {
        String ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                    certificate-authority-data: %3$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                current-context: %1$s
                preferences: {}
                users:
                - name: %1$s
                  user:
                    token: %4$s
                """.formatted(NAME, server, ca, token);
    }

    /** Writes the kubeconfig atomically with owner-only permissions. */
    public static void write(Path file, String server, TlsMaterial tls) {
        try {
            TlsMaterial.writePrivate(file, render(server, tls.caPem(), tls.token()));
        } catch (IOException e) {
            throw new UncheckedIOException("writing the kubeconfig " + file, e);
        }
    }
}
