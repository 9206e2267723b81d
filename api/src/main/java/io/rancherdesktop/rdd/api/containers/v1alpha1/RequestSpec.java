package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/** What every request kind's spec shares. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RequestSpec {

    @Default("3600")
    @Min(0)
    @JsonPropertyDescription("Seconds after completionTime when the finished request is deleted (like a Job's); default 3600, 0 deletes at once.")
    private Long ttlSecondsAfterFinished;

    public RequestSpec() {
    }

    public Long getTtlSecondsAfterFinished() {
        return ttlSecondsAfterFinished;
    }

    public void setTtlSecondsAfterFinished(Long ttlSecondsAfterFinished) {
        this.ttlSecondsAfterFinished = ttlSecondsAfterFinished;
    }

}
