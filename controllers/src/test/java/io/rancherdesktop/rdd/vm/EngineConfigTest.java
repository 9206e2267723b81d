package io.rancherdesktop.rdd.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

    @Test
    void rddVmCpusSetsTheCpuCount() {
        EngineConfig c = EngineConfig.fromEnvironment(EngineKind.MOBY, null, Map.of("RDD_VM_CPUS", "4"));
        assertEquals(OptionalInt.of(4), c.cpus());
    }

    @Test
    void unsetOrEmptyRddVmCpusLeavesLimasDefault() {
        assertTrue(EngineConfig.fromEnvironment(EngineKind.MOBY, null, Map.of()).cpus().isEmpty());
        assertTrue(EngineConfig.fromEnvironment(EngineKind.MOBY, null, Map.of("RDD_VM_CPUS", "")).cpus().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2", "four", "2.5", " "})
    void anInvalidRddVmCpusIsAnErrorNamingTheVariable(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineConfig.fromEnvironment(EngineKind.MOBY, null, Map.of("RDD_VM_CPUS", value)));
        assertTrue(e.getMessage().contains("RDD_VM_CPUS must be a positive integer"), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + value + "\""), e.getMessage());
    }

    @Test
    void rddDockerdArgsSplitLikeAShell() {
        EngineConfig c = EngineConfig.fromEnvironment(EngineKind.MOBY, null,
                Map.of("RDD_DOCKERD_ARGS", " --iptables=false  --label 'a b' --label=\"c \\\"d\\\"\" e\\ f "));
        assertEquals(List.of("--iptables=false", "--label", "a b", "--label=c \"d\"", "e f"), c.dockerdArgs());
    }

    @Test
    void anUnterminatedQuoteInRddDockerdArgsIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineConfig.fromEnvironment(EngineKind.MOBY, null, Map.of("RDD_DOCKERD_ARGS", "--label 'oops")));
        assertTrue(e.getMessage().contains("RDD_DOCKERD_ARGS"), e.getMessage());
    }

    @Test
    void aBlankSocketMeansNone() {
        assertTrue(EngineConfig.fromEnvironment(EngineKind.MOBY, "  ", Map.of()).socket().isEmpty());
        assertEquals("unix:///x.sock", EngineConfig.fromEnvironment(EngineKind.MOBY, "unix:///x.sock", Map.of()).socket().orElseThrow());
    }

    @Test
    void engineAndDriverNamesParseTheirSpecValuesOnly() {
        assertEquals(EngineKind.CONTAINERD, EngineKind.parse("containerd"));
        assertEquals(DriverKind.AUTO, DriverKind.parse(null));
        assertEquals(DriverKind.LIMA, DriverKind.parse("lima"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EngineKind.parse("kvm"));
        assertTrue(e.getMessage().contains("moby, containerd"), e.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> DriverKind.parse("qemu"));
        assertTrue(d.getMessage().contains("auto, process, external, lima"), d.getMessage());
    }

    @Test
    void restartBackoffDoublesUpToItsCap() {
        RestartPolicy p = new RestartPolicy(5, java.time.Duration.ofMinutes(1), java.time.Duration.ofMillis(250),
                java.time.Duration.ofSeconds(1));
        assertEquals(List.of(250L, 500L, 1000L, 1000L), List.of(p.backoff(1).toMillis(), p.backoff(2).toMillis(),
                p.backoff(3).toMillis(), p.backoff(4).toMillis()));
    }
}
