package io.rancherdesktop.rdd.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchRecordTest {
    @TempDir
    Path dir;

    @Test
    void aRecordedLiveProcessIsStartingUntilTheRecordIsCleared() throws IOException {
        Path file = dir.resolve("rdd.launch");
        LaunchRecord.write(file, ProcessHandle.current());
        assertEquals(ProcessHandle.current().pid(), LaunchRecord.starting(file).orElseThrow().pid());
        LaunchRecord.clear(file);
        assertTrue(LaunchRecord.starting(file).isEmpty());
    }

    @Test
    void aReusedPidWithAnotherStartTimeIsNotTheLaunchedService() throws IOException {
        Path file = dir.resolve("rdd.launch");
        long started = ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElseThrow();
        Files.writeString(file, ProcessHandle.current().pid() + " " + (started - 60_000) + "\n");
        assertTrue(LaunchRecord.starting(file).isEmpty());
    }

    @Test
    void aDeadProcessOrAnUnreadableRecordIsNotStarting() throws Exception {
        Process p = new ProcessBuilder("true").start();
        ProcessHandle h = p.toHandle();
        Path file = dir.resolve("rdd.launch");
        LaunchRecord.write(file, h);
        p.waitFor();
        h.onExit().get();
        assertTrue(LaunchRecord.starting(file).isEmpty());
        Files.writeString(file, "garbage");
        assertTrue(LaunchRecord.starting(file).isEmpty());
        assertTrue(LaunchRecord.starting(dir.resolve("absent")).isEmpty());
    }
}
