package io.rancherdesktop.rdd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationFlagTest {
    @Test
    void aBadDurationIsPflagsUsageError() {
        assertEquals(Duration.ofSeconds(90), DurationFlag.parse("--timeout", "90s"));
        CliException e = assertThrows(CliException.class, () -> DurationFlag.parse("--timeout", "soon"));
        assertEquals(1, e.exitCode());
        assertEquals("invalid argument \"soon\" for \"--timeout\" flag: time: invalid duration \"soon\"", e.getMessage());
    }
}
