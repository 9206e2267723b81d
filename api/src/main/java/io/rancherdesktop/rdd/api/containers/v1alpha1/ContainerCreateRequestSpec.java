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
public class ContainerCreateRequestSpec extends RequestSpec {

    @JsonPropertyDescription("Container name; the engine picks one when empty.")
    private String name;

    @SelectableField
    @JsonPropertyDescription("Engine namespace to create the container in (moby for Docker).")
    private String namespace;

    @JsonPropertyDescription("The entrypoint (Docker Entrypoint, docker run --entrypoint); the image's when empty.")
    private String path;

    @JsonPropertyDescription("The command and its arguments (Docker Cmd, what follows IMAGE in docker run); the image's when empty.")
    private List<String> args;

    @Required
    @JsonPropertyDescription("Image reference to create the container from.")
    private String image;

    @JsonPropertyDescription("Ports to publish (docker run -p): name is port/protocol (e.g. 80/tcp), bindings the host addresses and ports.")
    private List<ContainerPort> ports;

    @JsonPropertyDescription("Container labels.")
    private Map<String, String> labels;

    @Default("running")
    @JsonPropertyDescription("State after creation: running (the default) or created.")
    private CreateState state;

    @JsonPropertyDescription("Environment variables, NAME=value (docker run -e).")
    private List<String> env;

    @JsonPropertyDescription("Working directory inside the container (docker run -w).")
    private String workingDir;

    @JsonPropertyDescription("Named volumes and bind mounts (docker run -v).")
    private List<CreateMount> mounts;

    @JsonPropertyDescription("Restart policy (docker run --restart): name no, always, unless-stopped or on-failure, and maximumRetryCount.")
    private ContainerRestartPolicy restartPolicy;

    @JsonPropertyDescription("Remove the container when it exits (docker run --rm).")
    private Boolean autoRemove;

    @JsonPropertyDescription("Network mode (docker run --network), e.g. bridge, host, none or a network name; the engine default when empty.")
    private String networkMode;

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

    public List<String> getEnv() {
        return env;
    }

    public void setEnv(List<String> env) {
        this.env = env;
    }

    public String getWorkingDir() {
        return workingDir;
    }

    public void setWorkingDir(String workingDir) {
        this.workingDir = workingDir;
    }

    public List<CreateMount> getMounts() {
        return mounts;
    }

    public void setMounts(List<CreateMount> mounts) {
        this.mounts = mounts;
    }

    public ContainerRestartPolicy getRestartPolicy() {
        return restartPolicy;
    }

    public void setRestartPolicy(ContainerRestartPolicy restartPolicy) {
        this.restartPolicy = restartPolicy;
    }

    public Boolean getAutoRemove() {
        return autoRemove;
    }

    public void setAutoRemove(Boolean autoRemove) {
        this.autoRemove = autoRemove;
    }

    public String getNetworkMode() {
        return networkMode;
    }

    public void setNetworkMode(String networkMode) {
        this.networkMode = networkMode;
    }
}
