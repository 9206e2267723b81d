package io.rancherdesktop.rdd.reliability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/** A small tmpfs mounted on a directory (root only; the test is skipped otherwise), with a filler file that fills it. */
final class Tmpfs implements AutoCloseable {
    private final Path dir;
    private final Path filler;

    private Tmpfs(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler");
    }

    /** Mounts a tmpfs of {@code size} (e.g. {@code 32m}) on {@code dir} (created 0700); skips the test when it cannot. */
    static Tmpfs mount(Path dir, String size) throws IOException, InterruptedException {
        assumeTrue(Commands.isRoot(), "needs root to mount a tmpfs");
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Commands.Result r = Commands.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", dir.toString()),
                Duration.ofSeconds(30));
        assumeTrue(r.code() == 0, "cannot mount a tmpfs here: " + r.output());
        return new Tmpfs(dir);
    }

    /** Writes the filler file until the file system is full to the byte; returns its size. */
    long fill() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.APPEND)) {
            for (int i = 0; i < 64 * 1024; i++) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            // full to the byte
        }
        return Files.size(filler);
    }

    /** Deletes the filler: space returns. */
    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        free();
        if (Commands.run(List.of("umount", dir.toString()), Duration.ofSeconds(30)).code() != 0) {
            Commands.run(List.of("umount", "-l", dir.toString()), Duration.ofSeconds(30));
        }
    }
}
