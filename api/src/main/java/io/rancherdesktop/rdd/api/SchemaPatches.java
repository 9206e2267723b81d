package io.rancherdesktop.rdd.api;

/**
 * JSON merge patches applied to generated object schemas through fabric8's {@code @SchemaCustomizer}, for the
 * parts of a structural schema the 7.5.2 generator has no annotation for: list-map semantics
 * ({@code x-kubernetes-list-type: map}) and the constraints of the standard condition shape. Only read at build
 * time by the CRD generator.
 */
public final class SchemaPatches {

    /**
     * {@code conditions} is a map keyed by {@code type} (so server-side apply merges per condition), with the
     * standard constraints of metav1.Condition. Only {@code type} and {@code status} are required: the
     * {@link Conditions} helper always writes all six fields, but a reader never depends on that.
     */
    public static final String CONDITIONS = "{\"properties\":{\"conditions\":{"
            + "\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"type\"],"
            + "\"items\":{\"required\":[\"type\",\"status\"],\"properties\":{"
            + "\"type\":{\"description\":\"Type of condition in CamelCase.\",\"maxLength\":316},"
            + "\"status\":{\"description\":\"Status of the condition, one of True, False, Unknown.\","
            + "\"enum\":[\"True\",\"False\",\"Unknown\"]},"
            + "\"reason\":{\"description\":\"A CamelCase identifier of the reason for the last transition.\","
            + "\"maxLength\":1024},"
            + "\"message\":{\"description\":\"A human-readable message about the transition.\",\"maxLength\":32768},"
            + "\"lastTransitionTime\":{\"description\":\"When the status last changed.\",\"format\":\"date-time\"},"
            + "\"observedGeneration\":{\"description\":\"The metadata.generation the condition was written for.\",\"format\":\"int64\"}"
            + "}}}}}";

    /** Container {@code status.ports} is a map keyed by {@code name} (e.g. {@code 80/tcp}). */
    public static final String PORTS = "{\"properties\":{\"ports\":{"
            + "\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"name\"],"
            + "\"items\":{\"required\":[\"name\"]}}}}";

    /**
     * Container {@code status.networks} and {@code status.portBindings} are maps keyed by {@code name} (network name,
     * port/proto), like {@code ports}.
     */
    public static final String CONTAINER_INSPECT_LISTS = "{\"properties\":{"
            + "\"networks\":{\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"name\"],"
            + "\"items\":{\"required\":[\"name\"]}},"
            + "\"portBindings\":{\"x-kubernetes-list-type\":\"map\",\"x-kubernetes-list-map-keys\":[\"name\"],"
            + "\"items\":{\"required\":[\"name\"]}}}}";

    /** The object must have a {@code spec} (request kinds). */
    public static final String SPEC_REQUIRED = "{\"required\":[\"spec\"]}";

    /** Kinds without a spec (Image, Volume): drop the empty {@code spec} object the generator emits for {@code Void}. */
    public static final String NO_SPEC = "{\"properties\":{\"spec\":null}}";

    /** Metadata-only kinds (ContainerNamespace): no {@code spec}, no {@code status}. */
    public static final String METADATA_ONLY = "{\"properties\":{\"spec\":null,\"status\":null}}";

    private SchemaPatches() {
    }
}
