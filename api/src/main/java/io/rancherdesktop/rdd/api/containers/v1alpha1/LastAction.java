package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** {@code Container.status.lastAction}: the outcome of the last {@code spec.state} request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LastAction {

    @JsonPropertyDescription("The requested state that was served: running, created or paused.")
    private RequestedState action;

    @JsonPropertyDescription("Succeeded or Failed.")
    private ActionOutcome state;

    @JsonPropertyDescription("The engine's error text when the request failed.")
    private String error;

    @JsonPropertyDescription("The metadata.generation of the request.")
    private Long observedGeneration;

    @JsonPropertyDescription("When the controller picked up the request (RFC 3339).")
    private String observedAt;

    @JsonPropertyDescription("When the request finished (RFC 3339).")
    private String completedAt;

    public LastAction() {
    }

    public RequestedState getAction() {
        return action;
    }

    public void setAction(RequestedState action) {
        this.action = action;
    }

    public ActionOutcome getState() {
        return state;
    }

    public void setState(ActionOutcome state) {
        this.state = state;
    }

    public String getError() {
        return error;
    }

    public void setError(String error) {
        this.error = error;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getObservedAt() {
        return observedAt;
    }

    public void setObservedAt(String observedAt) {
        this.observedAt = observedAt;
    }

    public String getCompletedAt() {
        return completedAt;
    }

    public void setCompletedAt(String completedAt) {
        this.completedAt = completedAt;
    }
}
