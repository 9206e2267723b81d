package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.rancherdesktop.rdd.api.SchemaMergePatch;
import io.rancherdesktop.rdd.api.SchemaPatches;

/** {@code ContainerCreateRequest.status}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.CONDITIONS)
public class ContainerCreateRequestStatus extends RequestStatus {

    @JsonPropertyDescription("Name of the Container mirror of the created container: its 64-hex Docker ID (docs/naming.md).")
    private String containerRef;

    @JsonPropertyDescription("The container's Docker name (the one the engine picked when spec.name was empty).")
    private String name;

    @JsonPropertyDescription("Name of the Image mirror the container was created from, when it was pulled by this request.")
    private String imageRef;

    public ContainerCreateRequestStatus() {
    }

    public String getContainerRef() {
        return containerRef;
    }

    public void setContainerRef(String containerRef) {
        this.containerRef = containerRef;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getImageRef() {
        return imageRef;
    }

    public void setImageRef(String imageRef) {
        this.imageRef = imageRef;
    }

}
