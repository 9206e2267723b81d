package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The container's restart policy, from {@code HostConfig.RestartPolicy}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerRestartPolicy {

    @JsonPropertyDescription("no, always, unless-stopped or on-failure.")
    private String name;

    @JsonPropertyDescription("For on-failure: how many restarts Docker attempts (0 = unlimited).")
    private Integer maximumRetryCount;

    public ContainerRestartPolicy() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getMaximumRetryCount() {
        return maximumRetryCount;
    }

    public void setMaximumRetryCount(Integer maximumRetryCount) {
        this.maximumRetryCount = maximumRetryCount;
    }
}
