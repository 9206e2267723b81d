package io.rancherdesktop.rdd.api.vm.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import io.rancherdesktop.rdd.api.ConditionedStatus;
import io.rancherdesktop.rdd.api.SchemaMergePatch;
import io.rancherdesktop.rdd.api.SchemaPatches;

import io.rancherdesktop.rdd.api.VmDriverKind;
import java.util.List;

/** {@code VirtualMachine.status}, written by the VM controller. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.CONDITIONS)
public class VirtualMachineStatus implements ConditionedStatus {

    @JsonPropertyDescription("Conditions: Created and Running, with the reasons of the upstream LimaVM.")
    private List<Condition> conditions;

    @JsonPropertyDescription("The metadata.generation whose spec the machine has fully applied (started, stopped or "
            + "failed trying). While it is lower than metadata.generation the conditions describe an older spec.")
    private Long observedGeneration;

    @JsonPropertyDescription("How often the machine has started (incremented on each Started).")
    private Integer restartCount;

    @JsonPropertyDescription("The driver in use: spec.driver, or the one auto resolved to.")
    private VmDriverKind driver;

    @JsonPropertyDescription("Docker endpoint of the running engine, e.g. unix:///home/me/.rd2/docker.sock.")
    private String dockerEndpoint;

    @JsonPropertyDescription("Human-readable detail about the current state, e.g. why the machine failed to start.")
    private String message;

    public VirtualMachineStatus() {
    }

    @Override
    public List<Condition> getConditions() {
        return conditions;
    }

    @Override
    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public Integer getRestartCount() {
        return restartCount;
    }

    public void setRestartCount(Integer restartCount) {
        this.restartCount = restartCount;
    }

    public VmDriverKind getDriver() {
        return driver;
    }

    public void setDriver(VmDriverKind driver) {
        this.driver = driver;
    }

    public String getDockerEndpoint() {
        return dockerEndpoint;
    }

    public void setDockerEndpoint(String dockerEndpoint) {
        this.dockerEndpoint = dockerEndpoint;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
