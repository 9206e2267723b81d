package io.rancherdesktop.rdd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's hot path stays lean: the packaged {@code rdd.jar} runs {@code rdd ctl get configmaps} and
 * {@code rdd svc status} against a real service without loading fabric8, the controller runtime or Jetty
 * (checked with {@code -Xlog:class+load}).
 */
class CliClassLoadingIT {
    private static final List<String> FORBIDDEN = List.of("io.fabric8.", "io.javaoperatorsdk.", "org.eclipse.jetty.", "com.fasterxml.jackson.");
    @TempDir
    static Path home;
    // The launcher module packages it before this module runs (integration-tests depends on it).
    private static final Path JAR = Path.of("..", "launcher", "target", "rdd.jar").toAbsolutePath().normalize();

    private record Run(int code, String output) {
    }

    private static Run rdd(Path classLog, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-XX:+UseSerialGC"));
        if (classLog != null) {
            cmd.add("-Xlog:class+load=info:file=" + classLog);
        }
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("RDD_INSTANCE", "classload-it");
        pb.environment().put("RDD_SERVICE_JAVA_OPTS", "-Duser.home=" + home);
        pb.environment().remove("RDD_LOG_DIR");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "rdd " + String.join(" ", args) + " did not finish");
        return new Run(p.exitValue(), out);
    }

    @BeforeAll
    static void startService() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "package the jar first: " + JAR);
        Run r = rdd(null, "svc", "start", "--timeout=90s");
        assertEquals(0, r.code(), r.output());
    }

    @AfterAll
    static void deleteService() throws Exception {
        rdd(null, "svc", "delete", "--timeout=60s");
    }

    private static void assertLean(Path classLog) throws IOException {
        List<String> loaded = Files.readAllLines(classLog);
        assertTrue(loaded.size() > 100, "class log written");
        for (String line : loaded) {
            for (String prefix : FORBIDDEN) {
                assertTrue(!line.contains(" " + prefix), "hot path loaded " + line);
            }
        }
    }

    @Test
    void ctlGetLoadsNoFrameworkClasses(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("classes.txt");
        Run r = rdd(log, "ctl", "get", "configmaps", "-n", "default", "-o", "name");
        assertEquals(0, r.code(), r.output());
        assertLean(log);
        Path table = tmp.resolve("table.txt");
        assertEquals(0, rdd(table, "ctl", "get", "configmaps", "-A").code());
        assertLean(table);
    }

    @Test
    void svcStatusLoadsNoFrameworkClasses(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("classes.txt");
        Run r = rdd(log, "svc", "status");
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("has been started: true"), r.output());
        assertLean(log);
    }
}
