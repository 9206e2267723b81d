package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One layer of {@code status.progress.layers}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LayerProgress {

    @JsonPropertyDescription("Short layer ID as Docker reports it.")
    private String id;

    @JsonPropertyDescription("Docker's status text, e.g. Downloading, Extracting, Pull complete, Pushed, Layer already exists.")
    private String action;

    @JsonPropertyDescription("Bytes done.")
    private Long current;

    @JsonPropertyDescription("Bytes in all, when known.")
    private Long total;

    public LayerProgress() {
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public Long getCurrent() {
        return current;
    }

    public void setCurrent(Long current) {
        this.current = current;
    }

    public Long getTotal() {
        return total;
    }

    public void setTotal(Long total) {
        this.total = total;
    }

}
