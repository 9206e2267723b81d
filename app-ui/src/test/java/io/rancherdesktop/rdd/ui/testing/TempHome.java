package io.rancherdesktop.rdd.ui.testing;

import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A private home directory for one instance, so tests never touch the user's {@code ~/.rd*} or their service. */
public final class TempHome implements AutoCloseable {
    private final Path home;
    private final InstancePaths paths;

    public TempHome(String instance) {
        try {
            // Short: the instance's Unix sockets live under it.
            this.home = Files.createTempDirectory(Path.of("/tmp"), "rdui-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.paths = new InstancePaths(new Instance(instance), Platform.current(), home, Map.of());
    }

    public InstancePaths paths() {
        return paths;
    }

    public Path home() {
        return home;
    }

    @Override
    public void close() {
        if (!Files.exists(home)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(home)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + home, e);
        }
    }
}
