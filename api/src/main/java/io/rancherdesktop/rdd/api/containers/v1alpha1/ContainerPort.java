package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

/** One exposed container port and its host bindings (none when exposed but unpublished). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerPort {

    @JsonPropertyDescription("Port and protocol, e.g. 80/tcp.")
    private String name;

    @JsonPropertyDescription("Host bindings, sorted by (hostIP, hostPort).")
    private List<PortBinding> bindings;

    public ContainerPort() {
    }

    public ContainerPort(String name, List<PortBinding> bindings) {
        this.name = name;
        this.bindings = bindings;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<PortBinding> getBindings() {
        return bindings;
    }

    public void setBindings(List<PortBinding> bindings) {
        this.bindings = bindings;
    }
}
