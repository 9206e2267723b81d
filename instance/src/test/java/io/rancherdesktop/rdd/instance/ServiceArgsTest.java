package io.rancherdesktop.rdd.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** args.json and the --controllers grammar of docs/design/upstream-cli.md §7. */
class ServiceArgsTest {
    @Test
    void createArgsFollowTheSpecOrder() {
        Instance i = new Instance("7");
        assertEquals(List.of("--secure-port", "6450", "--controllers", "*", "-v", "0"), ServiceArgs.forCreate(i, List.of(), null, null, 0));
        assertEquals(List.of("--secure-port", "6450", "extra", "--controllers", "rdd", "--secure-port", "7777", "-v", "2"),
                ServiceArgs.forCreate(i, List.of("extra"), "rdd", 7777, 2));
    }

    @Test
    void overridesAreAppendedSoTheLaterFlagWins() {
        List<String> saved = List.of("--secure-port", "6450", "--controllers", "rdd", "-v", "0");
        List<String> run = ServiceArgs.withOverrides(saved, "app", 7000, 4);
        assertEquals("app", ServiceArgs.lastValue(run, "--controllers"));
        assertEquals("7000", ServiceArgs.lastValue(run, "--secure-port"));
        assertEquals("4", ServiceArgs.lastValue(run, "-v"));
        assertEquals(saved, run.subList(0, saved.size()));
    }

    @Test
    void argsFileRoundTripsAsCompactJson(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/args.json");
        assertTrue(ArgsFile.read(f).isEmpty());
        List<String> args = List.of("--controllers", "*,-lima", "quote\"back\\slash", "");
        ArgsFile.write(f, args);
        assertEquals("[\"--controllers\",\"*,-lima\",\"quote\\\"back\\\\slash\",\"\"]", Files.readString(f));
        assertEquals(args, ArgsFile.read(f).orElseThrow());
    }

    @Test
    void malformedArgsFileNamesTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("args.json");
        Files.writeString(f, "[\"a\", 1]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArgsFile.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void portsAreValidated() {
        assertEquals(7777, ServiceArgs.parsePort("7777"));
        assertThrows(IllegalArgumentException.class, () -> ServiceArgs.parsePort("0"));
        assertThrows(IllegalArgumentException.class, () -> ServiceArgs.parsePort("65536"));
        assertThrows(IllegalArgumentException.class, () -> ServiceArgs.parsePort("http"));
    }

    @Test
    void rotationKeepsAFewGenerations(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("rdd.stderr.log");
        for (int run = 1; run <= 5; run++) {
            LogRotation.rotate(log, 3);
            Files.writeString(log, "run " + run);
        }
        assertEquals("run 5", Files.readString(log));
        assertEquals("run 4", Files.readString(LogRotation.generation(log, 1)));
        assertEquals("run 2", Files.readString(LogRotation.generation(log, 3)));
        assertFalse(Files.exists(LogRotation.generation(log, 4)));
    }
}
