package io.rancherdesktop.rdd.instance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The service process that {@code svc start} launched, recorded ({@code <dir>/rdd.launch}: PID and process start
 * time) until the service holds its PID file. Between the launch and the PID file a JVM is starting up that no PID
 * file shows; without this record a {@code svc stop} or {@code svc delete} in that window (e.g. right after a
 * {@code svc start} that timed out) saw nothing running, and the service came up afterwards in a deleted instance.
 * The start time guards against a reused PID: a record only counts while that very process lives.
 */
public final class LaunchRecord {
    private LaunchRecord() {
    }

    /** Records {@code process} as the instance's starting service. */
    public static void write(Path file, ProcessHandle process) throws IOException {
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, process.pid() + " " + started + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The recorded process, if it is still alive (the same process: same start time). */
    public static Optional<ProcessHandle> starting(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        String[] parts = text.split(" ");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(parts[0]);
            long started = Long.parseLong(parts[1]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> started == 0 || p.info().startInstant().map(Instant::toEpochMilli).orElse(0L) == started);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Removes the record (the service holds its PID file now, or the launch failed). */
    public static void clear(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover record is harmless: it only counts while its process lives
        }
    }
}
