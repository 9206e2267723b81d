package io.rancherdesktop.rdd.instance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the file system says about an instance: created (args.json exists) and running (a live process holds
 * the PID file's lock; a stale file left by a crash counts as not running), with the start time of the running
 * service (the PID file's modification time, written when the service took the lock). A service launched but not
 * yet holding its PID file counts as running and {@code starting} ({@link LaunchRecord}), so that stopping or
 * deleting the instance stops it too.
 */
public record ServiceStatus(boolean created, OptionalLong pid, Optional<Instant> startedAt, boolean starting) {

    public static ServiceStatus of(InstancePaths paths) {
        boolean created = Files.isRegularFile(paths.argsFile());
        Optional<Long> pid = PidFile.runningPid(paths.pidFile());
        if (pid.isEmpty()) {
            Optional<ProcessHandle> launched = LaunchRecord.starting(paths.launchFile());
            if (launched.isPresent()) {
                // Checked again: the service may have taken its PID file between the two reads.
                Optional<Long> now = PidFile.runningPid(paths.pidFile());
                if (now.isEmpty()) {
                    return new ServiceStatus(created, OptionalLong.of(launched.get().pid()), launched.get().info().startInstant(), true);
                }
                return of(paths);
            }
            return new ServiceStatus(created, OptionalLong.empty(), Optional.empty(), false);
        }
        Optional<Instant> started;
        try {
            FileTime t = Files.getLastModifiedTime(paths.pidFile());
            started = Optional.of(t.toInstant());
        } catch (IOException e) {
            started = Optional.empty();
        }
        return new ServiceStatus(created, OptionalLong.of(pid.get()), started, false);
    }

    public boolean running() {
        return pid.isPresent();
    }

    /**
     * Identifies one run of the service (PID and start time), so caches of what the CLI learnt from it
     * (discovery, readiness) are dropped when the service restarts. Empty when not running.
     */
    public Optional<String> runId() {
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(pid.getAsLong() + "@" + startedAt.map(Instant::toEpochMilli).orElse(0L));
    }
}
