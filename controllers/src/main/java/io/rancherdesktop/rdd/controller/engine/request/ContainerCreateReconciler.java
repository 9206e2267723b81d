package io.rancherdesktop.rdd.controller.engine.request;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequestStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerPort;
import io.rancherdesktop.rdd.api.containers.v1alpha1.CreateMount;
import io.rancherdesktop.rdd.api.containers.v1alpha1.CreateState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.PortBinding;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestProgress;
import io.rancherdesktop.rdd.controller.engine.docker.EngineErrors;
import io.rancherdesktop.rdd.controller.engine.naming.ImageMirrorName;
import io.rancherdesktop.rdd.controller.engine.reconcile.EngineSessions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ContainerCreateRequest} → {@code docker run -d} (docs/api.md §3.5): the image is pulled when the engine
 * lacks it (progress in {@code status.progress}), the container created with the request-uid label and started
 * unless {@code spec.state} is {@code created}. {@code spec.path} becomes Docker's {@code Entrypoint} and
 * {@code spec.args} its {@code Cmd}. A start that fails removes the container again: nothing half-made stays.
 */
public final class ContainerCreateReconciler extends RequestReconciler<ContainerCreateRequest, ContainerCreateRequestStatus> {
    public static final String NAME = "containercreaterequest";
    private static final Logger LOG = LoggerFactory.getLogger(ContainerCreateReconciler.class);
    private static final Pattern PORT = Pattern.compile("^\\d{1,5}(-\\d{1,5})?(/(tcp|udp|sctp))?$");
    private static final Pattern HOST_PORT = Pattern.compile("^(\\d{1,5}(-\\d{1,5})?)?$");

    private final RegistryCredentials credentials;

    public ContainerCreateReconciler(KubernetesClient client, EngineSessions sessions, RegistryCredentials credentials, Clock clock) {
        super(ContainerCreateRequest.class, NAME, client, sessions, clock);
        this.credentials = credentials;
    }

    @Override
    protected ContainerCreateRequestStatus newStatus() {
        return new ContainerCreateRequestStatus();
    }

    @Override
    protected String refusalReason(int httpStatus, String message) {
        return httpStatus == 409 && message.contains("already in use") ? ConditionReasons.Request.NAME_CONFLICT
                : ConditionReasons.Request.ENGINE_ERROR;
    }

