package io.rancherdesktop.rdd.controller.engine.kube;

import io.fabric8.kubernetes.api.model.Condition;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerHealth;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerMount;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNetworkStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerPort;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerRestartPolicy;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageHistoryEntry;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.PortBinding;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeStatus;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerDetails;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirrorStatus;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageHistoryStep;
import io.rancherdesktop.rdd.controller.engine.mirror.ImageMirrorStatus;
import io.rancherdesktop.rdd.controller.engine.mirror.MirrorCondition;
import io.rancherdesktop.rdd.controller.engine.mirror.MountPoint;
import io.rancherdesktop.rdd.controller.engine.mirror.NetworkEndpoint;
import io.rancherdesktop.rdd.controller.engine.mirror.VolumeMirrorStatus;
import io.rancherdesktop.rdd.controller.engine.naming.VolumeMirrorName;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Engine status records → the API model's status classes (docs/api.md §3.2–3.4). Deterministic: the same record
 * and the same stored conditions give an equal status, so an unchanged engine object is never rewritten (§4.6).
 * The container's {@code lastAction} is not engine state and is never produced here.
 */
public final class MirrorStatusConversion {
    private MirrorStatusConversion() {
    }

    /**
     * @param stored     the conditions currently stored on the object (null for a new one): a condition whose status
     *                   is unchanged keeps its {@code lastTransitionTime}
     * @param generation the object's {@code metadata.generation}, stamped as the conditions' {@code observedGeneration}
     */
    public static ContainerStatus container(ContainerMirrorStatus s, List<Condition> stored, long generation, Instant now) {
        ContainerStatus out = new ContainerStatus();
        out.setName(s.name());
        out.setNamespace(s.namespace());
        out.setPath(s.path());
        out.setArgs(List.copyOf(s.args()));
        out.setImage(s.image());
        out.setLabels(copy(s.labels()));
        out.setPorts(ports(s.ports()));
        details(s.details(), out);
        out.setStatus(RunStatus.fromEngine(s.status().wireValue()));
        out.setPid(Math.toIntExact(s.pid()));
        out.setExitCode((int) s.exitCode());
        out.setError(s.error());
        out.setCreatedAt(time(s.createdAt()));
        out.setStartedAt(time(s.startedAt()));
        out.setFinishedAt(time(s.finishedAt()));
        out.setConditions(conditions(s.conditions(), stored, generation, now));
        return out;
    }

    private static List<ContainerPort> ports(List<io.rancherdesktop.rdd.controller.engine.mirror.ContainerMirrorPort> in) {
        List<ContainerPort> ports = new ArrayList<>(in.size());
        for (var p : in) {
            List<PortBinding> bindings = p.bindings().stream().map(b -> new PortBinding(b.hostIP(), b.hostPort())).toList();
            ports.add(new ContainerPort(p.name(), new ArrayList<>(bindings)));
        }
        return ports;
    }

    /** The inspect details; empty lists are written as {@code []}, absent parts (no healthcheck) are omitted. */
    private static void details(ContainerDetails d, ContainerStatus out) {
        out.setEnv(new ArrayList<>(d.env()));
        List<ContainerMount> mounts = new ArrayList<>(d.mounts().size());
        for (MountPoint m : d.mounts()) {
            ContainerMount cm = new ContainerMount();
            cm.setType(m.type().wireValue());
            if (m.type() == MountPoint.MountType.VOLUME) {
                cm.setVolume(VolumeMirrorName.of(m.volumeName()));
                cm.setVolumeName(m.volumeName());
            }
            cm.setSource(m.source());
            cm.setDestination(m.destination());
            cm.setMode(m.mode());
            cm.setRw(m.rw());
            mounts.add(cm);
        }
        out.setMounts(mounts);
        List<ContainerNetworkStatus> networks = new ArrayList<>(d.networks().size());
        for (NetworkEndpoint n : d.networks()) {
            ContainerNetworkStatus ns = new ContainerNetworkStatus();
            ns.setName(n.network());
            ns.setIpAddress(n.ipAddress());
            ns.setMacAddress(n.macAddress());
            networks.add(ns);
        }
        out.setNetworks(networks);
        if (d.restartPolicy() != null) {
            ContainerRestartPolicy policy = new ContainerRestartPolicy();
            policy.setName(d.restartPolicy().name());
            policy.setMaximumRetryCount(d.restartPolicy().maximumRetryCount());
            out.setRestartPolicy(policy);
        }
        out.setRestartCount(d.restartCount());
        if (d.health() != null) {
            ContainerHealth health = new ContainerHealth();
            health.setStatus(d.health().status());
            health.setFailingStreak(d.health().failingStreak());
            health.setLastOutput(d.health().lastOutput());
            health.setLastExitCode(d.health().lastExitCode());
            out.setHealth(health);
        }
        out.setPortBindings(ports(d.portBindings()));
    }

    public static ImageStatus image(ImageMirrorStatus s) {
        ImageStatus out = new ImageStatus();
        out.setNamespace(s.namespace());
        out.setId(s.id());
        out.setRepoTag(s.repoTag());
        out.setDangling(s.repoTag() == null || s.repoTag().isEmpty());
        out.setRepoDigests(new ArrayList<>(s.repoDigests()));
        out.setCreatedAt(time(s.createdAt()));
        out.setArchitecture(s.architecture());
        out.setOs(s.os());
        out.setSize(s.size());
        out.setLayers(s.layers());
        out.setHistory(s.history().stream().map(MirrorStatusConversion::historyEntry).toList());
        out.setUsedBy(new ArrayList<>(s.usedBy()));
        out.setInUse(!s.usedBy().isEmpty());
        out.setLabels(copy(s.labels()));
        return out;
    }

    private static ImageHistoryEntry historyEntry(ImageHistoryStep step) {
        ImageHistoryEntry e = new ImageHistoryEntry();
        e.setCreatedAt(time(step.createdAt()));
        e.setCreatedBy(step.createdBy().isEmpty() ? null : step.createdBy());
        e.setSize(step.size());
        e.setComment(step.comment().isEmpty() ? null : step.comment());
        return e;
    }

    public static VolumeStatus volume(VolumeMirrorStatus s) {
        VolumeStatus out = new VolumeStatus();
        out.setName(s.name());
        out.setNamespace(s.namespace());
        out.setCreatedAt(time(s.createdAt()));
        out.setDriver(s.driver());
        out.setMountpoint(s.mountpoint());
        out.setLabels(copy(s.labels()));
        out.setScope(s.scope());
        out.setOptions(copy(s.options()));
        out.setUsedBy(new ArrayList<>(s.usedBy()));
        out.setInUse(!s.usedBy().isEmpty());
        return out;
    }

    /** RFC 3339 in UTC with the engine's precision; null stays null (the field is omitted). */
    public static String time(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static List<Condition> conditions(List<MirrorCondition> derived, List<Condition> stored, long generation, Instant now) {
        List<Condition> current = stored == null ? List.of() : stored;
        List<Condition> out = new ArrayList<>(derived.size());
        for (MirrorCondition c : derived) {
            Condition desired = Conditions.condition(c.type(), c.status().wireValue(), c.reason(), "", generation);
            // set() keeps the stored lastTransitionTime while the status is unchanged, else stamps now.
            List<Condition> one = Conditions.set(Conditions.find(current, c.type()).map(List::of).orElse(List.of()), desired, now)
                    .conditions();
            out.add(one.getFirst());
        }
        return out;
    }

    private static Map<String, String> copy(Map<String, String> sorted) {
        return new LinkedHashMap<>(sorted);
    }
}
