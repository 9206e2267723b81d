package io.rancherdesktop.rdd.ui.model;

import io.rancherdesktop.rdd.api.VmDriverKind;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which machine drivers can work on this host, known before anyone tries: {@code lima} needs {@code limactl},
 * {@code process} needs {@code dockerd} on the PATH. The machine bar shows the others disabled with the reason.
 */
public final class DriverAvailability {
    private final Predicate<String> onPath;

    public DriverAvailability(Predicate<String> onPath) {
        this.onPath = onPath;
    }

    /** From the PATH of this process. */
    public static DriverAvailability fromEnvironment() {
        String path = System.getenv("PATH");
        return new DriverAvailability(tool -> path != null && java.util.Arrays.stream(path.split(File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, tool))
                .anyMatch(p -> Files.isRegularFile(p) && Files.isExecutable(p)));
    }

    /** Why {@code driver} cannot work here, or empty when it may. */
    public Optional<String> unavailable(VmDriverKind driver) {
        return switch (driver) {
            case LIMA -> onPath.test("limactl") ? Optional.empty() : Optional.of("needs limactl, which is not on the PATH");
            case PROCESS -> onPath.test("dockerd") ? Optional.empty() : Optional.of("needs dockerd, which is not on the PATH");
            default -> Optional.empty();
        };
    }
}
