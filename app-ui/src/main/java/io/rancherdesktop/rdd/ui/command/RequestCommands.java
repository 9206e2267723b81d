package io.rancherdesktop.rdd.ui.command;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeCreateRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePullRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePullRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePushRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePushRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageRequestStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestProgress;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeCreateRequestSpec;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The GUI's request kinds and prune (docs/api.md "Request kinds", docs/cli.md "Prune") over the fabric8 client:
 * create a request, wait (watching) until {@code Complete} or {@code Failed}; list and delete-collection mirrors with
 * the field selectors {@code rdd ctl prune} uses. Calls run on {@code workers} and fail with an {@link ApiFailure}
 * carrying the server's or Docker's message.
 */
public final class RequestCommands {
    private static final long WAIT_MINUTES = 10;
    private final KubernetesClient client;
    private final ExecutorService workers;

    /** What "Prune…" can remove, with the field selector of {@code rdd ctl prune}. */
    public enum PruneTarget {
        STOPPED_CONTAINERS(Container.class, "containers", "stopped containers",
                "status.status!=running,status.status!=paused,status.status!=pausing,status.status!=restarting,"
                        + "status.status!=removing,status.status!=unknown"),
        DANGLING_IMAGES(Image.class, "images", "dangling images", "status.dangling=true,status.inUse=false"),
        UNUSED_IMAGES(Image.class, "images", "unused images", "status.inUse=false"),
        UNUSED_VOLUMES(Volume.class, "volumes", "unused volumes (with their data)", "status.inUse=false");

        private final Class<? extends HasMetadata> type;
        private final String plural;
        private final String label;
        private final String fieldSelector;

        PruneTarget(Class<? extends HasMetadata> type, String plural, String label, String fieldSelector) {
            this.type = type;
            this.plural = plural;
            this.label = label;
            this.fieldSelector = fieldSelector;
        }

        public String label() {
            return label;
        }

        public String fieldSelector() {
            return fieldSelector;
        }
    }

    /** An object prune would remove: namespace, mirror name, what to show. */
    public record Prunable(String namespace, String name, String shown) {
    }

    public RequestCommands(KubernetesClient client, ExecutorService workers) {
        this.client = client;
        this.workers = workers;
    }

