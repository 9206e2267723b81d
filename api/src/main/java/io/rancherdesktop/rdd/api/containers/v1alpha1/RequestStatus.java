package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import io.rancherdesktop.rdd.api.ConditionedStatus;
import io.rancherdesktop.rdd.api.SchemaMergePatch;
import io.rancherdesktop.rdd.api.SchemaPatches;
import java.util.List;

/** The status every request kind shares (docs/api.md §3.5): conditions {@code Complete} and {@code Failed}, the generation served, start and completion times, and the progress of a long call. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.CONDITIONS)
public class RequestStatus implements ConditionedStatus {

    @JsonPropertyDescription("Conditions Complete and Failed: Complete=True when served; Failed=True (with Complete=False) when it failed; while pending or in progress Complete=False with reason EngineNotReady or InProgress.")
    private List<Condition> conditions;

    @JsonPropertyDescription("The metadata.generation of the spec that is (being) served; later spec changes are ignored.")
    private Long observedGeneration;

    @JsonPropertyDescription("When the controller started serving the request (RFC 3339).")
    private String startTime;

    @JsonPropertyDescription("When the request finished, successfully or not (RFC 3339).")
    private String completionTime;

    @JsonPropertyDescription("Progress of a pull or push (also the pull of a ContainerCreateRequest), updated at most about 3 times a second.")
    private RequestProgress progress;

    public RequestStatus() {
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

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public String getCompletionTime() {
        return completionTime;
    }

    public void setCompletionTime(String completionTime) {
        this.completionTime = completionTime;
    }

    public RequestProgress getProgress() {
        return progress;
    }

    public void setProgress(RequestProgress progress) {
        this.progress = progress;
    }

}
