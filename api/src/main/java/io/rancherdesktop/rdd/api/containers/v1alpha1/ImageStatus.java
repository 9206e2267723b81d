package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SelectableField;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import io.rancherdesktop.rdd.api.ConditionedStatus;
import io.rancherdesktop.rdd.api.SchemaMergePatch;
import io.rancherdesktop.rdd.api.SchemaPatches;

import java.util.List;
import java.util.Map;

/** {@code Image.status}: the immutable properties of an image as the engine reports them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.CONDITIONS)
public class ImageStatus implements ConditionedStatus {

    @SelectableField
    @JsonPropertyDescription("Engine namespace (moby for Docker).")
    private String namespace;

    @SelectableField
    @JsonPropertyDescription("Image ID, e.g. sha256:….")
    private String id;

    @SelectableField
    @JsonPropertyDescription("The tag this mirror stands for, e.g. busybox:latest; absent for a dangling image.")
    private String repoTag;

    @SelectableField
    @JsonPropertyDescription("True exactly when the image has no tag (repoTag is absent): what docker image prune removes.")
    private Boolean dangling;

    @JsonPropertyDescription("Repository digests, sorted.")
    private List<String> repoDigests;

    @JsonPropertyDescription("When the image was created (RFC 3339).")
    private String createdAt;

    @JsonPropertyDescription("CPU architecture, e.g. amd64.")
    private String architecture;

    @JsonPropertyDescription("Operating system, e.g. linux.")
    private String os;

    @JsonPropertyDescription("Size in bytes.")
    private Long size;

    @JsonPropertyDescription("Number of filesystem layers (RootFS.Layers).")
    private Integer layers;

    @JsonPropertyDescription("The image's history, newest step first, as docker history shows it (at most 256 steps).")
    private List<ImageHistoryEntry> history;

    @JsonPropertyDescription("Docker names of the containers that use this image (its ID), sorted; [] when none. Derived by the "
            + "engine controller from the containers it mirrors, so it lags the engine by the event latency.")
    private List<String> usedBy;

    @SelectableField
    @JsonPropertyDescription("True exactly when usedBy is not empty.")
    private Boolean inUse;

    @JsonPropertyDescription("Image labels.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Conditions; none are defined yet.")
    private List<Condition> conditions;

    public ImageStatus() {
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRepoTag() {
        return repoTag;
    }

    public void setRepoTag(String repoTag) {
        this.repoTag = repoTag;
    }

    public Boolean getDangling() {
        return dangling;
    }

    public void setDangling(Boolean dangling) {
        this.dangling = dangling;
    }

    public List<ImageHistoryEntry> getHistory() {
        return history;
    }

    public void setHistory(List<ImageHistoryEntry> history) {
        this.history = history;
    }

    public List<String> getRepoDigests() {
        return repoDigests;
    }

    public void setRepoDigests(List<String> repoDigests) {
        this.repoDigests = repoDigests;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getArchitecture() {
        return architecture;
    }

    public void setArchitecture(String architecture) {
        this.architecture = architecture;
    }

    public String getOs() {
        return os;
    }

    public void setOs(String os) {
        this.os = os;
    }

    public Long getSize() {
        return size;
    }

    public void setSize(Long size) {
        this.size = size;
    }

    public Integer getLayers() {
        return layers;
    }

    public void setLayers(Integer layers) {
        this.layers = layers;
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

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    @Override
    public List<Condition> getConditions() {
        return conditions;
    }

    @Override
    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
