package io.rancherdesktop.rdd.instance;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts {@code rdd svc serve} as a detached background process (docs/design/upstream-cli.md §7 {@code svc start}): stdin from
 * {@code /dev/null}, stdout and stderr appended to {@code rdd.stdout.log}/{@code rdd.stderr.log} in log_dir (rotated
 * first unless {@code RDD_KEEP_LOGS} is set), its own session ({@code setsid}, else {@code nohup}) so a terminal
 * hangup does not reach it, and the service dir as working directory.
 */
public final class ServiceLauncher {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServiceLauncher.class);
    /** Set (to anything) to keep every log: no rotation on start, no removal on delete. */
    public static final String ENV_KEEP_LOGS = "RDD_KEEP_LOGS";

    private final InstancePaths paths;
    private final ServiceCommandLine commandLine;
    private final Map<String, String> env;

    public ServiceLauncher(InstancePaths paths, ServiceCommandLine commandLine, Map<String, String> env) {
        this.paths = paths;
        this.commandLine = commandLine;
        this.env = env;
    }

    /** Whether logs are kept ({@code RDD_KEEP_LOGS} set and not empty). */
    public static boolean keepLogs(Map<String, String> env) {
        String v = env.get(ENV_KEEP_LOGS);
        return v != null && !v.isEmpty();
    }

    /** The full command that {@link #launch} runs, for logs and tests. */
    public List<String> command(List<String> serveArgs) {
        List<String> cmd = new ArrayList<>();
        detachPrefix().ifPresent(cmd::add);
        cmd.addAll(commandLine.prefix(paths.instance()));
        cmd.add("--instance");
        cmd.add(paths.instance().suffix());
        cmd.add("svc");
        cmd.add("serve");
        cmd.addAll(serveArgs);
        return cmd;
    }

    /** Starts the service process and returns at once; readiness is the caller's to wait for. */
    public Process launch(List<String> serveArgs) throws IOException {
        PrivateFiles.ensurePrivateDir(paths.dir());
        // Logs may quote objects and requests. The default log dir is the instance's own and is tightened if it exists;
        // a dir named by RDD_LOG_DIR may be shared (/tmp), so only the log files in it are made private.
        String logDirOverride = env.get(InstancePaths.ENV_LOG_DIR);
        if (logDirOverride == null || logDirOverride.isEmpty()) {
            PrivateFiles.ensurePrivateDir(paths.logDir());
        } else {
            PrivateFiles.createPrivateDirIfAbsent(paths.logDir());
        }
        if (!keepLogs(env)) {
            LogRotation.rotate(paths.stdoutLog(), LogRotation.DEFAULT_KEEP);
            LogRotation.rotate(paths.stderrLog(), LogRotation.DEFAULT_KEEP);
        }
        PrivateFiles.ensurePrivateFile(paths.stdoutLog());
        PrivateFiles.ensurePrivateFile(paths.stderrLog());
        ProcessBuilder pb = new ProcessBuilder(command(serveArgs))
                .directory(paths.dir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.stdoutLog().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(paths.stderrLog().toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        // The instance is on the command line; an inherited RDD_INSTANCE must not contradict it.
        pb.environment().put(Instance.ENV_INSTANCE, paths.instance().suffix());
        Process p = pb.start();
        try {
            LaunchRecord.write(paths.launchFile(), p.toHandle());
        } catch (IOException e) {
            log.warn("cannot record the launched service process in {}: {}", paths.launchFile(), e.getMessage());
        }
        return p;
    }

    private java.util.Optional<String> detachPrefix() {
        if (paths.platform() == Platform.WINDOWS) {
            return java.util.Optional.empty();
        }
        for (String tool : List.of("/usr/bin/setsid", "/bin/setsid", "/usr/bin/nohup", "/bin/nohup")) {
            if (Files.isExecutable(Path.of(tool))) {
                return java.util.Optional.of(tool);
            }
        }
        return java.util.Optional.empty();
    }

    private String nullDevice() {
        return paths.platform() == Platform.WINDOWS ? "NUL" : "/dev/null";
    }
}
