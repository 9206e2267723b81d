package io.rancherdesktop.rdd.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The service's PID file ({@code <dir>/rdd.pid}). The running service holds an exclusive OS lock on it for its
 * whole life, so a PID file left by a crashed or {@code kill -9}ed service is recognisable as stale (nobody
 * holds the lock) and never blocks a start, even if its PID was reused by another process.
 */
public final class PidFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private PidFile(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock and writes this process's PID. Empty if another live process holds it (the service is
     * already running); the caller then reports that and exits.
     */
    public static Optional<PidFile> acquire(Path path) {
        try {
            Files.createDirectories(path.getParent());
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                return Optional.empty();
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(true);
            return Optional.of(new PidFile(path, ch, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("acquiring PID file " + path, e);
        }
    }

    /**
     * The PID of the live service that holds the lock, or empty when no service runs (no file, stale file,
     * unreadable content). Never blocks.
     */
    public static Optional<Long> runningPid(Path path) {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = ch.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                probe = null; // this JVM holds it: the service runs in-process
            }
            if (probe != null) {
                probe.release();
                return Optional.empty(); // nobody holds it: stale
            }
            String text = Files.readString(path, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Path path() {
        return path;
    }

    /** Releases the lock and removes the file (on a clean shutdown). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("releasing PID file " + path, e);
        }
    }
}
