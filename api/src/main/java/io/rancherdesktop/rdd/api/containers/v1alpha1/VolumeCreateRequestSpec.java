package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** {@code VolumeCreateRequest.spec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeCreateRequestSpec extends RequestSpec {

    @JsonPropertyDescription("Volume name; the engine picks one when empty.")
    private String name;

    @JsonPropertyDescription("Engine namespace to create the volume in (moby for Docker).")
    private String namespace;

    @JsonPropertyDescription("Volume driver, e.g. local.")
    private String driver;

    @JsonPropertyDescription("Volume labels (docker volume create --label).")
    private Map<String, String> labels;

    @JsonPropertyDescription("Driver options (docker volume create --opt).")
    private Map<String, String> options;

    public VolumeCreateRequestSpec() {
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

    public String getDriver() {
        return driver;
    }

    public void setDriver(String driver) {
        this.driver = driver;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getOptions() {
        return options;
    }

    public void setOptions(Map<String, String> options) {
        this.options = options;
    }
}
