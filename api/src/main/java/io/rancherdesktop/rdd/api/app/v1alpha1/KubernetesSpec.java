package io.rancherdesktop.rdd.api.app.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** {@code App.spec.kubernetes}: accepted and validated; running k3s is out of scope (docs/design/upstream-differences.md §4). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesSpec {

    @Required
    @Default("false")
    @JsonPropertyDescription("Whether Kubernetes (k3s) should run inside the machine.")
    private Boolean enabled;

    @JsonPropertyDescription("Kubernetes version, e.g. 1.32.0, or a channel such as stable or latest. "
            + "A channel is replaced by its concrete version; an empty version with enabled=true becomes the "
            + "stable channel's version.")
    private String version;

    public KubernetesSpec() {
    }

    public KubernetesSpec(Boolean enabled, String version) {
        this.enabled = enabled;
        this.version = version;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }
}
