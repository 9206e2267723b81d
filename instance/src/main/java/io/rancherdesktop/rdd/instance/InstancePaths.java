package io.rancherdesktop.rdd.instance;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Every file-system location of one instance (docs/design/upstream-cli.md §2). Pure computation: nothing here touches
 * the disk or the service, so {@code rdd svc paths} is safe while the service hangs.
 * All code derives its paths from here; no other class spells {@code .rd<suffix>}.
 */
public final class InstancePaths {
    /** The one context, cluster and user name in the instance kubeconfig ({@link #config()}). */
    public static final String KUBECONFIG_NAME = "root";

    public static final String ENV_LOG_DIR = "RDD_LOG_DIR";

    private final Instance instance;
    private final Platform platform;
    private final Path home;
    private final Path dir;
    private final Path logDir;
    private final Path shortDir;

    public InstancePaths(Instance instance, Platform platform, Path home, Map<String, String> env) {
        this.instance = instance;
        this.platform = platform;
        this.home = home;
        String name = instance.name();
        this.dir = switch (platform) {
            case LINUX -> home.resolve(".local").resolve("share").resolve(name);
            case MACOS -> home.resolve("Library").resolve("Application Support").resolve(name);
            case WINDOWS -> home.resolve("AppData").resolve("Local").resolve(name);
        };
        String logOverride = env.get(ENV_LOG_DIR);
        if (logOverride != null && !logOverride.isEmpty()) {
            this.logDir = Path.of(logOverride).toAbsolutePath().normalize();
        } else {
            this.logDir = switch (platform) {
                case LINUX -> home.resolve(".local").resolve("state").resolve(name);
                case MACOS -> home.resolve("Library").resolve("Logs").resolve(name);
                case WINDOWS -> home.resolve("AppData").resolve("Local").resolve(name + "-logs");
            };
        }
        this.shortDir = home.resolve(".rd" + instance.suffix());
    }

    /** Paths for the instance of this process: {@code RDD_INSTANCE}, the user's home and this OS. */
    public static InstancePaths forInstance(Instance instance) {
        return new InstancePaths(instance, Platform.current(), Path.of(System.getProperty("user.home")), System.getenv());
    }

    public Instance instance() { return instance; }
    public Platform platform() { return platform; }
    public Path home() { return home; }

    /** The service dir ({@code dir}): datastore, args, kubeconfig, TLS material, PID file. */
    public Path dir() { return dir; }
    public Path logDir() { return logDir; }
    /** {@code ~/.rd<suffix>}: short enough for Unix socket paths. */
    public Path shortDir() { return shortDir; }

    public Path argsFile() { return dir.resolve("args.json"); }
    /** The control-plane kubeconfig (context and cluster {@code root}). */
    public Path config() { return dir.resolve("config.yaml"); }
    public Path k3sConfig() { return dir.resolve("k3s.yaml"); }
    public Path pidFile() { return dir.resolve("rdd.pid"); }
    /** The service process {@code svc start} launched, until it holds the PID file ({@link LaunchRecord}). */
    public Path launchFile() { return dir.resolve("rdd.launch"); }
    public Path tlsDir() { return dir.resolve("tls"); }
    public Path datastore() { return dir.resolve("rdd.sqlite3"); }
    /** What the CLI learnt from the running service (readiness, discovery), keyed by the service's run. */
    public Path cliCache() { return dir.resolve("cli-cache.json"); }
    public Path limaHome() { return shortDir.resolve("lima"); }
    public Path kubeConfig() { return shortDir.resolve("kube.config"); }
    public Path binDir() { return shortDir.resolve("bin"); }
    /** The API server's Unix socket. */
    public Path apiSocket() { return shortDir.resolve("rdd.sock"); }
    public Path stderrLog() { return logDir.resolve("rdd.stderr.log"); }
    public Path stdoutLog() { return logDir.resolve("rdd.stdout.log"); }

    /** The engine socket as a path; on Windows the named pipe. */
    public String dockerSocket() {
        return platform == Platform.WINDOWS ? "\\\\.\\pipe\\docker_engine" : shortDir.resolve("docker.sock").toString();
    }

    /** The engine endpoint URI ({@code unix://…} or {@code npipe:////./pipe/docker_engine}). */
    public String dockerEndpoint() {
        return platform == Platform.WINDOWS ? "npipe:////./pipe/docker_engine" : "unix://" + dockerSocket();
    }

    /** The keys of {@code rdd svc paths}, in sorted order, with their values. */
    public SequencedMap<String, String> byKey() {
        SequencedMap<String, String> m = new LinkedHashMap<>();
        m.put("args_file", argsFile().toString());
        m.put("config", config().toString());
        m.put("dir", dir.toString());
        m.put("docker_socket", dockerSocket());
        m.put("k3s_config", k3sConfig().toString());
        m.put("lima_home", limaHome().toString());
        m.put("log_dir", logDir.toString());
        m.put("pid_file", pidFile().toString());
        m.put("short_dir", shortDir.toString());
        m.put("tls_dir", tlsDir().toString());
        return Collections.unmodifiableSequencedMap(m);
    }
}
