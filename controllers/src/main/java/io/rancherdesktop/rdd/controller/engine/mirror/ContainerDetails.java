package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.Comparator;
import java.util.List;

/**
 * The inspect details of a Container's status (docs/api.md §3.2) beyond identity and run state: what a GUI's
 * "Inspect" view and in-use checks need. Collections are immutable and sorted (except {@code env}, which keeps
 * Docker's order: a later entry overrides an earlier one), so equal inspects give equal records (§4.6).
 *
 * @param mounts        sorted by destination
 * @param networks      sorted by network name
 * @param restartPolicy null when Docker reports none
 * @param health        null when the container has no HEALTHCHECK
 * @param portBindings  the configured bindings ({@code HostConfig.PortBindings}), sorted by name
 */
public record ContainerDetails(
        List<String> env,
        List<MountPoint> mounts,
        List<NetworkEndpoint> networks,
        RestartSetting restartPolicy,
        int restartCount,
        HealthReport health,
        List<ContainerMirrorPort> portBindings) {

    /** For a container whose details are not known (records built by hand in tests). */
    public static final ContainerDetails NONE = new ContainerDetails(null, null, null, null, 0, null, null);

    public ContainerDetails {
        env = env == null ? List.of() : List.copyOf(env);
        mounts = mounts == null ? List.of() : mounts.stream().sorted(Comparator.comparing(MountPoint::destination)).toList();
        networks = networks == null ? List.of() : networks.stream().sorted(Comparator.comparing(NetworkEndpoint::network)).toList();
        portBindings = portBindings == null ? List.of()
                : portBindings.stream().sorted(Comparator.comparing(ContainerMirrorPort::name)).toList();
    }

    /** Engine names of the named volumes the container mounts, sorted and without duplicates. */
    public List<String> volumeNames() {
        return mounts.stream().filter(m -> m.type() == MountPoint.MountType.VOLUME).map(MountPoint::volumeName)
                .distinct().sorted().toList();
    }
}
