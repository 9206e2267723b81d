package io.rancherdesktop.rdd.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One write as the API server hands it to admission (the in-process equivalent of an AdmissionReview).
 *
 * @param operation   CREATE, UPDATE (also patch) or DELETE
 * @param group       API group, {@code ""} for core
 * @param version     API version, e.g. {@code v1alpha1}
 * @param kind        e.g. {@code Container}
 * @param plural      e.g. {@code containers}
 * @param namespace   the namespace, {@code null} for cluster-scoped kinds
 * @param name        the object name
 * @param subresource {@code ""} for the main resource, else e.g. {@code status}
 * @param object      the new object (mutating plugins may change it); {@code null} for DELETE
 * @param oldObject   the stored object; {@code null} for CREATE
 * @param dryRun      true for {@code ?dryRun=All}: plugins must have no side effects
 * @param userInfo    who asks (docs/api-server.md, "Identities")
 * @param options     the operation's options as kube sends them: for DELETE the {@code DeleteOptions}
 *                    ({@code gracePeriodSeconds}, {@code propagationPolicy}); an empty object otherwise
 * @param lookup      read access to the stored objects, for rules that depend on other objects (e.g. who uses an
 *                    image); {@link ObjectLookup#NONE} when the caller has no store
 */
public record AdmissionRequest(
        Operation operation,
        String group,
        String version,
        String kind,
        String plural,
        String namespace,
        String name,
        String subresource,
        ObjectNode object,
        ObjectNode oldObject,
        boolean dryRun,
        UserInfo userInfo,
        ObjectNode options,
        ObjectLookup lookup) {

    public AdmissionRequest {
        java.util.Objects.requireNonNull(userInfo, "userInfo");
        options = options == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : options;
        lookup = lookup == null ? ObjectLookup.NONE : lookup;
    }

    /** A request without options and without store access (tests, writes that need neither). */
    public AdmissionRequest(Operation operation, String group, String version, String kind, String plural, String namespace,
                            String name, String subresource, ObjectNode object, ObjectNode oldObject, boolean dryRun,
                            UserInfo userInfo) {
        this(operation, group, version, kind, plural, namespace, name, subresource, object, oldObject, dryRun, userInfo,
                null, ObjectLookup.NONE);
    }

    public boolean isKind(String g, String k) {
        return group.equals(g) && kind.equals(k);
    }
}
