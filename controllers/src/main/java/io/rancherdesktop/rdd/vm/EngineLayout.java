package io.rancherdesktop.rdd.vm;

import io.rancherdesktop.rdd.instance.InstancePaths;
import java.nio.file.Path;

/**
 * Where a local engine keeps its files, all derived from {@link InstancePaths}. Persistent data lives in the
 * service dir; sockets and run-time state live under {@code short_dir}, which keeps every Unix socket path
 * (including containerd's and its shims', which dockerd puts under the exec root) short.
 */
public record EngineLayout(InstancePaths paths) {

    /** {@code <dir>/engine}: engine data and the user-editable engine config files. */
    public Path engineDir() {
        return paths.dir().resolve("engine");
    }

    /** {@code <short_dir>/engine}: run-time state (pid files, containerd sockets). */
    public Path runDir() {
        return paths.shortDir().resolve("engine");
    }

    public Path dockerDataRoot() {
        return engineDir().resolve("docker");
    }

    /** dockerd's {@code --config-file}: created as {@code {}} once, then the user's to edit. */
    public Path dockerConfigFile() {
        return engineDir().resolve("daemon.json");
    }

    public Path dockerExecRoot() {
        return runDir().resolve("docker");
    }

    public Path dockerPidFile() {
        return dockerExecRoot().resolve("dockerd.pid");
    }

    public Path dockerSocket() {
        return Path.of(paths.dockerSocket());
    }

    public Path containerdRoot() {
        return engineDir().resolve("containerd");
    }

    public Path containerdState() {
        return runDir().resolve("containerd");
    }

    /** containerd's {@code --config}: created once, then the user's to edit. */
    public Path containerdConfigFile() {
        return engineDir().resolve("containerd.toml");
    }

    public Path containerdSocket() {
        return paths.shortDir().resolve("containerd.sock");
    }

    /** The adoption record of the running engine process (see {@link ProcessDriver}). */
    public Path stateFile() {
        return engineDir().resolve("process.json");
    }

    public Path log(EngineKind engine) {
        return paths.logDir().resolve(engine.daemon() + ".log");
    }

    /** The engine's endpoint URI. */
    public EngineEndpoint endpoint(EngineKind engine) {
        return switch (engine) {
            case MOBY -> new EngineEndpoint(engine, paths.dockerEndpoint());
            case CONTAINERD -> new EngineEndpoint(engine, "unix://" + containerdSocket());
        };
    }

    /** The socket file the engine creates (removed when it is stale). */
    public Path socket(EngineKind engine) {
        return switch (engine) {
            case MOBY -> dockerSocket();
            case CONTAINERD -> containerdSocket();
        };
    }

    /** Directories holding the engine's run-time state; processes naming them in their command line are its own. */
    public Path runtimeRoot(EngineKind engine) {
        return switch (engine) {
            case MOBY -> dockerExecRoot();
            case CONTAINERD -> containerdState();
        };
    }
}
