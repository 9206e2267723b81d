package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** {@code ImagePushRequest.spec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImagePushRequestSpec {

    @Required
    @JsonPropertyDescription("The image to push: the name of an Image object in the same namespace.")
    private String imageRef;

    public ImagePushRequestSpec() {
    }

    public String getImageRef() {
        return imageRef;
    }

    public void setImageRef(String imageRef) {
        this.imageRef = imageRef;
    }
}
