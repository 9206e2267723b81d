package io.rancherdesktop.rdd.api.vm.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.rancherdesktop.rdd.api.ContainerEngine;

/** {@code VirtualMachine.spec.containerEngine}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EngineSpec {

    @Default("moby")
    @JsonPropertyDescription("Container engine to run: moby (Docker) or containerd.")
    private ContainerEngine name;

    public EngineSpec() {
    }

    public EngineSpec(ContainerEngine name) {
        this.name = name;
    }

    public ContainerEngine getName() {
        return name;
    }

    public void setName(ContainerEngine name) {
        this.name = name;
    }
}
