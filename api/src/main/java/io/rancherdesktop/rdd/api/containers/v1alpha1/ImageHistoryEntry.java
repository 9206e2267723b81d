package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One step of {@code Image.status.history}, as {@code docker history} shows it (newest first). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageHistoryEntry {

    @JsonPropertyDescription("When the step was made (RFC 3339); absent when the engine does not say.")
    private String createdAt;

    @JsonPropertyDescription("The instruction that made the step, at most 2048 characters (longer ones end in …).")
    private String createdBy;

    @JsonPropertyDescription("Bytes the step added.")
    private Long size;

    @JsonPropertyDescription("The step's comment; absent when empty.")
    private String comment;

    public ImageHistoryEntry() {
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public Long getSize() {
        return size;
    }

    public void setSize(Long size) {
        this.size = size;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }
}
