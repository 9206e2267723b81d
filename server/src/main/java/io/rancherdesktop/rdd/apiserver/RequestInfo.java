package io.rancherdesktop.rdd.apiserver;

/**
 * What a resource request addresses, as kube-apiserver's {@code RequestInfo}: resolved from the path (and, for the
 * verb, the method and the {@code watch} parameter) by {@link RequestInfoResolver}.
 *
 * @param verb        kube's verb: {@code get}, {@code list}, {@code watch}, {@code create}, {@code update},
 *                    {@code patch}, {@code delete}, {@code deletecollection} (another method: its lower-case name)
 * @param group       the API group ({@code ""}: the core group)
 * @param version     the API version
 * @param namespace   the namespace of the path ({@code null}: none)
 * @param resource    the resource's plural name
 * @param name        the object's name ({@code null}: the collection)
 * @param subresource the subresource ({@code ""}: none)
 */
public record RequestInfo(String verb, String group, String version, String namespace, String resource, String name, String subresource) {
}
