package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** {@code ImagePushRequest.spec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImagePushRequestSpec extends RequestSpec {

    @JsonPropertyDescription("The image to push: the name of an Image object in the same namespace (or give repoTag).")
    private String imageRef;

    @JsonPropertyDescription("The image to push by its tag, e.g. localhost:5000/app:1 (instead of imageRef).")
    private String repoTag;

    @JsonPropertyDescription("As ImagePullRequest.spec.secretRef.")
    private String secretRef;

    public ImagePushRequestSpec() {
    }

    public String getImageRef() {
        return imageRef;
    }

    public void setImageRef(String imageRef) {
        this.imageRef = imageRef;
    }

    public String getRepoTag() {
        return repoTag;
    }

    public void setRepoTag(String repoTag) {
        this.repoTag = repoTag;
    }

    public String getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(String secretRef) {
        this.secretRef = secretRef;
    }
}
