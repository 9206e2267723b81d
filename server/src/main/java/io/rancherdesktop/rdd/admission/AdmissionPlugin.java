package io.rancherdesktop.rdd.admission;

import java.util.List;

/**
 * An in-process admission plugin (the upstream "webhooks"). The API server calls, for every write that
 * {@link #handles} accepts: all {@link #mutate} calls (in registration order), then schema validation and
 * defaulting, then all {@link #validate} calls. The first {@link AdmissionResult.Denied} rejects the write
 * and nothing is stored. Plugins see and return plain JSON ({@code ObjectNode}); they may bind it to the
 * {@code api} model classes with Jackson.
 */
public interface AdmissionPlugin {

    /** A stable name, e.g. {@code app-validator.app.rancherdesktop.io}. */
    String name();

    /** Whether this plugin wants to see the request (group, kind, operation, subresource). */
    boolean handles(AdmissionRequest request);

    /**
     * What this plugin intercepts, published as its webhook's {@code rules} (docs/api-server.md, "Admission").
     * {@link #handles} remains the exact filter; keep the two in step.
     */
    default List<AdmissionRule> rules() {
        return List.of();
    }

    /** Whether this plugin changes objects: published as a MutatingWebhookConfiguration, else a Validating one. */
    default boolean mutating() {
        return false;
    }

    /** Mutating phase: may change {@code request.object()} in place (defaulting). */
    default AdmissionResult mutate(AdmissionRequest request) {
        return AdmissionResult.allowed();
    }

    /** Validating phase: must not change anything. */
    default AdmissionResult validate(AdmissionRequest request) {
        return AdmissionResult.allowed();
    }
}
