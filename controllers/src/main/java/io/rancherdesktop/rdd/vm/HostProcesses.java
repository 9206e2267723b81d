package io.rancherdesktop.rdd.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Operations on host processes and mounts that the process driver needs after an engine died hard. */
final class HostProcesses {
    private static final Logger log = LoggerFactory.getLogger(HostProcesses.class);
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private HostProcesses() {
    }

    /** Waits up to {@code timeout} for the process to be gone. */
    static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        if (!handle.isAlive()) {
            return true;
        }
        try {
            handle.onExit().get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    /**
     * SIGKILLs processes that belong to a dead engine: its former descendants and any process whose command line
     * names one of {@code needles} (containerd shims carry the engine's state dir in theirs and outlive it).
     */
    static void killLeftovers(Collection<ProcessHandle> formerDescendants, List<String> needles) {
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> victims = new ArrayList<>();
        formerDescendants.stream().filter(ProcessHandle::isAlive).forEach(victims::add);
        ProcessHandle.allProcesses()
                .filter(ph -> ph.pid() != self)
                .filter(ph -> ph.info().commandLine().map(c -> needles.stream().anyMatch(c::contains)).orElse(false))
                .forEach(victims::add);
        for (ProcessHandle ph : victims) {
            log.info("killing leftover engine process {} ({})", ph.pid(), ph.info().commandLine().orElse("?"));
            ph.destroyForcibly();
        }
        for (ProcessHandle ph : victims) {
            awaitExit(ph, Duration.ofSeconds(10));
        }
    }

    /**
     * Unmounts what a hard-killed dockerd left mounted under {@code roots} (it bind-mounts its data root onto
     * itself and only undoes that on a clean shutdown). Linux and root only; best effort.
     */
    static void unmountUnder(List<Path> roots) {
        if (!Files.isReadable(MOUNTINFO)) {
            return;
        }
        List<String> points;
        try {
            points = Files.readAllLines(MOUNTINFO).stream()
                    .map(l -> l.split(" "))
                    .filter(f -> f.length > 4)
                    .map(f -> unescape(f[4]))
                    .filter(mp -> roots.stream().anyMatch(r -> mp.equals(r.toString()) || mp.startsWith(r + "/")))
                    .sorted(Comparator.comparingInt(String::length).reversed())
                    .toList();
        } catch (IOException e) {
            log.debug("cannot read {}", MOUNTINFO, e);
            return;
        }
        for (String mp : points) {
            try {
                Process p = new ProcessBuilder("umount", mp).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).strip();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    log.warn("cannot unmount {} left by the engine: {}", mp, out);
                } else {
                    log.info("unmounted {} left by the engine", mp);
                }
            } catch (IOException e) {
                log.warn("cannot run umount {}: {}", mp, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** mountinfo escapes blanks and backslashes as octal ({@code \040}). */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()
                    && s.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7')) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Deletes a tree, deepest first; best effort for what the engine still holds. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
