package io.rancherdesktop.rdd.controller.engine.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EngineBasicsTest {

    @Test
    void notFoundIsRecognisedFromEveryShapeAndNothingElseIs() {
        assertTrue(EngineErrors.isNotFound(new NotFoundException("{\"message\":\"No such container: x\"}")));
        assertTrue(EngineErrors.isNotFound(new EngineCallException("GET /volumes/x", 404, "no such volume")));
        assertFalse(EngineErrors.isNotFound(new ConflictException("{\"message\":\"in use\"}")));
        assertFalse(EngineErrors.isNotFound(new RuntimeException("404")));
        assertFalse(EngineErrors.isNotFound(null));
    }

    @Test
    void theEngineMessageIsExtractedFromDockerJavaErrorText() {
        assertEquals("Container abc is not running",
                EngineErrors.message(new ConflictException("{\"message\":\"Container abc is not running\"}\n")));
        assertEquals("boom", EngineErrors.message(new InternalServerErrorException("boom")));
        assertEquals("conflict", EngineErrors.message(new EngineCallException("DELETE /volumes/x", 409, "conflict")));
    }

    @Test
    void sinceIsUnixSecondsWithNineFractionDigits() {
        var since = new EventsSince(Instant.parse("2024-05-01T10:00:00.000000042Z"), EventsSince.Source.DAEMON_CLOCK);
        assertEquals("1714557600.000000042", since.dockerParameter());
    }

    @Test
    void daemonSystemTimeWithNanosecondsAndOffsetParses() {
        assertEquals(Instant.parse("2024-05-01T08:00:00.123456789Z"), DaemonClock.parse("2024-05-01T10:00:00.123456789+02:00"));
        assertThrows(RuntimeException.class, () -> DaemonClock.parse(""));
    }

    @Test
    void badClientSettingsAndEndpointsAreRejectedWithAClearMessage() {
        assertThrows(IllegalArgumentException.class, () -> new EngineClientSettings(java.time.Duration.ZERO, null, 1));
        assertThrows(IllegalArgumentException.class, () -> new EngineClientSettings(java.time.Duration.ofSeconds(1), null, 0));
        var e = assertThrows(IllegalArgumentException.class, () -> DockerEngineClient.open(" ", EngineClientSettings.forCalls()));
        assertTrue(e.getMessage().contains("endpoint"), e.getMessage());
    }
}
