package io.rancherdesktop.rdd.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every path of docs/design/upstream-cli.md §2 for suffixes 2, bats-x and 42 on each platform (testing gap 11). */
class InstancePathsTest {
    private static final Path HOME = Path.of("/home/u");

    @ParameterizedTest
    @ValueSource(strings = {"2", "bats-x", "42"})
    void linuxPathsFollowTheSpecForEverySuffix(String suffix) {
        InstancePaths p = new InstancePaths(new Instance(suffix), Platform.LINUX, HOME, Map.of());
        String name = "rancher-desktop-" + suffix;
        String dir = "/home/u/.local/share/" + name;
        String shortDir = "/home/u/.rd" + suffix;
        assertEquals(Map.of(
                "args_file", dir + "/args.json",
                "config", dir + "/config.yaml",
                "dir", dir,
                "docker_socket", shortDir + "/docker.sock",
                "k3s_config", dir + "/k3s.yaml",
                "lima_home", shortDir + "/lima",
                "log_dir", "/home/u/.local/state/" + name,
                "pid_file", dir + "/rdd.pid",
                "short_dir", shortDir,
                "tls_dir", dir + "/tls"), p.byKey());
        assertEquals(List.of("args_file", "config", "dir", "docker_socket", "k3s_config", "lima_home", "log_dir",
                "pid_file", "short_dir", "tls_dir"), List.copyOf(p.byKey().keySet()), "keys are listed sorted");
        assertEquals(Path.of(dir, "rdd.sqlite3"), p.datastore());
        assertEquals(Path.of(shortDir, "rdd.sock"), p.apiSocket());
        assertEquals(Path.of(shortDir, "kube.config"), p.kubeConfig());
        assertEquals(Path.of(shortDir, "bin"), p.binDir());
        assertEquals(Path.of("/home/u/.local/state/" + name, "rdd.stderr.log"), p.stderrLog());
        assertEquals(Path.of("/home/u/.local/state/" + name, "rdd.stdout.log"), p.stdoutLog());
        assertEquals("unix://" + shortDir + "/docker.sock", p.dockerEndpoint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "bats-x", "42"})
    void macosPathsFollowTheSpecForEverySuffix(String suffix) {
        InstancePaths p = new InstancePaths(new Instance(suffix), Platform.MACOS, HOME, Map.of());
        String name = "rancher-desktop-" + suffix;
        String dir = "/home/u/Library/Application Support/" + name;
        assertEquals(dir, p.byKey().get("dir"));
        assertEquals(dir + "/args.json", p.byKey().get("args_file"));
        assertEquals(dir + "/config.yaml", p.byKey().get("config"));
        assertEquals(dir + "/k3s.yaml", p.byKey().get("k3s_config"));
        assertEquals(dir + "/rdd.pid", p.byKey().get("pid_file"));
        assertEquals(dir + "/tls", p.byKey().get("tls_dir"));
        assertEquals("/home/u/Library/Logs/" + name, p.byKey().get("log_dir"));
        assertEquals("/home/u/.rd" + suffix, p.byKey().get("short_dir"));
        assertEquals("/home/u/.rd" + suffix + "/lima", p.byKey().get("lima_home"));
        assertEquals("/home/u/.rd" + suffix + "/docker.sock", p.byKey().get("docker_socket"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "bats-x", "42"})
    void windowsPathsFollowTheSpecForEverySuffix(String suffix) {
        InstancePaths p = new InstancePaths(new Instance(suffix), Platform.WINDOWS, HOME, Map.of());
        String name = "rancher-desktop-" + suffix;
        assertEquals(HOME.resolve("AppData").resolve("Local").resolve(name).toString(), p.byKey().get("dir"));
        assertEquals(HOME.resolve("AppData").resolve("Local").resolve(name + "-logs").toString(), p.byKey().get("log_dir"));
        assertEquals("\\\\.\\pipe\\docker_engine", p.byKey().get("docker_socket"));
        assertEquals("npipe:////./pipe/docker_engine", p.dockerEndpoint());
        assertEquals(HOME.resolve(".rd" + suffix).toString(), p.byKey().get("short_dir"));
    }

    @Test
    void logDirEnvironmentVariableOverridesThePlatformDefault() {
        InstancePaths p = new InstancePaths(new Instance("bats-x"), Platform.LINUX, HOME, Map.of("RDD_LOG_DIR", "/var/tmp/logs"));
        assertEquals("/var/tmp/logs", p.byKey().get("log_dir"));
    }

    @ParameterizedTest
    @CsvSource({"2,2", "42,42", "1,1", "99,99", "bats-x,191", "0,148", "100,145", "007,7", "bats,126"})
    void indexIsTheSuffixIn1To99ElseAHashOfItsCharacters(String suffix, int index) {
        Instance i = new Instance(suffix);
        assertEquals(index, i.index());
        assertEquals(6443 + index, i.apiServerPort());
        assertEquals(7441 + index, i.k3sPort());
        assertEquals(8082 + 4 * index, i.metricsPort());
        assertEquals(8083 + 4 * index, i.healthPort());
        assertEquals("rancher-desktop-" + suffix, i.name());
    }

    @Test
    void environmentSelectsTheInstanceAndDefaultsToTwo() {
        assertEquals("2", Instance.fromEnvironment(Map.of()).suffix());
        assertEquals("2", Instance.fromEnvironment(Map.of("RDD_INSTANCE", "")).suffix());
        assertEquals("bats-x", Instance.fromEnvironment(Map.of("RDD_INSTANCE", "bats-x")).suffix());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "..", ".", "x\\y"})
    void suffixesThatWouldEscapeTheHomeDirectoryAreRejected(String suffix) {
        assertThrows(IllegalArgumentException.class, () -> new Instance(suffix));
    }
}
