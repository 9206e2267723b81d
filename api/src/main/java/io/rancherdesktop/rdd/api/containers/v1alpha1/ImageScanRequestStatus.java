package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.rancherdesktop.rdd.api.SchemaMergePatch;
import io.rancherdesktop.rdd.api.SchemaPatches;

/** {@code ImageScanRequest.status}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaMergePatch.class, input = SchemaPatches.CONDITIONS)
public class ImageScanRequestStatus extends RequestStatus {

    @JsonPropertyDescription("The scanner's report (no scanner ships: never set).")
    private String result;

    public ImageScanRequestStatus() {
    }

    public String getResult() {
        return result;
    }

    public void setResult(String result) {
        this.result = result;
    }

}
