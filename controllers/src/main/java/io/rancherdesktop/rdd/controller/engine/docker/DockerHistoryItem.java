package io.rancherdesktop.rdd.controller.engine.docker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One step of an image's history as the Engine API reports it ({@code GET /images/{id}/history}; docker-java has no such call). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DockerHistoryItem(
        @JsonProperty("Id") String id,
        @JsonProperty("Created") long created,
        @JsonProperty("CreatedBy") String createdBy,
        @JsonProperty("Tags") List<String> tags,
        @JsonProperty("Size") long size,
        @JsonProperty("Comment") String comment) {
}
