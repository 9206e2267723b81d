package io.rancherdesktop.rdd.vm;

import java.util.Arrays;
import java.util.stream.Collectors;

/** {@code App.spec.containerEngine.name}: the container engine a driver runs. */
public enum EngineKind {
    /** Docker's {@code dockerd}; exposes the Docker API at {@code <short_dir>/docker.sock}. */
    MOBY("moby", "dockerd"),
    /** Plain {@code containerd}; exposes its gRPC API on its own socket, no Docker API. */
    CONTAINERD("containerd", "containerd");

    private final String specValue;
    private final String daemon;

    EngineKind(String specValue, String daemon) {
        this.specValue = specValue;
        this.daemon = daemon;
    }

    public String specValue() {
        return specValue;
    }

    /** The daemon's executable name (also its log file's base name). */
    public String daemon() {
        return daemon;
    }

    public static EngineKind parse(String value) {
        for (EngineKind k : values()) {
            if (k.specValue.equals(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown container engine \"" + value + "\"; valid values: "
                + Arrays.stream(values()).map(EngineKind::specValue).collect(Collectors.joining(", ")));
    }
}
