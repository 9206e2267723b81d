package io.rancherdesktop.rdd.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of a local engine process. Pure: computed from the config, the instance layout and the host,
 * so it is unit-testable and the {@link ProcessDriver} can compare it with the command line of a process it
 * finds running (adoption).
 *
 * @param launcher prefix that does not survive {@code exec} ({@code setsid}: the engine gets its own session,
 *                 so a Ctrl-C on a foreground service does not hit it)
 * @param argv     the engine's own argv, as {@code /proc/<pid>/cmdline} shows it once it runs
 * @param rootless whether the engine runs rootless (via rootlesskit)
 */
public record EngineCommand(List<String> launcher, List<String> argv, boolean rootless) {
    static final String DOCKERD_ROOTLESS = "dockerd-rootless.sh";
    static final String CONTAINERD_ROOTLESS = "containerd-rootless.sh";

    public EngineCommand {
        launcher = List.copyOf(launcher);
        argv = List.copyOf(argv);
    }

    /** What to hand to {@link ProcessBuilder}. */
    public List<String> fullCommand() {
        List<String> all = new ArrayList<>(launcher);
        all.addAll(argv);
        return all;
    }

    /** The engine's flags (argv without argv[0]); a running process with these trailing arguments is this engine. */
    public List<String> flags() {
        return argv.subList(1, argv.size());
    }

    /**
     * Root gets a rootful daemon. A non-root user gets rootless dockerd ({@code dockerd-rootless.sh}, which needs
     * {@code rootlesskit}), or containerd via {@code containerd-rootless.sh}; without them, a message naming what
     * to install.
     *
     * @throws VmException {@link VmReason#START_FAILED} when the engine or its rootless helpers are missing
     */
    public static EngineCommand forConfig(EngineConfig config, EngineLayout layout, HostEnvironment host) throws VmException {
        EngineKind engine = config.engine();
        Path daemon = host.find(engine.daemon()).orElseThrow(() -> new VmException(VmReason.START_FAILED,
                engine.daemon() + " is not installed; " + installHint(engine)));
        List<String> flags = switch (engine) {
            case MOBY -> dockerdFlags(config, layout);
            case CONTAINERD -> containerdFlags(layout);
        };
        List<String> launcher = host.find("setsid").map(p -> List.of(p.toString())).orElse(List.of());
        List<String> argv = new ArrayList<>();
        if (host.root()) {
            argv.add(daemon.toString());
            argv.addAll(flags);
            return new EngineCommand(launcher, argv, false);
        }
        String script = engine == EngineKind.MOBY ? DOCKERD_ROOTLESS : CONTAINERD_ROOTLESS;
        Optional<Path> rootlessScript = host.find(script);
        Optional<Path> rootlesskit = host.find("rootlesskit");
        if (rootlessScript.isEmpty() || rootlesskit.isEmpty()) {
            throw new VmException(VmReason.START_FAILED, engine.daemon() + " needs root; to run it rootless as "
                    + "this user, install " + (rootlesskit.isEmpty() ? "rootlesskit and uidmap (Debian/Ubuntu: "
                    + "apt-get install rootlesskit uidmap)" : "")
                    + (rootlessScript.isEmpty() ? (rootlesskit.isEmpty() ? " and " : "") + script
                    + (engine == EngineKind.MOBY ? " (it ships with docker-ce-rootless-extras, and with Debian's "
                    + "docker.io in /usr/share/docker.io/contrib)" : " (it ships with nerdctl)") : "")
                    + ", or run the rdd service as root");
        }
        String runtimeDir = host.env().get("XDG_RUNTIME_DIR");
        if (runtimeDir == null || runtimeDir.isEmpty()) {
            throw new VmException(VmReason.START_FAILED, "rootless " + engine.daemon()
                    + " needs XDG_RUNTIME_DIR (a per-user runtime dir, e.g. /run/user/$UID from a login session)");
        }
        // The script execs "rootlesskit … <script> <flags>", then the daemon with the same flags.
        argv.add(rootlessScript.get().toString());
        argv.addAll(flags);
        return new EngineCommand(launcher, argv, true);
    }

    static List<String> dockerdFlags(EngineConfig config, EngineLayout layout) {
        List<String> f = new ArrayList<>(List.of(
                "--config-file", layout.dockerConfigFile().toString(),
                "--data-root", layout.dockerDataRoot().toString(),
                "--exec-root", layout.dockerExecRoot().toString(),
                "--pidfile", layout.dockerPidFile().toString(),
                "--host", "unix://" + layout.dockerSocket()));
        f.addAll(config.dockerdArgs());
        return f;
    }

    static List<String> containerdFlags(EngineLayout layout) {
        return List.of(
                "--config", layout.containerdConfigFile().toString(),
                "--address", layout.containerdSocket().toString(),
                "--root", layout.containerdRoot().toString(),
                "--state", layout.containerdState().toString());
    }

    static String installHint(EngineKind engine) {
        return switch (engine) {
            case MOBY -> "install Docker's engine (Debian/Ubuntu: apt-get install docker.io; Fedora: dnf install moby-engine)";
            case CONTAINERD -> "install containerd (Debian/Ubuntu/Fedora: the containerd package)";
        };
    }
}
