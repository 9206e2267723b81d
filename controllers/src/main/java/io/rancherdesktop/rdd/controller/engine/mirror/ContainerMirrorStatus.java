package io.rancherdesktop.rdd.controller.engine.mirror;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Map;

/**
 * The engine-owned part of a Container's status (docs/api.md §3.2), exactly those fields; {@code lastAction}
 * belongs to the {@code spec.state} reconciler and is not here. Collections are immutable and sorted where the
 * spec says so, so two mappings of the same inspect are equal and serialise identically (§4.6).
 *
 * @param labels     sorted by key, immutable
 * @param name       Docker name without the leading {@code /} and without the namespace prefix
 * @param namespace  engine namespace from the name parser ({@code moby} unless the name has a {@code /ns/} prefix)
 * @param image      image ID ({@code sha256:…})
 * @param ports      sorted by name, bindings sorted by (hostIP, hostPort)
 * @param startedAt  null when Docker reports its zero time
 * @param finishedAt null when Docker reports its zero time
 * @param error      Docker's state error, null when empty
 * @param conditions derived from {@code status} by {@link ContainerConditions#derive}
 * @param details    env, mounts, networks, restart policy, health, configured port bindings
 */
public record ContainerMirrorStatus(
        String name,
        String namespace,
        String path,
        List<String> args,
        String image,
        Map<String, String> labels,
        List<ContainerMirrorPort> ports,
        ContainerRunState status,
        long pid,
        long exitCode,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        List<MirrorCondition> conditions,
        ContainerDetails details) {

    /** A status without inspect details ({@link ContainerDetails#NONE}). */
    public ContainerMirrorStatus(String name, String namespace, String path, List<String> args, String image,
                                 Map<String, String> labels, List<ContainerMirrorPort> ports, ContainerRunState status,
                                 long pid, long exitCode, String error, Instant createdAt, Instant startedAt,
                                 Instant finishedAt, List<MirrorCondition> conditions) {
        this(name, namespace, path, args, image, labels, ports, status, pid, exitCode, error, createdAt, startedAt,
                finishedAt, conditions, ContainerDetails.NONE);
    }

    public ContainerMirrorStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(status, "status");
        args = args == null ? List.of() : List.copyOf(args);
        labels = SortedMaps.copyOf(labels);
        ports = ports == null ? List.of() : ports.stream().sorted(Comparator.comparing(ContainerMirrorPort::name)).toList();
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        details = details == null ? ContainerDetails.NONE : details;
    }
}