    /** Creates a VolumeCreateRequest and waits for its outcome; completes with the engine's volume name. */
    public CompletableFuture<String> createVolume(String name) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                VolumeCreateRequest request = new VolumeCreateRequest();
                request.setMetadata(new ObjectMetaBuilder().withGenerateName("volume-").withNamespace(requestNamespace()).build());
                VolumeCreateRequestSpec spec = new VolumeCreateRequestSpec();
                if (name != null && !name.isBlank()) {
                    spec.setName(name.trim());
                }
                request.setSpec(spec);
                VolumeCreateRequest created = client.resource(request).create();
                VolumeCreateRequest done = client.resource(created).waitUntilCondition(
                        r -> r != null && r.getStatus() != null && outcome(r.getStatus().getConditions()) != null,
                        WAIT_MINUTES, TimeUnit.MINUTES);
                String failure = failure(done.getStatus().getConditions());
                if (failure != null) {
                    throw new ApiFailure("create volume " + name, 0, "Failed", failure, null);
                }
                return done.getStatus().getVolumeName();
            } catch (RuntimeException e) {
                throw ApiFailure.of("create volume " + name, e);
            }
        }, workers);
    }

    /**
     * Creates a ContainerCreateRequest ({@code docker run -d} essentials) and waits for its outcome; completes with
     * the container's Docker name.
     */
    public CompletableFuture<String> runContainer(ContainerCreateRequestSpec spec) {
        String what = "run " + spec.getImage();
        return CompletableFuture.supplyAsync(() -> {
            try {
                ContainerCreateRequest request = new ContainerCreateRequest();
                request.setMetadata(new ObjectMetaBuilder().withGenerateName("run-").withNamespace(requestNamespace()).build());
                request.setSpec(spec);
                ContainerCreateRequest created = client.resource(request).create();
                ContainerCreateRequest done = client.resource(created).waitUntilCondition(
                        r -> r != null && r.getStatus() != null && outcome(r.getStatus().getConditions()) != null,
                        WAIT_MINUTES, TimeUnit.MINUTES);
                String failure = failure(done.getStatus().getConditions());
                if (failure != null) {
                    throw new ApiFailure(what, 0, "Failed", failure, null);
                }
                return done.getStatus().getName();
            } catch (RuntimeException e) {
                throw ApiFailure.of(what, e);
            }
        }, workers);
    }

    /** Pull or push. */
    public enum Transfer { PULL, PUSH }

    /**
     * Creates an ImagePullRequest or ImagePushRequest for {@code repoTag} and waits for its outcome, handing each
     * {@code status.progress} the watch delivers to {@code progress} (on a client thread); completes with the
     * request's {@code status.imageRef}.
     */
    public CompletableFuture<String> transfer(Transfer kind, String repoTag, java.util.function.Consumer<RequestProgress> progress) {
        String what = (kind == Transfer.PULL ? "pull " : "push ") + repoTag;
        return CompletableFuture.supplyAsync(() -> {
            try {
                var meta = new ObjectMetaBuilder().withGenerateName(kind == Transfer.PULL ? "pull-" : "push-")
                        .withNamespace(requestNamespace()).build();
                HasMetadata request;
                if (kind == Transfer.PULL) {
                    ImagePullRequest r = new ImagePullRequest();
                    r.setMetadata(meta);
                    ImagePullRequestSpec spec = new ImagePullRequestSpec();
                    spec.setRepoTag(repoTag.trim());
                    r.setSpec(spec);
                    request = r;
                } else {
                    ImagePushRequest r = new ImagePushRequest();
                    r.setMetadata(meta);
                    ImagePushRequestSpec spec = new ImagePushRequestSpec();
                    spec.setRepoTag(repoTag.trim());
                    r.setSpec(spec);
                    request = r;
                }
                HasMetadata created = client.resource(request).create();
                // The predicate sees every watched version of the request: its progress is reported from there.
                HasMetadata done = client.resource(created).waitUntilCondition(r -> {
                    RequestStatus st = statusOf(r);
                    if (st != null && st.getProgress() != null) {
                        progress.accept(st.getProgress());
                    }
                    return st != null && outcome(st.getConditions()) != null;
                }, WAIT_MINUTES, TimeUnit.MINUTES);
                RequestStatus st = statusOf(done);
                String failure = failure(st.getConditions());
                if (failure != null) {
                    throw new ApiFailure(what, 0, "Failed", failure, null);
                }
                return st instanceof ImageRequestStatus is ? is.getImageRef() : "";
            } catch (RuntimeException e) {
                throw ApiFailure.of(what, e);
            }
        }, workers);
    }

    private static RequestStatus statusOf(HasMetadata r) {
        return switch (r) {
            case ImagePullRequest p -> p.getStatus();
            case ImagePushRequest p -> p.getStatus();
            case null, default -> null;
        };
    }

    /** The namespace requests go to: the App's {@code spec.namespace}, else {@code default} (as {@code rdd ctl}). */
    private String requestNamespace() {
        App app = client.resources(App.class).withName("app").get();
        String ns = app == null || app.getSpec() == null ? null : app.getSpec().getNamespace();
        return ns == null || ns.isEmpty() ? "default" : ns;
    }

    /** "Complete" or "Failed" once the request has an outcome, else null. */
    static String outcome(List<Condition> conditions) {
        if (conditions == null) {
            return null;
        }
        if (Conditions.isTrue(conditions, "Failed")) {
            return "Failed";
        }
        return Conditions.isTrue(conditions, "Complete") ? "Complete" : null;
    }

    /** The Failed condition's reason and Docker's message, or null. */
    static String failure(List<Condition> conditions) {
        if (!"Failed".equals(outcome(conditions))) {
            return null;
        }
        Condition c = Conditions.find(conditions, "Failed").orElseThrow();
        return c.getReason() + (c.getMessage() == null || c.getMessage().isEmpty() ? "" : ": " + c.getMessage());
    }

    /** What prune would remove now: a list with the field selector, in every namespace. */
    public CompletableFuture<List<Prunable>> prunable(PruneTarget target) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.resources(target.type).inAnyNamespace()
                        .list(new ListOptionsBuilder().withFieldSelector(target.fieldSelector).build())
                        .getItems().stream()
                        .filter(o -> o.getMetadata().getDeletionTimestamp() == null)
                        .map(o -> new Prunable(o.getMetadata().getNamespace(), o.getMetadata().getName(), shown(o)))
                        .toList();
            } catch (RuntimeException e) {
                throw ApiFailure.of("list " + target.label, e);
            }
        }, workers);
    }

    private static String shown(HasMetadata o) {
        return switch (o) {
            case Container c when c.getStatus() != null && c.getStatus().getName() != null -> c.getStatus().getName();
            case Image i when i.getStatus() != null && i.getStatus().getRepoTag() != null -> i.getStatus().getRepoTag();
            case Volume v when v.getStatus() != null && v.getStatus().getName() != null -> v.getStatus().getName();
            default -> o.getMetadata().getName();
        };
    }

    /**
     * Prunes: one {@code deletecollection} with the target's field selector per namespace that had matches (a
     * namespaced kind has no cross-namespace deletecollection); each object then goes its normal delete path.
     */
    public CompletableFuture<Void> prune(PruneTarget target, List<Prunable> listed) {
        return CompletableFuture.runAsync(() -> {
            Map<String, List<Prunable>> byNamespace = listed.stream()
                    .collect(Collectors.groupingBy(Prunable::namespace, TreeMap::new, Collectors.toList()));
            String base = client.getMasterUrl().toString();
            base = base.endsWith("/") ? base : base + "/";
            for (String ns : byNamespace.keySet()) {
                URI uri = URI.create(base + "apis/containers.rancherdesktop.io/v1alpha1/namespaces/"
                        + URLEncoder.encode(ns, StandardCharsets.UTF_8) + "/" + target.plural + "?fieldSelector="
                        + URLEncoder.encode(target.fieldSelector, StandardCharsets.UTF_8));
                HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(uri).delete("application/json", "{}").build();
                try {
                    HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class).get(2, TimeUnit.MINUTES);
                    if (!response.isSuccessful()) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> status = client.getKubernetesSerialization().unmarshal(response.body(), Map.class);
                        throw new ApiFailure("prune " + target.label, response.code(), String.valueOf(status.get("reason")),
                                String.valueOf(status.get("message")), null);
                    }
                } catch (ApiFailure e) {
                    throw e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw ApiFailure.of("prune " + target.label, e);
                } catch (Exception e) {
                    throw ApiFailure.of("prune " + target.label, e);
                }
            }
        }, workers);
    }
}
