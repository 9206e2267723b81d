package io.rancherdesktop.rdd.vm;

/**
 * Where the running engine answers: for {@link EngineKind#MOBY} a Docker host URI ({@code unix:///…/docker.sock},
 * {@code tcp://…}); for {@link EngineKind#CONTAINERD} a {@code unix://} URI of containerd's gRPC socket.
 */
public record EngineEndpoint(EngineKind engine, String address) {
    public EngineEndpoint {
        if (engine == null || address == null || address.isBlank()) {
            throw new IllegalArgumentException("an engine endpoint needs an engine and an address");
        }
    }

    public boolean isDockerApi() {
        return engine == EngineKind.MOBY;
    }
}
