package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One mount of a container, from {@code docker inspect}'s {@code Mounts}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerMount {

    @JsonPropertyDescription("volume, bind or tmpfs.")
    private String type;

    @JsonPropertyDescription("For a volume mount: the name of the Volume mirror (vol-…).")
    private String volume;

    @JsonPropertyDescription("For a volume mount: the engine's volume name.")
    private String volumeName;

    @JsonPropertyDescription("For a bind mount: the path on the engine host.")
    private String source;

    @JsonPropertyDescription("The path inside the container.")
    private String destination;

    @JsonPropertyDescription("Docker's mode string, e.g. z or ro; absent when empty.")
    private String mode;

    @JsonPropertyDescription("Whether the mount is writable.")
    private Boolean rw;

    public ContainerMount() {
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getVolume() {
        return volume;
    }

    public void setVolume(String volume) {
        this.volume = volume;
    }

    public String getVolumeName() {
        return volumeName;
    }

    public void setVolumeName(String volumeName) {
        this.volumeName = volumeName;
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

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public Boolean getRw() {
        return rw;
    }

    public void setRw(Boolean rw) {
        this.rw = rw;
    }
}
