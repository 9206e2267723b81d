package io.rancherdesktop.rdd.vm;

import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An rdd instance whose home is a fresh temp dir under /tmp (short: socket paths must stay under 108 bytes).
 * {@link #close()} kills every process whose command line names the home (engines, containerd, shims, stand-in
 * host agents), unmounts what a killed dockerd left mounted, and deletes the tree, even after a failed test.
 */
final class TempInstance implements AutoCloseable {
    final Path home;
    final InstancePaths paths;

    TempInstance(String suffix) {
        try {
            home = Files.createTempDirectory(Path.of("/tmp"), "rdd-vm-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        paths = new InstancePaths(new Instance(suffix), Platform.LINUX, home, Map.of());
    }

    /** Engine processes (dockerd or rootlesskit, containerd) serving {@code socket}, as a count. */
    static long enginesServing(Path socket, String daemon) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(ph -> ph.info().arguments().map(List::of).map(a -> a.contains(socket.toString())
                        || a.contains("unix://" + socket)).orElse(false))
                .filter(ph -> ph.info().command().map(c -> c.endsWith("/" + daemon)).orElse(false))
                .count();
    }

    @Override
    public void close() {
        String needle = home.toString() + "/";
        List<ProcessHandle> leftovers = ProcessHandle.allProcesses()
                .filter(ph -> ph.pid() != ProcessHandle.current().pid())
                .filter(ph -> ph.info().commandLine().map(c -> c.contains(needle)).orElse(false))
                .toList();
        leftovers.forEach(ProcessHandle::destroyForcibly);
        leftovers.forEach(ph -> HostProcesses.awaitExit(ph, Duration.ofSeconds(10)));
        HostProcesses.unmountUnder(List.of(home));
        try {
            HostProcesses.deleteTree(home);
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + home, e);
        }
    }
}
