package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.Objects;

/** The container on one network (docs/api.md §3.2, {@code status.networks}); empty addresses are null. */
public record NetworkEndpoint(String network, String ipAddress, String macAddress) {
    public NetworkEndpoint {
        Objects.requireNonNull(network, "network");
        ipAddress = ipAddress == null || ipAddress.isEmpty() ? null : ipAddress;
        macAddress = macAddress == null || macAddress.isEmpty() ? null : macAddress;
    }
}
