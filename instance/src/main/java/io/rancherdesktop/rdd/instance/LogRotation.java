package io.rancherdesktop.rdd.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Rotates a service log before a start: {@code f} becomes {@code f.1}, {@code f.1} becomes {@code f.2}, … and the
 * oldest generation beyond {@code keep} is dropped, so each start begins a fresh file but the previous runs'
 * logs (often the interesting ones after a crash) stay around.
 */
public final class LogRotation {
    /** Old generations kept by default. */
    public static final int DEFAULT_KEEP = 3;

    private LogRotation() {
    }

    public static void rotate(Path file, int keep) {
        try {
            if (!Files.exists(file)) {
                return;
            }
            if (keep <= 0) {
                Files.delete(file);
                return;
            }
            Files.deleteIfExists(generation(file, keep));
            for (int g = keep - 1; g >= 1; g--) {
                Path from = generation(file, g);
                if (Files.exists(from)) {
                    Files.move(from, generation(file, g + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, generation(file, 1), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("rotating " + file, e);
        }
    }

    public static Path generation(Path file, int g) {
        return file.resolveSibling(file.getFileName() + "." + g);
    }
}
