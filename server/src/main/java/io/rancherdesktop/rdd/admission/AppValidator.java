package io.rancherdesktop.rdd.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Validating admission for the App (docs/api.md §1, §1.4; upstream {@code app-validator.app.rancherdesktop.io}).
 * It enforces in-process what the CRD's CEL rules enforce on a real cluster, plus the Kubernetes version rules:
 * <ul>
 *   <li>the name must be {@value App#NAME} (422, cause {@code metadata.name});</li>
 *   <li>{@code spec.namespace} is immutable on UPDATE (422, cause {@code spec.namespace});</li>
 *   <li>{@code kubernetes.enabled: true} needs a version; a version must be supported (the message contains
 *       {@code not supported}). On UPDATE an unchanged version of a disabled Kubernetes is not re-checked, so an
 *       App stored under an older version list can still be stopped or edited.</li>
 * </ul>
 * DELETE is never intercepted, nor are {@code /status} writes.
 */
public final class AppValidator implements AdmissionPlugin {

    public static final String NAME = "app-validator.app.rancherdesktop.io";

    private final K3sVersions versions;

    public AppValidator(K3sVersions versions) {
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
    public boolean handles(AdmissionRequest request) {
        return request.isKind(App.GROUP, "App")
                && request.subresource().isEmpty()
                && (request.operation() == Operation.CREATE || request.operation() == Operation.UPDATE);
    }

    @Override
    public AdmissionResult validate(AdmissionRequest request) {
        String name = JsonFields.text(request.object(), "metadata", "name").orElse(request.name());
        if (!App.NAME.equals(name)) {
            return AdmissionResult.invalid("metadata.name", App.NAME_MESSAGE);
        }
        if (request.operation() == Operation.UPDATE && request.oldObject() != null
                && !effectiveNamespace(request.oldObject()).equals(effectiveNamespace(request.object()))) {
            return AdmissionResult.invalid("spec.namespace", AppSpec.NAMESPACE_IMMUTABLE_MESSAGE);
        }
        return validateKubernetes(request);
    }

    private AdmissionResult validateKubernetes(AdmissionRequest request) {
        JsonNode k8s = JsonFields.at(request.object(), "spec", "kubernetes");
        boolean enabled = k8s.path("enabled").asBoolean(false);
        String version = JsonFields.text(k8s, "version").orElse("");
        if (version.isBlank()) {
            return enabled
                    ? AdmissionResult.invalid("spec.kubernetes.version",
                            "spec.kubernetes.version must be set when spec.kubernetes.enabled is true")
                    : AdmissionResult.allowed();
        }
        Optional<String> oldVersion = request.oldObject() == null ? Optional.empty()
                : JsonFields.text(request.oldObject(), "spec", "kubernetes", "version");
        if (!enabled && Objects.equals(oldVersion.orElse(null), version)) {
            return AdmissionResult.allowed();
        }
        if (versions.resolve(version).isEmpty()) {
            return AdmissionResult.invalid("spec.kubernetes.version", "kubernetes version \"" + version
                    + "\" is not supported; supported versions: " + String.join(", ", versions.supported())
                    + "; channels: " + String.join(", ", versions.channels().keySet().stream().sorted().toList()));
        }
        return AdmissionResult.allowed();
    }

    /** The resource namespace the App names: {@code spec.namespace}, or the default when unset or empty. */
    private static String effectiveNamespace(JsonNode app) {
        return JsonFields.text(app, "spec", "namespace").filter(s -> !s.isEmpty()).orElse(AppSpec.DEFAULT_NAMESPACE);
    }
}
