package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One host binding of a container port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PortBinding {

    @JsonProperty("hostIP")
    @JsonPropertyDescription("Host address, e.g. 0.0.0.0 or ::.")
    private String hostIP;

    @JsonPropertyDescription("Host port, as a string (Docker reports it so).")
    private String hostPort;

    public PortBinding() {
    }

    public PortBinding(String hostIP, String hostPort) {
        this.hostIP = hostIP;
        this.hostPort = hostPort;
    }

    public String getHostIP() {
        return hostIP;
    }

    public void setHostIP(String hostIP) {
        this.hostIP = hostIP;
    }

    public String getHostPort() {
        return hostPort;
    }

    public void setHostPort(String hostPort) {
        this.hostPort = hostPort;
    }
}
