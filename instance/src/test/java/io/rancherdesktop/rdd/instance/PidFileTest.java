package io.rancherdesktop.rdd.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @Test
    void aHeldPidFileReportsThisProcessAndBlocksASecondAcquire(@TempDir Path dir) {
        Path p = dir.resolve("rdd.pid");
        try (PidFile held = PidFile.acquire(p).orElseThrow()) {
            assertEquals(Optional.of(ProcessHandle.current().pid()), Optional.of(Long.parseLong(readTrim(p))));
            assertTrue(PidFile.acquire(p).isEmpty(), "second acquire while held");
        }
        assertFalse(Files.exists(p), "a clean close removes the file");
    }

    @Test
    void aStalePidFileFromACrashedServiceIsNotRunningAndCanBeTakenOver(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("rdd.pid");
        Files.writeString(p, "999999\n"); // left behind by a kill -9: nobody holds the lock
        assertTrue(PidFile.runningPid(p).isEmpty());
        try (PidFile taken = PidFile.acquire(p).orElseThrow()) {
            assertEquals(String.valueOf(ProcessHandle.current().pid()), readTrim(p));
        }
    }

    @Test
    void noFileMeansNotRunning(@TempDir Path dir) {
        assertTrue(PidFile.runningPid(dir.resolve("absent.pid")).isEmpty());
    }

    private static String readTrim(Path p) {
        try {
            return Files.readString(p).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
