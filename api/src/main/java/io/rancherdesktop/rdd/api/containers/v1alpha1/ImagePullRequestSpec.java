package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SelectableField;
import io.fabric8.generator.annotation.Required;

/** {@code ImagePullRequest.spec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImagePullRequestSpec extends RequestSpec {

    @SelectableField
    @JsonPropertyDescription("Engine namespace to pull into (moby for Docker).")
    private String namespace;

    @Required
    @JsonPropertyDescription("The image to pull, e.g. busybox:latest.")
    private String repoTag;

    @JsonPropertyDescription("Name of a kubernetes.io/dockerconfigjson Secret in the request's namespace with the registry credentials; the service user's Docker config when empty.")
    private String secretRef;

    public ImagePullRequestSpec() {
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
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
