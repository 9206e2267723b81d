package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The HEALTHCHECK state, from {@code State.Health}; only for containers that have a healthcheck. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerHealth {

    @JsonPropertyDescription("starting, healthy or unhealthy.")
    private String status;

    @JsonPropertyDescription("Consecutive failed probes.")
    private Integer failingStreak;

    @JsonPropertyDescription("Output of the last probe; absent before the first probe.")
    private String lastOutput;

    @JsonPropertyDescription("Exit code of the last probe; absent before the first probe.")
    private Integer lastExitCode;

    public ContainerHealth() {
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Integer getFailingStreak() {
        return failingStreak;
    }

    public void setFailingStreak(Integer failingStreak) {
        this.failingStreak = failingStreak;
    }

    public String getLastOutput() {
        return lastOutput;
    }

    public void setLastOutput(String lastOutput) {
        this.lastOutput = lastOutput;
    }

    public Integer getLastExitCode() {
        return lastExitCode;
    }

    public void setLastExitCode(Integer lastExitCode) {
        this.lastExitCode = lastExitCode;
    }
}
