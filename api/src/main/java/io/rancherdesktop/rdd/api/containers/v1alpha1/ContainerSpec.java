package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** {@code Container.spec}: only {@code state} exists, and it is the only field a user may change. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerSpec {

    @Default("unknown")
    @JsonPropertyDescription("A one-shot request to bring the container to this state: running, created (stopped), "
            + "paused, or restarted (docker restart). The engine controller serves it, records status.lastAction and sets it back to unknown.")
    private RequestedState state;

    public ContainerSpec() {
    }

    public ContainerSpec(RequestedState state) {
        this.state = state;
    }

    public RequestedState getState() {
        return state;
    }

    public void setState(RequestedState state) {
        this.state = state;
    }
}
