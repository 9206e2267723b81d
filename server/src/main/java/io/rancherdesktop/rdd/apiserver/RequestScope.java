package io.rancherdesktop.rdd.apiserver;

/**
 * What a request addresses: a resource in one version, a namespace ({@code null} for cluster-scoped kinds and
 * for lists across all namespaces), an object name ({@code null} for the collection) and a subresource
 * ({@code ""} or {@code status}).
 */
public record RequestScope(ResourceRegistry.Served served, String namespace, String name, String subresource) {
    public ResourceDef resource() {
        return served.resource();
    }

    public ResourceVersionDef version() {
        return served.version();
    }

    public boolean isStatus() {
        return "status".equals(subresource);
    }

    public RequestScope withName(String n) {
        return new RequestScope(served, namespace, n, subresource);
    }
}
