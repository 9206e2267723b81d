package io.rancherdesktop.rdd.vm;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A host for unit tests: which executables "exist" (under /opt/fake/bin), whether we are root, the environment. */
final class FakeHost {
    private final Set<String> executables = new HashSet<>();
    private final Map<String, String> env = new HashMap<>();
    private boolean root = true;

    FakeHost with(String... names) {
        executables.addAll(Set.of(names));
        return this;
    }

    FakeHost nonRoot() {
        root = false;
        return this;
    }

    FakeHost env(String key, String value) {
        env.put(key, value);
        return this;
    }

    static Path pathOf(String name) {
        return Path.of("/opt/fake/bin", name);
    }

    HostEnvironment build() {
        Set<String> exe = Set.copyOf(executables);
        return new HostEnvironment(env, root, n -> exe.contains(n) ? Optional.of(pathOf(n)) : Optional.empty());
    }
}
