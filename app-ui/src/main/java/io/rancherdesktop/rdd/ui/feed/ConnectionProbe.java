package io.rancherdesktop.rdd.ui.feed;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One check that the rdd service answers. Completes normally when it does, exceptionally when not. */
@FunctionalInterface
public interface ConnectionProbe {

    CompletableFuture<Void> probe();

    /**
     * {@code GET /livez} through the client's own HTTP client (its TLS and token), bounded by {@code timeout}: a
     * killed service refuses the connection at once, a frozen one runs into the timeout.
     */
    static ConnectionProbe livez(KubernetesClient client, Duration timeout) {
        String base = client.getMasterUrl().toString();
        String url = (base.endsWith("/") ? base : base + "/") + "livez";
        // Without the client's retries: they turn a refused connection (a killed service) into seconds of backoff.
        HttpClient http = client.getHttpClient().newBuilder()
                .tag(new RequestConfigBuilder(client.getConfiguration().getRequestConfig()).withRequestRetryBackoffLimit(0).build())
                .build();
        return () -> {
            HttpRequest request = http.newHttpRequestBuilder().uri(url).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
            return http.sendAsync(request, String.class)
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .thenAccept(response -> {
                        if (response.code() != 200) {
                            throw new IllegalStateException("/livez answered " + response.code());
                        }
                    });
        };
    }
}
