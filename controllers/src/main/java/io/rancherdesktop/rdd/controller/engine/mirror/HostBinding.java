package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.Comparator;
import java.util.Objects;

/** One host binding of a container port: {@code {hostIP, hostPort}}, the port kept as Docker's string. */
public record HostBinding(String hostIP, String hostPort) implements Comparable<HostBinding> {
    private static final Comparator<HostBinding> ORDER =
            Comparator.comparing(HostBinding::hostIP).thenComparing(HostBinding::hostPort);

    public HostBinding {
        hostIP = Objects.requireNonNullElse(hostIP, "");
        hostPort = Objects.requireNonNullElse(hostPort, "");
    }

    /** Sorted by (hostIP, hostPort) as strings (docs/api.md §3.2). */
    @Override
    public int compareTo(HostBinding other) {
        return ORDER.compare(this, other);
    }
}
