package io.rancherdesktop.rdd.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.cli.CliException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NAME of {@code rdd ctl logs}/{@code top} resolved as docker does, and {@code top}'s docker-like figures. */
class ContainerNamesTest {
    private static final String A = "abc1" + "0".repeat(60);
    private static final String B = "abd2" + "0".repeat(60);
    private static final List<Map<String, Object>> ALL = List.of(
            Map.of("metadata", Map.of("name", A), "status", Map.of("name", "web")),
            Map.of("metadata", Map.of("name", B), "status", Map.of("name", "abc1")));

    @Test
    void theMirrorNameThenTheDockerNameThenAUniqueIdPrefixResolve() {
        assertEquals(A, ContainerNames.resolve(ALL, A));
        assertEquals(A, ContainerNames.resolve(ALL, "web"));
        assertEquals(B, ContainerNames.resolve(ALL, "abc1")); // a Docker name wins over an ID prefix, as in docker
        assertEquals(B, ContainerNames.resolve(ALL, "abd"));
    }

    @Test
    void anAmbiguousPrefixAndAnUnknownNameAreClearErrors() {
        CliException ambiguous = assertThrows(CliException.class, () -> ContainerNames.resolve(ALL, "ab"));
        assertTrue(ambiguous.getMessage().contains("container ID prefix \"ab\" is ambiguous: it matches 2 containers"), ambiguous.getMessage());
        CliException none = assertThrows(CliException.class, () -> ContainerNames.resolve(ALL, "nope"));
        assertEquals("Error: No such container: nope", none.getMessage());
    }

    @Test
    void topPrintsFiguresAsDockerStatsDoes() {
        List<String> row = TopContainersCommand.row(A, "web", Map.of("cpuPercent", 98.765, "memoryUsageBytes", 1_613_824L,
                "memoryLimitBytes", 8_227_196_928L, "networkRxBytes", 1234L, "networkTxBytes", 0L, "blockReadBytes", 4_096_000L,
                "blockWriteBytes", 0L, "pids", 3L));
        assertEquals(List.of("abc100000000", "web", "98.77%", "1.539MiB / 7.662GiB", "0.02%", "1.23kB / 0B", "4.1MB / 0B", "3"), row);
    }
}
