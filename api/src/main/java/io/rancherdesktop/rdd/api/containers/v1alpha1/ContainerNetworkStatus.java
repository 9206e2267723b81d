package io.rancherdesktop.rdd.api.containers.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The container's endpoint on one network, from {@code docker inspect}'s {@code NetworkSettings.Networks}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerNetworkStatus {

    @JsonPropertyDescription("Network name, e.g. bridge.")
    private String name;

    @JsonPropertyDescription("IPv4 address on that network; absent when none (not running, or network none).")
    private String ipAddress;

    @JsonPropertyDescription("MAC address on that network; absent when none.")
    private String macAddress;

    public ContainerNetworkStatus() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getIpAddress() {
        return ipAddress;
    }

    public void setIpAddress(String ipAddress) {
        this.ipAddress = ipAddress;
    }

    public String getMacAddress() {
        return macAddress;
    }

    public void setMacAddress(String macAddress) {
        this.macAddress = macAddress;
    }
}
