package io.rancherdesktop.rdd.apiserver;

import io.rancherdesktop.rdd.admission.AdmissionPlugin;
import io.rancherdesktop.rdd.admission.AdmissionRequest;
import io.rancherdesktop.rdd.admission.AdmissionResult;
import io.rancherdesktop.rdd.admission.UserInfo;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps the {@code admissionregistration.k8s.io} webhook configurations read-only (docs/api-server.md, "Admission"):
 * they describe the in-process admission plugins, which no object can add, change or remove, so only the server itself
 * ({@link UserInfo#API_SERVER}, through {@link WebhookConfigurations}) writes them. Every other create, update, patch or
 * delete is 403 Forbidden. Checked in the mutating phase for creates and updates (before schema validation, so a
 * malformed object is refused for who sends it, not for its shape) and in the validating phase for deletes, the only
 * phase a delete has.
 */
final class WebhookConfigurationGuard implements AdmissionPlugin {
    static final String NAME = "webhookconfigurations.apiserver.rancherdesktop.io";
    static final String GROUP = "admissionregistration.k8s.io";
    private static final Set<String> KINDS = Set.of(WebhookConfigurations.VALIDATING, WebhookConfigurations.MUTATING);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(AdmissionRequest request) {
        return request.group().equals(GROUP) && KINDS.contains(request.kind());
    }

    @Override
    public AdmissionResult mutate(AdmissionRequest request) {
        return check(request);
    }

    @Override
    public AdmissionResult validate(AdmissionRequest request) {
        return check(request);
    }

    private static AdmissionResult check(AdmissionRequest request) {
        if (request.userInfo().is(UserInfo.API_SERVER)) {
            return AdmissionResult.allowed();
        }
        throw StatusException.forbidden(GROUP, request.plural(), request.name(), "user \"" + request.userInfo().username() + "\" cannot "
                + request.operation().name().toLowerCase(Locale.ROOT) + " " + request.kind() + " objects: they are read-only descriptions of"
                + " rdd's in-process admission plugins, which the API server writes itself at start (docs/api-server.md, \"Admission\")");
    }
}
