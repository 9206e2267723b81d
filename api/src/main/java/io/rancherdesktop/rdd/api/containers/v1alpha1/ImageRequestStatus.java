package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.rancherdesktop.rdd.api.SchemaMergePatch;
import io.rancherdesktop.rdd.api.SchemaPatches;

/** {@code ImagePullRequest.status} and {@code ImagePushRequest.status}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.CONDITIONS)
public class ImageRequestStatus extends RequestStatus {

    @JsonPropertyDescription("Name of the Image mirror pulled or pushed (img- + SHA-256 of image ID and tag, docs/naming.md).")
    private String imageRef;

    @JsonPropertyDescription("The image ID (sha256:...).")
    private String imageID;

    @JsonPropertyDescription("The repository digest Docker reported (sha256:...), when it reported one.")
    private String digest;

    public ImageRequestStatus() {
    }

    public String getImageRef() {
        return imageRef;
    }

    public void setImageRef(String imageRef) {
        this.imageRef = imageRef;
    }

    public String getImageID() {
        return imageID;
    }

    public void setImageID(String imageID) {
        this.imageID = imageID;
    }

    public String getDigest() {
        return digest;
    }

    public void setDigest(String digest) {
        this.digest = digest;
    }

}
