package io.rancherdesktop.rdd.api.app.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.rancherdesktop.rdd.api.ContainerEngine;

/** {@code App.spec.containerEngine}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerEngineSpec {

    @Default("moby")
    @JsonPropertyDescription("Container engine to run: moby (Docker) or containerd. "
            + "Changing it restarts the machine; only moby's containers, images and volumes are mirrored.")
    private ContainerEngine name;

    public ContainerEngineSpec() {
    }

    public ContainerEngineSpec(ContainerEngine name) {
        this.name = name;
    }

    public ContainerEngine getName() {
        return name;
    }

    public void setName(ContainerEngine name) {
        this.name = name;
    }
}
