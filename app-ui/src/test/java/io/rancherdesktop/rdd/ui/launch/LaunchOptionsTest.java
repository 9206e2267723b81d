package io.rancherdesktop.rdd.ui.launch;

import io.rancherdesktop.rdd.logging.LogLevel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchOptionsTest {

    @Test
    void theInstanceComesFromTheFlagThenTheEnvironmentThenTheDefault() {
        assertEquals("2", LaunchOptions.parse(List.of(), Map.of()).instance().suffix());
        assertEquals("env", LaunchOptions.parse(List.of(), Map.of("RDD_INSTANCE", "env")).instance().suffix());
        assertEquals("flag", LaunchOptions.parse(List.of("--instance", "flag"), Map.of("RDD_INSTANCE", "env")).instance().suffix());
        assertEquals("eq", LaunchOptions.parse(List.of("--instance=eq"), Map.of()).instance().suffix());
    }

    @Test
    void hiddenAndLogLevelAreRead() {
        LaunchOptions o = LaunchOptions.parse(List.of("--hidden", "--log-level", "debug"), Map.of());
        assertTrue(o.hidden());
        assertEquals(LogLevel.DEBUG, o.logLevel());
        assertFalse(LaunchOptions.parse(List.of(), Map.of()).hidden());
        assertEquals(LogLevel.INFO, LaunchOptions.parse(List.of(), Map.of("RDD_LOG_LEVEL", "info")).logLevel());
    }

    @Test
    void badArgumentsAreRejectedWithAClearMessage() {
        assertEquals("unknown argument \"--bogus\"",
                assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("--bogus"), Map.of())).getMessage());
        assertEquals("flag needs an argument: --instance",
                assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("--instance"), Map.of())).getMessage());
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("--instance", "a/b"), Map.of()));
        assertEquals("not a valid logrus Level: \"loud\"",
                assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("--log-level=loud"), Map.of())).getMessage());
    }
}
