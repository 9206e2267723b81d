package io.rancherdesktop.rdd.vm;

import io.rancherdesktop.rdd.instance.InstancePaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves {@code App.spec.vm.driver} to a driver. {@code auto} picks, in order: {@code lima} where {@code limactl}
 * exists; {@code process} where the engine daemon exists and can run (as root, or rootless with rootlesskit);
 * {@code external} where a Docker socket answers (moby only); otherwise it fails with a message naming what to
 * install. Lookups (executables, the socket probe) are injected, so every branch is unit-testable.
 */
public final class DriverSelector {
    private final InstancePaths paths;
    private final HostEnvironment host;
    private final Function<String, Optional<String>> dockerProbe;
    private final RestartPolicy restartPolicy;

    /** What {@link #choose} decided, and why (for logs and messages). */
    public record Choice(DriverKind kind, Optional<Path> executable, String reason) {
    }

    public DriverSelector(InstancePaths paths, HostEnvironment host) {
        this(paths, host, endpoint -> new EngineProbe.DockerPing(endpoint).check(Duration.ofSeconds(2)), RestartPolicy.DEFAULT);
    }

    /**
     * @param dockerProbe pings a Docker endpoint: empty if it answers, else why not
     */
    public DriverSelector(InstancePaths paths, HostEnvironment host, Function<String, Optional<String>> dockerProbe,
                          RestartPolicy restartPolicy) {
        this.paths = Objects.requireNonNull(paths);
        this.host = Objects.requireNonNull(host);
        this.dockerProbe = Objects.requireNonNull(dockerProbe);
        this.restartPolicy = Objects.requireNonNull(restartPolicy);
    }

    /** The driver for {@code requested} ({@code auto} resolved) and {@code config}, not yet started. */
    public VmDriver select(DriverKind requested, EngineConfig config) throws VmException {
        return create(choose(requested, config));
    }

    public VmDriver create(Choice choice) {
        return switch (choice.kind()) {
            case PROCESS -> new ProcessDriver(paths, host, restartPolicy);
            case EXTERNAL -> new ExternalDriver(paths, host);
            case LIMA -> new LimaDriver(paths, choice.executable().orElseThrow(), host);
            case AUTO -> throw new IllegalArgumentException("auto is resolved by choose()");
        };
    }

    /**
     * @throws VmException {@link VmReason#START_FAILED} when {@code lima} is asked for without {@code limactl}, or when
     *                     {@code auto} finds nothing; the message names what to install
     */
    public Choice choose(DriverKind requested, EngineConfig config) throws VmException {
        Optional<Path> limactl = host.find("limactl");
        return switch (requested) {
            case LIMA -> new Choice(DriverKind.LIMA, Optional.of(limactl.orElseThrow(() -> new VmException(
                    VmReason.START_FAILED, "the lima driver needs limactl, which is not installed; " + LIMA_HINT))),
                    "requested");
            case PROCESS -> new Choice(DriverKind.PROCESS, host.find(config.engine().daemon()), "requested");
            case EXTERNAL -> new Choice(DriverKind.EXTERNAL, Optional.empty(), "requested");
            case AUTO -> chooseAutomatically(config, limactl);
        };
    }

    private static final String LIMA_HINT = "install Lima (https://lima-vm.io; macOS: brew install lima)";

    private Choice chooseAutomatically(EngineConfig config, Optional<Path> limactl) throws VmException {
        if (limactl.isPresent()) {
            return new Choice(DriverKind.LIMA, limactl, "limactl found at " + limactl.get());
        }
        EngineKind engine = config.engine();
        Optional<Path> daemon = host.find(engine.daemon());
        String processProblem;
        if (daemon.isPresent()) {
            try {
                EngineCommand.forConfig(config, new EngineLayout(paths), host); // runnable here: root or rootless
                return new Choice(DriverKind.PROCESS, daemon, engine.daemon() + " found at " + daemon.get());
            } catch (VmException e) {
                processProblem = e.getMessage();
            }
        } else {
            processProblem = engine.daemon() + " is not installed";
        }
        String externalProblem;
        if (engine == EngineKind.MOBY) {
            String endpoint = ExternalDriver.resolveEndpoint(config.socket(), host.env());
            Optional<String> err = dockerProbe.apply(endpoint);
            if (err.isEmpty()) {
                return new Choice(DriverKind.EXTERNAL, Optional.empty(), "a Docker engine answers at " + endpoint);
            }
            externalProblem = "no Docker engine answers at " + endpoint + " (" + err.get() + ")";
        } else {
            externalProblem = "the external driver only attaches to Docker (moby) engines";
        }
        throw new VmException(VmReason.START_FAILED, "no way to run the " + engine.specValue() + " engine was found: "
                + "limactl is not installed; " + processProblem + "; " + externalProblem + ". To fix it, " + LIMA_HINT
                + " to run the engine in a VM, or " + EngineCommand.installHint(engine) + " to run it as a local process"
                + (engine == EngineKind.MOBY ? ", or set App.spec.vm.socket (rdd set vm.socket=…) or DOCKER_HOST to a "
                + "running Docker engine" : ""));
    }
}
