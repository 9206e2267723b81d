package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** {@code ImageScanRequest.spec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageScanRequestSpec extends RequestSpec {

    @Required
    @JsonPropertyDescription("The image to scan: the name of an Image object in the same namespace.")
    private String imageRef;

    public ImageScanRequestSpec() {
    }

    public String getImageRef() {
        return imageRef;
    }

    public void setImageRef(String imageRef) {
        this.imageRef = imageRef;
    }
}
