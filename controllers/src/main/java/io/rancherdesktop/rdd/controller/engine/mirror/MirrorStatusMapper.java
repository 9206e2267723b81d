package io.rancherdesktop.rdd.controller.engine.mirror;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.NetworkSettings;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import io.rancherdesktop.rdd.controller.engine.docker.DockerHistoryItem;
import io.rancherdesktop.rdd.controller.engine.docker.DockerVolume;
import io.rancherdesktop.rdd.controller.engine.naming.ContainerName;
import io.rancherdesktop.rdd.controller.engine.naming.ContainerNameParser;
import io.rancherdesktop.rdd.controller.engine.naming.ImageMirrorName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * Maps Engine API responses to mirror status records (docs/api.md §3.2–3.4). Pure and deterministic: the same
 * engine object always yields equal records, so a re-sync of an unchanged object writes nothing new (§4.6).
 */
public final class MirrorStatusMapper {
    /** The engine namespace of every Docker image and volume. */
    public static final String ENGINE_NAMESPACE = ContainerName.DEFAULT_NAMESPACE;

    private MirrorStatusMapper() {
    }

    /** A container mirror from {@code docker inspect}; named by the full container ID. */
    public static ContainerMirror container(InspectContainerResponse inspect) {
        Objects.requireNonNull(inspect.getId(), "container inspect without an ID");
        ContainerName parsed = ContainerNameParser.parse(inspect.getName());
        InspectContainerResponse.ContainerState state = inspect.getState();
        ContainerRunState status = state == null ? ContainerRunState.UNKNOWN : ContainerRunState.fromDocker(state.getStatus());
        ContainerConfig config = inspect.getConfig();
        var statusRecord = new ContainerMirrorStatus(
                parsed.name(),
                parsed.namespace(),
                inspect.getPath(),
                inspect.getArgs() == null ? List.of() : Arrays.asList(inspect.getArgs()),
                inspect.getImageId(),
                config == null ? null : config.getLabels(),
                ports(config, inspect.getNetworkSettings() == null ? null : inspect.getNetworkSettings().getPorts()),
                status,
                state == null || state.getPidLong() == null ? 0 : state.getPidLong(),
                state == null || state.getExitCodeLong() == null ? 0 : state.getExitCodeLong(),
                state == null || state.getError() == null || state.getError().isEmpty() ? null : state.getError(),
                EngineTime.parse(inspect.getCreated()),
                state == null ? null : EngineTime.parse(state.getStartedAt()),
                state == null ? null : EngineTime.parse(state.getFinishedAt()),
                ContainerConditions.derive(status),
                details(inspect));
        return new ContainerMirror(inspect.getId(), statusRecord);
    }

    /** Env, mounts, networks, restart policy and count, health and configured port bindings of an inspect. */
    static ContainerDetails details(InspectContainerResponse inspect) {
        ContainerConfig config = inspect.getConfig();
        HostConfig host = inspect.getHostConfig();
        RestartPolicy policy = host == null ? null : host.getRestartPolicy();
        InspectContainerResponse.ContainerState state = inspect.getState();
        return new ContainerDetails(
                config == null || config.getEnv() == null ? List.of() : Arrays.asList(config.getEnv()),
                mounts(inspect.getMounts()),
                networks(inspect.getNetworkSettings()),
                policy == null || policy.getName() == null || policy.getName().isEmpty() ? null
                        : new RestartSetting(policy.getName(), policy.getMaximumRetryCount() == null ? 0 : policy.getMaximumRetryCount()),
                inspect.getRestartCount() == null ? 0 : inspect.getRestartCount(),
                health(state == null ? null : state.getHealth()),
                ports(null, host == null ? null : host.getPortBindings()));
    }

    /**
     * docker-java's inspect model drops the mount {@code Type}, so it is told from what Docker fills in: a named
     * volume has a {@code Name}, a bind mount a host {@code Source}, a tmpfs neither.
     */
    static List<MountPoint> mounts(List<InspectContainerResponse.Mount> mounts) {
        if (mounts == null) {
            return List.of();
        }
        List<MountPoint> out = new ArrayList<>(mounts.size());
        for (InspectContainerResponse.Mount m : mounts) {
            if (m == null || m.getDestination() == null || m.getDestination().getPath() == null) {
                continue;
            }
            boolean rw = m.getRW() == null || m.getRW();
            String destination = m.getDestination().getPath();
            if (m.getName() != null && !m.getName().isEmpty()) {
                out.add(new MountPoint(MountPoint.MountType.VOLUME, m.getName(), null, destination, m.getMode(), rw));
            } else if (m.getSource() != null && !m.getSource().isEmpty()) {
                out.add(new MountPoint(MountPoint.MountType.BIND, null, m.getSource(), destination, m.getMode(), rw));
            } else {
                out.add(new MountPoint(MountPoint.MountType.TMPFS, null, null, destination, m.getMode(), rw));
            }
        }
        return out;
    }

    static List<NetworkEndpoint> networks(NetworkSettings settings) {
        if (settings == null || settings.getNetworks() == null) {
            return List.of();
        }
        List<NetworkEndpoint> out = new ArrayList<>();
        settings.getNetworks().forEach((name, n) -> {
            if (name != null) {
                out.add(new NetworkEndpoint(name, n == null ? null : n.getIpAddress(), n == null ? null : n.getMacAddress()));
            }
        });
        return out;
    }

