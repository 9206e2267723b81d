package io.rancherdesktop.rdd.controller.engine.docker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A volume as the Engine API reports it ({@code GET /volumes}, {@code GET /volumes/{name}}). docker-java's own
 * volume type drops {@code CreatedAt} and {@code Scope}, which the Volume mirror needs, so volumes are read raw.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DockerVolume(
        @JsonProperty("Name") String name,
        @JsonProperty("Driver") String driver,
        @JsonProperty("Mountpoint") String mountpoint,
        @JsonProperty("CreatedAt") String createdAt,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("Scope") String scope,
        @JsonProperty("Options") Map<String, String> options) {
}
