package io.rancherdesktop.rdd.vm;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the drivers need to know about the host, injectable so that selection and command lines are unit-testable:
 * the environment, whether the service runs as root, and where executables are.
 *
 * @param env    the service's environment ({@code DOCKER_HOST}, {@code PATH}, {@code RDD_*})
 * @param root   whether the service runs as uid 0 (rootful engines)
 * @param lookup finds an executable by name
 */
public record HostEnvironment(Map<String, String> env, boolean root, Function<String, Optional<Path>> lookup) {
    /** Where distributions put daemons and helper scripts that are not on a normal user's PATH. */
    static final List<String> EXTRA_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin", "/usr/share/docker.io/contrib");

    public HostEnvironment {
        env = Map.copyOf(env);
    }

    /** This JVM's host. */
    public static HostEnvironment system() {
        Map<String, String> env = System.getenv();
        return new HostEnvironment(env, isRootUser(), name -> findOnPath(name, env.getOrDefault("PATH", "")));
    }

    public Optional<Path> find(String executable) {
        return lookup.apply(executable);
    }

    /** Searches {@code path} (colon-separated), then {@link #EXTRA_DIRS}. */
    public static Optional<Path> findOnPath(String name, String path) {
        Set<String> dirs = new LinkedHashSet<>();
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isEmpty()) {
                dirs.add(d);
            }
        }
        dirs.addAll(new ArrayList<>(EXTRA_DIRS));
        for (String d : dirs) {
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static boolean isRootUser() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError notUnix) {
            return false; // Windows: no uid, and no rootful/rootless distinction
        }
    }
}
