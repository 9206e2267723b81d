package io.rancherdesktop.rdd.api.app.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import io.rancherdesktop.rdd.api.ConditionedStatus;
import io.rancherdesktop.rdd.api.SchemaMergePatch;
import io.rancherdesktop.rdd.api.SchemaPatches;

import java.util.List;

/** {@code App.status}. Several controllers write it; each uses read-modify-write and skips no-op writes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.CONDITIONS)
public class AppStatus implements ConditionedStatus {

    @JsonPropertyDescription("Conditions: Created, Running, ContainerEngineReady, KubernetesReady and Settled. "
            + "Every condition carries the App generation it was written for in observedGeneration.")
    private List<Condition> conditions;

    @JsonPropertyDescription("Host port of the Kubernetes (k3s) API while Kubernetes is enabled.")
    private Integer kubernetesPort;

    public AppStatus() {
    }

    @Override
    public List<Condition> getConditions() {
        return conditions;
    }

    @Override
    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Integer getKubernetesPort() {
        return kubernetesPort;
    }

    public void setKubernetesPort(Integer kubernetesPort) {
        this.kubernetesPort = kubernetesPort;
    }
}
