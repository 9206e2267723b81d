package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.rancherdesktop.rdd.api.SchemaMergePatch;
import io.rancherdesktop.rdd.api.SchemaPatches;

/** {@code VolumeCreateRequest.status}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.CONDITIONS)
public class VolumeCreateRequestStatus extends RequestStatus {

    @JsonPropertyDescription("Name of the Volume mirror of the created volume (vol- + SHA-256 of its name, docs/naming.md).")
    private String volumeRef;

    @JsonPropertyDescription("The engine's name of the volume (the one it picked when spec.name was empty).")
    private String volumeName;

    public VolumeCreateRequestStatus() {
    }

    public String getVolumeRef() {
        return volumeRef;
    }

    public void setVolumeRef(String volumeRef) {
        this.volumeRef = volumeRef;
    }

    public String getVolumeName() {
        return volumeName;
    }

    public void setVolumeName(String volumeName) {
        this.volumeName = volumeName;
    }

}
