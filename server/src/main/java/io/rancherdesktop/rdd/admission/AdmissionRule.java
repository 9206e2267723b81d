package io.rancherdesktop.rdd.admission;

import java.util.List;

/**
 * One rule of what an admission plugin intercepts, as a webhook's {@code rules[]} entry in
 * {@code admissionregistration.k8s.io/v1}: the server publishes each plugin's rules in a read-only
 * {@code ValidatingWebhookConfiguration} or {@code MutatingWebhookConfiguration} (docs/api-server.md, "Admission"), so
 * that {@code kubectl get validatingwebhookconfigurations} shows what admission does. {@link AdmissionPlugin#handles}
 * stays the plugin's exact filter (it may also look at the subresource or the user); the rules describe it.
 *
 * @param operations  e.g. CREATE, UPDATE
 * @param apiGroups   e.g. {@code containers.rancherdesktop.io}
 * @param apiVersions e.g. {@code *}
 * @param resources   plural resource names, e.g. {@code containers}
 */
public record AdmissionRule(List<Operation> operations, List<String> apiGroups, List<String> apiVersions, List<String> resources) {

    public AdmissionRule {
        operations = List.copyOf(operations);
        apiGroups = List.copyOf(apiGroups);
        apiVersions = List.copyOf(apiVersions);
        resources = List.copyOf(resources);
    }

    /** {@code operations} on the main resource {@code resource} of {@code group}, in every version. */
    public static AdmissionRule of(String group, String resource, Operation... operations) {
        return new AdmissionRule(List.of(operations), List.of(group), List.of("*"), List.of(resource));
    }
}
