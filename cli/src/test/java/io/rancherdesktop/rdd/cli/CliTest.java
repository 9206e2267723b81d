package io.rancherdesktop.rdd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local commands of the CLI, run in-process: version, svc paths, global flags. */
class CliTest {
    private static final Pattern VERSION = Pattern.compile("^(v\\d+\\.\\d+\\.\\d+|[a-f0-9]{7,})");

    private record Result(int code, String out) {
    }

    private static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = RddMain.run(args, env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Result(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "--version", "--version=true"})
    void versionPrintsASemverOrCommit(String arg) {
        Result r = run(Map.of(), arg);
        assertEquals(0, r.code());
        assertTrue(VERSION.matcher(r.out()).find(), r.out());
        assertEquals(run(Map.of(), "version").out(), r.out());
    }

    @Test
    void rawVersionHasTheSixLabels() {
        Result r = run(Map.of(), "--version=raw");
        assertEquals(0, r.code());
        for (String label : new String[] {"Version:", "GitCommit:", "BuildDate:", "GoVersion:", "Compiler:", "Platform:"}) {
            assertTrue(r.out().contains(label), label + " in " + r.out());
        }
    }

    @Test
    void otherVersionValuesAreEchoed() {
        assertEquals("v1.0.0-test\n", run(Map.of(), "--version=v1.0.0-test").out());
    }

    @Test
    void pathsKeyUsesTheInstanceFromTheEnvironment() {
        Result r = run(Map.of("RDD_INSTANCE", "bats-x"), "svc", "paths", "short_dir");
        assertEquals(0, r.code());
        assertEquals(System.getProperty("user.home") + "/.rdbats-x\n", r.out());
    }

    @Test
    void instanceFlagAsFirstArgumentOverridesTheEnvironment() {
        assertTrue(run(Map.of("RDD_INSTANCE", "bats-x"), "--instance", "7", "svc", "paths", "dir").out().endsWith("rancher-desktop-7\n"));
        assertTrue(run(Map.of("RDD_INSTANCE", "bats-x"), "--instance=8", "svc", "paths", "dir").out().endsWith("rancher-desktop-8\n"));
        assertTrue(run(Map.of("RDD_INSTANCE", "bats-x"), "--instance=", "svc", "paths", "dir").out().endsWith("rancher-desktop-bats-x\n"));
        assertTrue(run(Map.of(), "svc", "paths", "dir").out().endsWith("rancher-desktop-2\n"));
    }

    @Test
    void instanceFlagAnywhereElseIsAnUnknownFlag() {
        assertEquals(1, run(Map.of(), "svc", "--instance", "x", "paths").code());
        assertEquals(1, run(Map.of(), "svc", "paths", "--instance=x").code());
    }

    @Test
    void pathsTableListsEveryKeySortedAndAligned() {
        String out = run(Map.of("RDD_INSTANCE", "42"), "svc", "paths").out();
        String[] lines = out.split("\n");
        assertEquals(10, lines.length);
        int column = lines[0].indexOf('/');
        for (String line : lines) {
            assertEquals(column, line.indexOf('/'), "aligned: " + line);
        }
        assertTrue(lines[0].startsWith("args_file "));
        assertTrue(lines[9].startsWith("tls_dir "));
    }

    @Test
    void pathsJsonAndShellFormats() {
        String json = run(Map.of("RDD_INSTANCE", "42"), "svc", "paths", "-o", "json").out();
        assertTrue(json.startsWith("{\"args_file\":\"") && json.contains("\"tls_dir\":\""), json);
        String shell = run(Map.of("RDD_INSTANCE", "42"), "svc", "paths", "-o", "shell").out();
        assertTrue(shell.contains("export RDD_SHORT_DIR=\"" + System.getProperty("user.home") + "/.rd42\"\n"), shell);
        assertEquals(10, shell.lines().filter(l -> l.startsWith("export RDD_")).count());
    }

    @Test
    void unknownKeyAndUnknownFormatAreUsageErrors() {
        assertEquals(1, run(Map.of(), "svc", "paths", "nope").code());
        assertEquals(1, run(Map.of(), "svc", "paths", "-o", "xml").code());
    }

    @Test
    void invalidLogLevelIsAnError() {
        assertEquals(1, run(Map.of(), "--log-level=loud", "version").code());
        assertEquals(1, run(Map.of("RDD_LOG_LEVEL", "loud"), "version").code());
        assertEquals(0, run(Map.of("RDD_LOG_LEVEL", "warning"), "version").code());
    }

    @Test
    void unknownCommandIsExitOne() {
        assertEquals(1, run(Map.of(), "frobnicate").code());
    }
}
