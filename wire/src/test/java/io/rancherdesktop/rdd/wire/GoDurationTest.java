package io.rancherdesktop.rdd.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void parsesGoDurations() {
        assertEquals(Duration.ZERO, GoDuration.parse("0"));
        assertEquals(Duration.ofMillis(1), GoDuration.parse("1ms"));
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("90s"));
        assertEquals(Duration.ofMinutes(5), GoDuration.parse("5m"));
        assertEquals(Duration.ofMinutes(150), GoDuration.parse("2h30m"));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s"));
        assertEquals(Duration.ofNanos(-300), GoDuration.parse("-300ns"));
    }

    @Test
    void rejectsWhatGoRejectsWithGoMessages() {
        assertEquals("time: missing unit in duration \"5\"", assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("5")).getMessage());
        assertEquals("time: invalid duration \"abc\"", assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("abc")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(""));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse("5x"));
    }

    @Test
    void formatsLikeGo() {
        assertEquals("0s", GoDuration.format(Duration.ZERO));
        assertEquals("1m30s", GoDuration.format(Duration.ofSeconds(90)));
        assertEquals("500ms", GoDuration.format(Duration.ofMillis(500)));
        assertEquals("1h0m0s", GoDuration.format(Duration.ofHours(1)));
    }
}
