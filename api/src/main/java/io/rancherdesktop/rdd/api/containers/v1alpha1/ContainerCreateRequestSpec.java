package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SelectableField;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

import java.util.List;
import java.util.Map;

/** {@code ContainerCreateRequest.spec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerCreateRequestSpec {

    @JsonPropertyDescription("Container name; the engine picks one when empty.")
    private String name;

    @SelectableField
    @JsonPropertyDescription("Engine namespace to create the container in (moby for Docker).")
    private String namespace;

    @JsonPropertyDescription("The command to run; the image's default when empty.")
    private String path;

    @JsonPropertyDescription("Arguments of the command.")
    private List<String> args;

    @Required
    @JsonPropertyDescription("Image reference to create the container from.")
    private String image;

    @JsonPropertyDescription("Ports to expose and publish.")
    private List<ContainerPort> ports;

    @JsonPropertyDescription("Container labels.")
    private Map<String, String> labels;

    @Default("running")
    @JsonPropertyDescription("State after creation: running (the default) or created.")
    private CreateState state;

    public ContainerCreateRequestSpec() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public List<String> getArgs() {
        return args;
    }

    public void setArgs(List<String> args) {
        this.args = args;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public List<ContainerPort> getPorts() {
        return ports;
    }

    public void setPorts(List<ContainerPort> ports) {
        this.ports = ports;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public CreateState getState() {
        return state;
    }

    public void setState(CreateState state) {
        this.state = state;
    }
}