    /** The health state with the newest probe of Docker's log (it keeps the last five); null without a HEALTHCHECK. */
    static HealthReport health(HealthState health) {
        if (health == null || health.getStatus() == null || health.getStatus().isEmpty()) {
            return null;
        }
        List<HealthStateLog> log = health.getLog();
        HealthStateLog last = log == null || log.isEmpty() ? null : log.getLast();
        return new HealthReport(health.getStatus(), health.getFailingStreak() == null ? 0 : health.getFailingStreak(),
                last == null ? null : last.getOutput(),
                last == null || last.getExitCodeLong() == null ? null : Math.toIntExact(last.getExitCodeLong()));
    }

    /**
     * Ports are the union of the image/config's exposed ports (no bindings) and the published ports of
     * {@code NetworkSettings.Ports}, so an exposed but unpublished port appears with no bindings whether or
     * not the container runs.
     */
    static List<ContainerMirrorPort> ports(ContainerConfig config, Ports published) {
        Map<String, List<HostBinding>> byName = new TreeMap<>();
        if (config != null && config.getExposedPorts() != null) {
            for (ExposedPort p : config.getExposedPorts()) {
                byName.putIfAbsent(p.toString(), new ArrayList<>());
            }
        }
        if (published != null && published.getBindings() != null) {
            published.getBindings().forEach((port, bindings) -> {
                List<HostBinding> list = byName.computeIfAbsent(port.toString(), k -> new ArrayList<>());
                if (bindings != null) {
                    for (Ports.Binding b : bindings) {
                        if (b != null) {
                            list.add(new HostBinding(b.getHostIp(), b.getHostPortSpec()));
                        }
                    }
                }
            });
        }
        List<ContainerMirrorPort> ports = new ArrayList<>(byName.size());
        byName.forEach((name, bindings) -> ports.add(new ContainerMirrorPort(name, bindings.stream().distinct().toList())));
        return ports;
    }

    /** One mirror per repo tag of the inspected image, or the single dangling mirror when it has none. */
    public static List<ImageMirror> images(InspectImageResponse inspect) {
        String id = Objects.requireNonNull(inspect.getId(), "image inspect without an ID");
        List<String> tags = realTags(inspect.getRepoTags());
        List<String> digests = inspect.getRepoDigests() == null ? List.of() : inspect.getRepoDigests().stream()
                .filter(d -> d != null && !d.startsWith("<none>")).toList();
        var labels = inspect.getConfig() == null ? null : inspect.getConfig().getLabels();
        List<ImageMirror> mirrors = new ArrayList<>(Math.max(1, tags.size()));
        for (String tag : tags.isEmpty() ? java.util.Collections.<String>singletonList(null) : tags) {
            mirrors.add(ImageMirror.of(new ImageMirrorStatus(
                    ENGINE_NAMESPACE,
                    id,
                    tag,
                    digests,
                    EngineTime.parse(inspect.getCreated()),
                    inspect.getArch(),
                    inspect.getOs(),
                    inspect.getSize() == null ? 0 : inspect.getSize(),
                    labels,
                    inspect.getRootFS() == null || inspect.getRootFS().getLayers() == null ? null
                            : inspect.getRootFS().getLayers().size(),
                    List.of(),
                    List.of())));
        }
        return mirrors;
    }

    /**
     * The history of image {@code id} for its mirrors; empty when the engine cannot say. History is a detail: a failure
     * to read it never holds up the mirror (the next event or sync of the image tries again).
     */
    public static List<ImageHistoryStep> history(DockerEngineClient engine, String id) {
        try {
            return engine.imageHistory(id).map(MirrorStatusMapper::history).orElse(List.of());
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(MirrorStatusMapper.class).debug("history of image {}: {}", id, e.toString());
            return List.of();
        }
    }

    /** An image's history steps as the mirror carries them, newest first (docs/api.md §3.3). */
    public static List<ImageHistoryStep> history(List<DockerHistoryItem> items) {
        return items.stream().limit(ImageHistoryStep.MAX_STEPS)
                .map(i -> new ImageHistoryStep(i.created() <= 0 ? null : Instant.ofEpochSecond(i.created()), i.createdBy(),
                        Math.max(0, i.size()), i.comment()))
                .toList();
    }

    /** The mirror names an image list entry stands for: one per tag, or the dangling name. */
    public static SequencedSet<String> imageNames(Image listed) {
        String id = Objects.requireNonNull(listed.getId(), "image list entry without an ID");
        List<String> tags = realTags(listed.getRepoTags() == null ? null : Arrays.asList(listed.getRepoTags()));
        SequencedSet<String> names = new LinkedHashSet<>();
        if (tags.isEmpty()) {
            names.add(ImageMirrorName.dangling(id));
        } else {
            tags.forEach(t -> names.add(ImageMirrorName.of(id, t)));
        }
        return names;
    }

    /** A volume mirror from the raw Engine API volume. */
    public static VolumeMirror volume(DockerVolume v) {
        return VolumeMirror.of(new VolumeMirrorStatus(
                Objects.requireNonNull(v.name(), "volume without a name"),
                ENGINE_NAMESPACE,
                EngineTime.parse(v.createdAt()),
                v.driver(),
                v.mountpoint(),
                v.labels(),
                v.scope(),
                v.options()));
    }

    /** Tags without placeholders and duplicates, sorted so the mirror list order is stable. */
    private static List<String> realTags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        return tags.stream()
                .filter(t -> ImageMirrorName.realTag(t).isPresent())
                .distinct()
                .sorted()
                .toList();
    }
}
