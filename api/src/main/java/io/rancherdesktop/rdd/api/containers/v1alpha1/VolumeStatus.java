package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SelectableField;

import java.util.List;
import java.util.Map;

/** {@code Volume.status}: the volume as the engine reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeStatus {

    @SelectableField
    @JsonPropertyDescription("The engine's volume name, e.g. My_Vol_Ume.")
    private String name;

    @SelectableField
    @JsonPropertyDescription("Engine namespace (moby for Docker).")
    private String namespace;

    @JsonPropertyDescription("When the volume was created (RFC 3339).")
    private String createdAt;

    @JsonPropertyDescription("Volume driver, e.g. local.")
    private String driver;

    @JsonPropertyDescription("Where the volume's data lives on the engine host.")
    private String mountpoint;

    @JsonPropertyDescription("Volume labels.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Volume scope: local or global.")
    private String scope;

    @JsonPropertyDescription("Driver options.")
    private Map<String, String> options;

    @JsonPropertyDescription("Docker names of the containers that use this volume (mount it by name), sorted; [] when none. Derived by the "
            + "engine controller from the containers it mirrors, so it lags the engine by the event latency.")
    private List<String> usedBy;

    @SelectableField
    @JsonPropertyDescription("True exactly when usedBy is not empty.")
    private Boolean inUse;

    public VolumeStatus() {
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

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getDriver() {
        return driver;
    }

    public void setDriver(String driver) {
        this.driver = driver;
    }

    public String getMountpoint() {
        return mountpoint;
    }

    public void setMountpoint(String mountpoint) {
        this.mountpoint = mountpoint;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }

    public Map<String, String> getOptions() {
        return options;
    }

    public void setOptions(Map<String, String> options) {
        this.options = options;
    }

    public List<String> getUsedBy() {
        return usedBy;
    }

    public void setUsedBy(List<String> usedBy) {
        this.usedBy = usedBy;
    }

    public Boolean getInUse() {
        return inUse;
    }

    public void setInUse(Boolean inUse) {
        this.inUse = inUse;
    }
}
