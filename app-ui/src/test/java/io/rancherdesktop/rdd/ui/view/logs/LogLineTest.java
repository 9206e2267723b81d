package io.rancherdesktop.rdd.ui.view.logs;

import io.rancherdesktop.rdd.wire.DockerTime;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogLineTest {

    @Test
    void dockersTimestampIsReadAsInstantParseReadsItAndTheTextIsWhatFollowsTheSpace() {
        for (String stamp : new String[] {"2026-12-06T00:12:34.123456789Z", "2026-02-28T23:59:59.5Z", "2024-02-29T00:00:00Z",
                "1999-12-31T23:59:59.000000001Z"}) {
            LogLine l = LogLine.parse(stamp + " hello world", true);
            assertEquals(Instant.parse(stamp), l.time(), stamp);
            assertEquals(stamp, l.stamp());
            assertEquals("hello world", l.text());
            assertTrue(l.stderr());
            assertEquals("hello world", l.display(false));
            assertEquals(stamp + " hello world", l.display(true));
        }
    }

    @Test
    void aLineWithoutADockerTimestampIsAllText() {
        LogLine l = LogLine.parse("plain words here", false);
        assertNull(l.time());
        assertEquals("plain words here", l.text());
        assertEquals("plain words here", l.display(true));
        assertFalse(l.stderr());
        assertNull(DockerTime.strict("2026-13-01T00:00:00Z"));
        assertNull(DockerTime.strict("2026-12-06T00:00:00.Z"));
        assertNull(DockerTime.strict("2026-12-06 00:00:00Z"));
        // another RFC 3339 form (an offset) still parses, through the formatter
        assertEquals(Instant.parse("2026-12-06T00:00:00Z"), LogLine.parse("2026-12-06T01:00:00+01:00 x", false).time());
    }
}