    @Override
    protected Optional<RequestOutcome<ContainerCreateRequestStatus>> adopt(ContainerCreateRequest request, Serving serving) {
        DockerClient docker = serving.engine().docker();
        List<Container> found = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(RequestLabels.REQUEST_UID, serving.uid())).exec();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Container c = found.getFirst();
        if (wantsRunning(request.getSpec()) && "created".equals(c.getState())) {
            // The earlier attempt created it and stopped short of the start: finish that serving, never create again.
            start(docker, c.getId());
        }
        String name = c.getNames() == null || c.getNames().length == 0 ? null : strip(c.getNames()[0]);
        return Optional.of(done(c.getId(), name, null, ConditionReasons.Request.ADOPTED));
    }

    @Override
    protected RequestOutcome<ContainerCreateRequestStatus> create(ContainerCreateRequest request, Serving serving) {
        ContainerCreateRequestSpec spec = request.getSpec();
        DockerClient docker = serving.engine().docker();
        HostConfig host = hostConfig(spec);
        List<ExposedPort> exposed = exposedPorts(spec);
        String imageRef = ensureImage(request, serving);

        CreateContainerCmd cmd = docker.createContainerCmd(spec.getImage())
                .withLabels(RequestLabels.with(spec.getLabels(), serving.uid()))
                .withHostConfig(host);
        if (spec.getName() != null && !spec.getName().isEmpty()) {
            cmd.withName(spec.getName());
        }
        if (spec.getPath() != null && !spec.getPath().isEmpty()) {
            cmd.withEntrypoint(spec.getPath());
        }
        if (spec.getArgs() != null && !spec.getArgs().isEmpty()) {
            cmd.withCmd(spec.getArgs());
        }
        if (spec.getEnv() != null && !spec.getEnv().isEmpty()) {
            cmd.withEnv(spec.getEnv());
        }
        if (spec.getWorkingDir() != null && !spec.getWorkingDir().isEmpty()) {
            cmd.withWorkingDir(spec.getWorkingDir());
        }
        if (!exposed.isEmpty()) {
            cmd.withExposedPorts(exposed);
        }
        progress(serving, "Creating");
        String id = cmd.exec().getId();
        if (wantsRunning(spec)) {
            progress(serving, "Starting");
            try {
                start(docker, id);
            } catch (DockerException e) {
                removeQuietly(docker, id);
                throw new RequestFailure(ConditionReasons.Request.START_FAILED, EngineErrors.message(e), e);
            }
        }
        String name = spec.getName();
        try {
            name = strip(docker.inspectContainerCmd(id).exec().getName());
        } catch (RuntimeException gone) {
            // --rm and already exited: the name given is all there is
        }
        return done(id, name, imageRef, ConditionReasons.Request.CREATED);
    }

    private static boolean wantsRunning(ContainerCreateRequestSpec spec) {
        return spec.getState() != CreateState.CREATED;
    }

    private static void start(DockerClient docker, String id) {
        try {
            docker.startContainerCmd(id).exec();
        } catch (com.github.dockerjava.api.exception.NotModifiedException alreadyRunning) {
            // started meanwhile
        }
    }

    private static void removeQuietly(DockerClient docker, String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
        } catch (RuntimeException e) {
            if (!EngineErrors.isNotFound(e)) {
                LOG.warn("Removing container {} after its failed start: {}", id, EngineErrors.message(e));
            }
        }
    }

    /** The image's mirror name when the image is known by a tag; pulls it first when the engine lacks it. */
    private String ensureImage(ContainerCreateRequest request, Serving serving) {
        String image = request.getSpec().getImage();
        ImageRef ref = ImageRef.parse(image);
        Optional<InspectImageResponse> present = inspect(serving, image);
        if (present.isEmpty()) {
            var auth = credentials.forImage(ref, serving.namespace(), null).orElse(null);
            ImageTransfer.pull(serving.engine(), ref, auth, serving.progress(), ConditionReasons.Request.IMAGE_PULL_FAILED);
            present = inspect(serving, image);
            if (present.isEmpty()) {
                throw new RequestFailure(ConditionReasons.Request.IMAGE_PULL_FAILED, "the pull of " + image
                        + " finished but the engine has no such image");
            }
        }
        String tag = ref.dockerRepoTag();
        List<String> tags = present.get().getRepoTags() == null ? List.of() : present.get().getRepoTags();
        return tag != null && tags.contains(tag) ? ImageMirrorName.of(present.get().getId(), tag) : null;
    }

    private static Optional<InspectImageResponse> inspect(Serving serving, String image) {
        try {
            return Optional.of(serving.engine().docker().inspectImageCmd(image).exec());
        } catch (RuntimeException e) {
            if (EngineErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void progress(Serving serving, String phase) {
        RequestProgress p = new RequestProgress();
        p.setPhase(phase);
        serving.progress().report(p, true);
    }

    private static List<ExposedPort> exposedPorts(ContainerCreateRequestSpec spec) {
        List<ExposedPort> out = new ArrayList<>();
        for (ContainerPort port : spec.getPorts() == null ? List.<ContainerPort>of() : spec.getPorts()) {
            out.add(exposed(port));
        }
        return out;
    }

    private static ExposedPort exposed(ContainerPort port) {
        String name = port.getName();
        if (name == null || !PORT.matcher(name).matches()) {
            throw new RequestFailure(ConditionReasons.Request.INVALID_SPEC, "spec.ports: invalid port \"" + name
                    + "\": want PORT[/tcp|udp|sctp], e.g. 80/tcp");
        }
        try {
            return ExposedPort.parse(name.contains("/") ? name : name + "/tcp");
        } catch (IllegalArgumentException e) {
            throw new RequestFailure(ConditionReasons.Request.INVALID_SPEC, "spec.ports: invalid port \"" + name + "\": " + e.getMessage());
        }
    }

    private static HostConfig hostConfig(ContainerCreateRequestSpec spec) {
        HostConfig host = HostConfig.newHostConfig();
        Ports bindings = new Ports();
        boolean anyBinding = false;
        for (ContainerPort port : spec.getPorts() == null ? List.<ContainerPort>of() : spec.getPorts()) {
            ExposedPort exposed = exposed(port);
            for (PortBinding b : port.getBindings() == null ? List.<PortBinding>of() : port.getBindings()) {
                String hostPort = b.getHostPort() == null ? "" : b.getHostPort();
                if (!HOST_PORT.matcher(hostPort).matches() || !inRange(hostPort)) {
                    throw new RequestFailure(ConditionReasons.Request.INVALID_SPEC, "spec.ports[" + port.getName()
                            + "]: invalid host port \"" + hostPort + "\"");
                }
                bindings.bind(exposed, new Ports.Binding(b.getHostIP() == null || b.getHostIP().isEmpty() ? null : b.getHostIP(),
                        hostPort.isEmpty() ? null : hostPort));
                anyBinding = true;
            }
        }
        if (anyBinding) {
            host.withPortBindings(bindings);
        }
        List<Bind> binds = new ArrayList<>();
        for (CreateMount m : spec.getMounts() == null ? List.<CreateMount>of() : spec.getMounts()) {
            binds.add(bind(m));
        }
        if (!binds.isEmpty()) {
            host.withBinds(binds);
        }
        if (spec.getRestartPolicy() != null && spec.getRestartPolicy().getName() != null) {
            String name = spec.getRestartPolicy().getName();
            Integer max = spec.getRestartPolicy().getMaximumRetryCount();
            try {
                host.withRestartPolicy(RestartPolicy.parse(max != null && max > 0 ? name + ":" + max : name));
            } catch (IllegalArgumentException e) {
                throw new RequestFailure(ConditionReasons.Request.INVALID_SPEC, "spec.restartPolicy.name: invalid restart policy \""
                        + name + "\": want no, always, unless-stopped or on-failure");
            }
        }
        if (Boolean.TRUE.equals(spec.getAutoRemove())) {
            host.withAutoRemove(true);
        }
        if (spec.getNetworkMode() != null && !spec.getNetworkMode().isEmpty()) {
            host.withNetworkMode(spec.getNetworkMode());
        }
        return host;
    }

    private static boolean inRange(String hostPort) {
        if (hostPort.isEmpty()) {
            return true;
        }
        for (String p : hostPort.split("-")) {
            int n = Integer.parseInt(p);
            if (n < 1 || n > 65535) {
                return false;
            }
        }
        return true;
    }

    private static Bind bind(CreateMount m) {
        String type = m.getType() == null ? "volume" : m.getType();
        String source = m.getSource();
        String destination = m.getDestination();
        if (source == null || source.isEmpty() || destination == null || !destination.startsWith("/")) {
            throw new RequestFailure(ConditionReasons.Request.INVALID_SPEC, "spec.mounts: a mount needs a source and an absolute "
                    + "destination, got \"" + source + "\" → \"" + destination + "\"");
        }
        switch (type) {
            case "bind" -> {
                if (!source.startsWith("/")) {
                    throw new RequestFailure(ConditionReasons.Request.INVALID_SPEC, "spec.mounts: a bind mount's source must be an "
                            + "absolute host path, got \"" + source + "\"");
                }
            }
            case "volume" -> {
                if (source.startsWith("/")) {
                    throw new RequestFailure(ConditionReasons.Request.INVALID_SPEC, "spec.mounts: a volume mount's source is a "
                            + "volume name, got the path \"" + source + "\" (use type bind)");
                }
            }
            default -> throw new RequestFailure(ConditionReasons.Request.INVALID_SPEC, "spec.mounts: type must be volume or bind, got \""
                    + type + "\"");
        }
        return new Bind(source, new com.github.dockerjava.api.model.Volume(destination),
                Boolean.TRUE.equals(m.getReadOnly()) ? AccessMode.ro : AccessMode.rw);
    }

    private static RequestOutcome<ContainerCreateRequestStatus> done(String id, String name, String imageRef, String reason) {
        return RequestOutcome.done(reason, "container " + (name == null ? id : name), s -> {
            s.setContainerRef(id);
            s.setName(name);
            if (imageRef != null) {
                s.setImageRef(imageRef);
            }
        });
    }

    private static String strip(String dockerName) {
        return dockerName != null && dockerName.startsWith("/") ? dockerName.substring(1) : dockerName;
    }
}
