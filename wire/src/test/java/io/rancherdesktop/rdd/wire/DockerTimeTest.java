package io.rancherdesktop.rdd.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DockerTimeTest {

    private static Instant bytes(String s) {
        byte[] b = (s + " trailing text").getBytes(StandardCharsets.US_ASCII);
        return DockerTime.parse(b, s.length());
    }

    @Test
    void docker_sNanosecondStampsReadTheSameFromTextAndFromBytes() {
        for (String s : new String[] {"2026-12-06T01:02:03.123456789Z", "2026-12-06T01:02:03.5Z", "2026-12-06T01:02:03Z"}) {
            assertEquals(Instant.parse(s), DockerTime.parse(s), s);
            assertEquals(Instant.parse(s), bytes(s), s);
        }
    }

    @Test
    void otherIsoInstantsFallBackToTheFormatterAndAnythingElseIsNull() {
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), DockerTime.parse("2026-12-06T01:00:00+01:00"));
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), bytes("2026-12-06T01:00:00+01:00"));
        for (String s : new String[] {"2026-13-01T00:00:00Z", "2026-12-06 00:00:00Z", "hello", "2026-12-06T00:00:00.1234567890Z"}) {
            assertNull(DockerTime.parse(s), s);
            assertNull(bytes(s), s);
        }
        // an empty fraction is not Docker's format; Instant.parse still reads it
        assertNull(DockerTime.strict("2026-12-06T00:00:00.Z"));
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), DockerTime.parse("2026-12-06T00:00:00.Z"));
    }
}
