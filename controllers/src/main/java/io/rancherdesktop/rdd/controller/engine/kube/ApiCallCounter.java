package io.rancherdesktop.rdd.controller.engine.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the API requests of the engine controller's client, and among them the <em>list</em> calls (a GET of a
 * collection that is not a watch). The review's I7 is "an event costs O(N) list sweeps"; this counter is how the
 * product shows it costs none: in steady state the list count does not move while Docker events are handled.
 */
public final class ApiCallCounter implements Interceptor {
    public static final String NAME = "rdd-engine-api-call-counter";
    /** The User-Agent of the engine controller's client; the API server records creates under its first word. */
    public static final String USER_AGENT = "rdd-engine-controller";

    private final LongAdder requests = new LongAdder();
    private final LongAdder lists = new LongAdder();

    /**
     * A client for {@code config} whose requests this counter sees.
     *
     * @param more further interceptors, run after the counter (tests inject faults this way)
     */
    public KubernetesClient newClient(Config config, Interceptor... more) {
        Config copy = new io.fabric8.kubernetes.client.ConfigBuilder(config).withUserAgent(USER_AGENT).build();
        return new KubernetesClientBuilder().withConfig(copy).withHttpClientBuilderConsumer(b -> {
            b.addOrReplaceInterceptor(NAME, this);
            for (int i = 0; i < more.length; i++) {
                b.addOrReplaceInterceptor(NAME + "-extra-" + i, more[i]);
            }
        }).build();
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        requests.increment();
        if (isList(request.method(), request.uri().getRawPath(), request.uri().getRawQuery())) {
            lists.increment();
        }
    }

    public long requests() {
        return requests.sum();
    }

    public long lists() {
        return lists.sum();
    }

    /**
     * {@code GET /api/v1[/namespaces/{ns}]/{plural}} or {@code GET /apis/{g}/{v}[/namespaces/{ns}]/{plural}}
     * without {@code watch=true}.
     */
    static boolean isList(String method, String path, String query) {
        if (!"GET".equals(method) || path == null) {
            return false;
        }
        if (query != null && (query.contains("watch=true") || query.contains("watch=1"))) {
            return false;
        }
        String[] s = path.replaceAll("^/+|/+$", "").split("/");
        if (s.length >= 2 && s[0].equals("api")) {
            return s.length == 3 || (s.length == 5 && s[2].equals("namespaces"));
        }
        if (s.length >= 3 && s[0].equals("apis")) {
            return s.length == 4 || (s.length == 6 && s[3].equals("namespaces"));
        }
        return false;
    }
}
