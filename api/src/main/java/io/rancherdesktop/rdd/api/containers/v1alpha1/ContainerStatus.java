package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SelectableField;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.Condition;
import io.rancherdesktop.rdd.api.ConditionedStatus;
import io.rancherdesktop.rdd.api.SchemaMergePatch;
import io.rancherdesktop.rdd.api.SchemaPatches;

import java.util.List;
import java.util.Map;

/** {@code Container.status}: what the engine reports, written only through the status subresource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.CONDITIONS)
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.PORTS)
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.CONTAINER_INSPECT_LISTS)
public class ContainerStatus implements ConditionedStatus {

    @JsonPropertyDescription("The outcome of the last spec.state request.")
    private LastAction lastAction;

    @SelectableField
    @JsonPropertyDescription("Container name, without the leading slash and the engine namespace prefix.")
    private String name;

    @SelectableField
    @JsonPropertyDescription("Engine namespace (moby for Docker); names a ContainerNamespace.")
    private String namespace;

    @JsonPropertyDescription("The command the container runs.")
    private String path;

    @JsonPropertyDescription("Arguments of the command.")
    private List<String> args;

    @JsonPropertyDescription("ID of the container's image, e.g. sha256:….")
    private String image;

    @JsonPropertyDescription("Container labels.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Exposed ports and their host bindings, sorted by name.")
    private List<ContainerPort> ports;

    @JsonPropertyDescription("Configured port bindings (HostConfig.PortBindings, what -p asked for), sorted by name; "
            + "present whether or not the container runs.")
    private List<ContainerPort> portBindings;

    @JsonPropertyDescription("Environment, NAME=value as Docker reports it (image and container env merged), in Docker's order.")
    private List<String> env;

    @JsonPropertyDescription("Mounts, sorted by destination.")
    private List<ContainerMount> mounts;

    @JsonPropertyDescription("Networks the container is attached to, sorted by name.")
    private List<ContainerNetworkStatus> networks;

    @JsonPropertyDescription("Restart policy.")
    private ContainerRestartPolicy restartPolicy;

    @JsonPropertyDescription("How many times Docker restarted the container under its restart policy.")
    private Integer restartCount;

    @JsonPropertyDescription("HEALTHCHECK state; absent when the container has no healthcheck.")
    private ContainerHealth health;

    @Default("unknown")
    @SelectableField
    @JsonPropertyDescription("The engine's state: created, running, pausing, paused, restarting, removing, exited, "
            + "dead or unknown.")
    private RunStatus status;

    @JsonPropertyDescription("Process ID of the main process (0 when not running).")
    private Integer pid;

    @JsonPropertyDescription("Exit code of the last run.")
    private Integer exitCode;

    @JsonPropertyDescription("The engine's error text for the container, if any.")
    private String error;

    @JsonPropertyDescription("When the container was created (RFC 3339).")
    private String createdAt;

    @JsonPropertyDescription("When the container last started (RFC 3339); absent if it never started.")
    private String startedAt;

    @JsonPropertyDescription("When the container last finished (RFC 3339); absent if it never finished.")
    private String finishedAt;

    @JsonPropertyDescription("Conditions Running, Paused, Restarting and Dead (True exactly when status says so), "
            + "and OOMKilled (always Unknown).")
    private List<Condition> conditions;

    public ContainerStatus() {
    }

    public LastAction getLastAction() {
        return lastAction;
    }

    public void setLastAction(LastAction lastAction) {
        this.lastAction = lastAction;
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

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public List<ContainerPort> getPorts() {
        return ports;
    }

    public void setPorts(List<ContainerPort> ports) {
        this.ports = ports;
    }

    public List<ContainerPort> getPortBindings() {
        return portBindings;
    }

    public void setPortBindings(List<ContainerPort> portBindings) {
        this.portBindings = portBindings;
    }

    public List<String> getEnv() {
        return env;
    }

    public void setEnv(List<String> env) {
        this.env = env;
    }

    public List<ContainerMount> getMounts() {
        return mounts;
    }

    public void setMounts(List<ContainerMount> mounts) {
        this.mounts = mounts;
    }

    public List<ContainerNetworkStatus> getNetworks() {
        return networks;
    }

    public void setNetworks(List<ContainerNetworkStatus> networks) {
        this.networks = networks;
    }

    public ContainerRestartPolicy getRestartPolicy() {
        return restartPolicy;
    }

    public void setRestartPolicy(ContainerRestartPolicy restartPolicy) {
        this.restartPolicy = restartPolicy;
    }

    public Integer getRestartCount() {
        return restartCount;
    }

    public void setRestartCount(Integer restartCount) {
        this.restartCount = restartCount;
    }

    public ContainerHealth getHealth() {
        return health;
    }

    public void setHealth(ContainerHealth health) {
        this.health = health;
    }

    public RunStatus getStatus() {
        return status;
    }

    public void setStatus(RunStatus status) {
        this.status = status;
    }

    public Integer getPid() {
        return pid;
    }

    public void setPid(Integer pid) {
        this.pid = pid;
    }

    public Integer getExitCode() {
        return exitCode;
    }

    public void setExitCode(Integer exitCode) {
        this.exitCode = exitCode;
    }

    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(String startedAt) {
        this.startedAt = startedAt;
    }

    public String getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(String finishedAt) {
        this.finishedAt = finishedAt;
    }

    @Override
    public List<Condition> getConditions() {
        return conditions;
    }

    @Override
    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
