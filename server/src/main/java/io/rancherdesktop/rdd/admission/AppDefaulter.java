package io.rancherdesktop.rdd.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;

import java.util.List;
import java.util.Optional;

/**
 * Mutating admission for the App (docs/api.md §1.4, upstream {@code app-defaulter.app.rancherdesktop.io}):
 * a {@code spec.kubernetes.version} that names a channel ({@code stable}, {@code latest}, {@code v1.32}; a
 * leading {@code v} is ignored) or a supported version in another spelling ({@code v1.32.0+k3s1}) becomes the
 * canonical concrete version; {@code enabled: true} with an empty version becomes the {@code stable} version.
 * Unknown versions are left alone for {@link AppValidator} to reject.
 */
public final class AppDefaulter implements AdmissionPlugin {

    public static final String NAME = "app-defaulter.app.rancherdesktop.io";

    private final K3sVersions versions;

    public AppDefaulter(K3sVersions versions) {
        this.versions = versions;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AdmissionRule> rules() {
        return List.of(AdmissionRule.of(App.GROUP, "apps", Operation.CREATE, Operation.UPDATE));
    }

    @Override
    public boolean mutating() {
        return true;
    }

    @Override
    public boolean handles(AdmissionRequest request) {
        return request.isKind(App.GROUP, "App")
                && request.subresource().isEmpty()
                && (request.operation() == Operation.CREATE || request.operation() == Operation.UPDATE);
    }

    @Override
    public AdmissionResult mutate(AdmissionRequest request) {
        Optional<ObjectNode> kubernetes = JsonFields.object(request.object(), "spec", "kubernetes");
        if (kubernetes.isEmpty()) {
            return AdmissionResult.allowed();
        }
        ObjectNode k8s = kubernetes.get();
        String version = JsonFields.text(k8s, "version").orElse("");
        boolean enabled = k8s.path("enabled").asBoolean(false);
        if (version.isBlank()) {
            if (enabled) {
                k8s.put("version", versions.stable());
            }
            return AdmissionResult.allowed();
        }
        versions.resolve(version).ifPresent(concrete -> k8s.put("version", concrete));
        return AdmissionResult.allowed();
    }
}
