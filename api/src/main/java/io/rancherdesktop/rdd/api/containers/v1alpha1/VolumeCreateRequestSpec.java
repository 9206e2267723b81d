package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** {@code VolumeCreateRequest.spec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeCreateRequestSpec {

    @JsonPropertyDescription("Volume name; the engine picks one when empty.")
    private String name;

    @JsonPropertyDescription("Engine namespace to create the volume in (moby for Docker).")
    private String namespace;

    @JsonPropertyDescription("Volume driver, e.g. local.")
    private String driver;

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
}
