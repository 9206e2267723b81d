package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** {@code status.progress} of a request that pulls or pushes an image: what Docker's progress stream reported last. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RequestProgress {

    @JsonPropertyDescription("What is going on, e.g. Pulling, Pushing, Creating, Starting.")
    private String phase;

    @JsonPropertyDescription("Layers finished (downloaded and extracted, or pushed / already there).")
    private Integer layersDone;

    @JsonPropertyDescription("Layers seen so far in Docker's progress stream.")
    private Integer layersTotal;

    @JsonPropertyDescription("Bytes transferred so far over the layers whose size is known.")
    private Long bytesDone;

    @JsonPropertyDescription("Total bytes of the layers whose size is known.")
    private Long bytesTotal;

    @JsonPropertyDescription("Per-layer progress, in the order Docker reported the layers.")
    private List<LayerProgress> layers;

    public RequestProgress() {
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public Integer getLayersDone() {
        return layersDone;
    }

    public void setLayersDone(Integer layersDone) {
        this.layersDone = layersDone;
    }

    public Integer getLayersTotal() {
        return layersTotal;
    }

    public void setLayersTotal(Integer layersTotal) {
        this.layersTotal = layersTotal;
    }

    public Long getBytesDone() {
        return bytesDone;
    }

    public void setBytesDone(Long bytesDone) {
        this.bytesDone = bytesDone;
    }

    public Long getBytesTotal() {
        return bytesTotal;
    }

    public void setBytesTotal(Long bytesTotal) {
        this.bytesTotal = bytesTotal;
    }

    public List<LayerProgress> getLayers() {
        return layers;
    }

    public void setLayers(List<LayerProgress> layers) {
        this.layers = layers;
    }

}
