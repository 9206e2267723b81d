package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One mount of a ContainerCreateRequest (docker run -v / --mount). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CreateMount {

    @Required
    @JsonPropertyDescription("volume (a named volume, created when missing, as docker run does) or bind (a host path).")
    private String type;

    @Required
    @JsonPropertyDescription("The volume name, or the absolute host path of a bind mount.")
    private String source;

    @Required
    @JsonPropertyDescription("Absolute path inside the container.")
    private String destination;

    @JsonPropertyDescription("Mount read-only (docker run -v SRC:DST:ro).")
    private Boolean readOnly;

    public CreateMount() {
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getDestination() {
        return destination;
    }

    public void setDestination(String destination) {
        this.destination = destination;
    }

    public Boolean getReadOnly() {
        return readOnly;
    }

    public void setReadOnly(Boolean readOnly) {
        this.readOnly = readOnly;
    }

}
