package io.rancherdesktop.rdd.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromInitialUpToItsCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertEquals(Duration.ofMillis(100), b.after(1));
        assertEquals(Duration.ofMillis(200), b.after(2));
        assertEquals(Duration.ofMillis(400), b.after(3));
        assertEquals(Duration.ofMillis(800), b.after(4));
        assertEquals(Duration.ofSeconds(1), b.after(5));
        assertEquals(Duration.ofSeconds(1), b.after(Integer.MAX_VALUE));
    }

    @Test
    void anAttemptBelowOneCountsAsTheFirst() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        assertEquals(Duration.ofMillis(100), b.after(0));
        assertEquals(Duration.ofMillis(100), b.after(-3));
    }

    @Test
    void aZeroInitialDelayRetriesAtOnce() {
        assertEquals(Duration.ZERO, new Backoff(Duration.ZERO, Duration.ofSeconds(1)).after(5));
    }

    @Test
    void anotherFactorGrowsByIt() {
        Backoff b = new Backoff(Duration.ofMillis(10), 3, Duration.ofSeconds(1), 0);
        assertEquals(Duration.ofMillis(90), b.after(3));
    }

    @Test
    void jitterAddsAtMostItsFractionOfTheDelay() {
        Backoff b = new Backoff(Duration.ofMillis(100), 2, Duration.ofMillis(160), 0.5);
        for (int i = 0; i < 200; i++) {
            Duration d = b.after(3); // 400 ms capped at 160 ms, then up to +80 ms
            assertTrue(d.compareTo(Duration.ofMillis(160)) >= 0 && d.compareTo(Duration.ofMillis(240)) <= 0, d.toString());
        }
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofMillis(-1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofMillis(1), 0.5, Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofMillis(1), 2, Duration.ofSeconds(1), 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofMillis(1), Double.NaN, Duration.ofSeconds(1), 0));
    }
}
