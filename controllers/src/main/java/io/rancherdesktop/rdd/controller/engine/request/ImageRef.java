package io.rancherdesktop.rdd.controller.engine.request;

import java.util.Objects;

/**
 * An image reference split as the Engine API's pull and push want it: {@code repository} and {@code tag} (or a
 * digest), and the registry host it names ({@code docker.io} when it names none), for credentials.
 */
public record ImageRef(String repository, String tag, String digest, String registry) {
    /** Docker Hub's key in a Docker config's {@code auths}. */
    public static final String DOCKER_HUB_AUTH_KEY = "https://index.docker.io/v1/";

    public ImageRef {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(registry, "registry");
    }

    /**
     * Parses {@code [host[:port]/]path[:tag][@digest]}; a reference with neither tag nor digest gets {@code latest}.
     *
     * @throws RequestFailure (InvalidSpec) for an empty or malformed reference
     */
    public static ImageRef parse(String reference) {
        if (reference == null || reference.isBlank() || !reference.equals(reference.strip())) {
            throw new RequestFailure(io.rancherdesktop.rdd.api.ConditionReasons.Request.INVALID_SPEC,
                    "invalid image reference \"" + reference + "\"");
        }
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty() || (tag != null && tag.isEmpty()) || (digest != null && digest.isEmpty())) {
            throw new RequestFailure(io.rancherdesktop.rdd.api.ConditionReasons.Request.INVALID_SPEC,
                    "invalid image reference \"" + reference + "\"");
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        String registry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"))
                ? first : "docker.io";
        return new ImageRef(rest, tag, digest, registry);
    }

    /** The repository with its tag and digest, as given. */
    public String reference() {
        return repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** {@code repository:tag} as Docker lists it among an image's {@code RepoTags} (Hub's library/ prefix dropped). */
    public String dockerRepoTag() {
        String repo = repository;
        if (repo.startsWith("docker.io/")) {
            repo = repo.substring("docker.io/".length());
        }
        if (repo.startsWith("library/") && repo.indexOf('/', "library/".length()) < 0) {
            repo = repo.substring("library/".length());
        }
        return tag == null ? null : repo + ":" + tag;
    }

    /** The registry's key in a Docker config ({@code auths}, {@code credHelpers}). */
    public String authKey() {
        return registry.equals("docker.io") ? DOCKER_HUB_AUTH_KEY : registry;
    }
}
