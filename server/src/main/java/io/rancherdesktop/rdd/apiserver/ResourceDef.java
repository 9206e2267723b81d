package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A served resource: a builtin kind or a CRD.
 *
 * @param group            API group, {@code ""} for core
 * @param kind             e.g. {@code ConfigMap}
 * @param plural           e.g. {@code configmaps}
 * @param singular         e.g. {@code configmap}
 * @param shortNames       e.g. {@code cm}
 * @param categories       e.g. {@code all}
 * @param namespaced       namespaced or cluster-scoped
 * @param statusSubresource whether {@code /status} exists (then main-resource writes ignore {@code status})
 * @param versions         served versions, storage version included
 * @param origin           how the server treats the kind
 * @param definition       the CRD object itself (served under apiextensions.k8s.io), {@code null} for builtins
 */
public record ResourceDef(String group, String kind, String plural, String singular, List<String> shortNames, List<String> categories,
                          boolean namespaced, boolean statusSubresource, List<ResourceVersionDef> versions, Origin origin, ObjectNode definition) {

    /** Builtin kinds follow their kube strategies; custom resources the CRD rules; read-only kinds reject writes. */
    public enum Origin { BUILTIN, CUSTOM, READ_ONLY }

    public ResourceDef {
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        versions = List.copyOf(versions);
        if (versions.stream().filter(ResourceVersionDef::storage).count() != 1) {
            throw new IllegalArgumentException(plural + "." + group + ": exactly one version must be the storage version");
        }
    }

    /** The store's name for this resource: {@code plural} or {@code plural.group}. */
    public String storageKey() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public String listKind() {
        return kind + "List";
    }

    public ResourceVersionDef storageVersion() {
        return versions.stream().filter(ResourceVersionDef::storage).findFirst().orElseThrow();
    }

    public Optional<ResourceVersionDef> version(String name) {
        return versions.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    public String apiVersion(String version) {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public boolean isCustom() {
        return origin == Origin.CUSTOM;
    }
}
