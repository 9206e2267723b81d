package io.rancherdesktop.rdd.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.cli.CliException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecCommandTest {
    @Test
    void successIsExitCodeZero() {
        assertEquals(0, ExecCommand.exitCode(Map.of("status", "Success")));
    }

    @Test
    void kubeletsNonZeroExitCodeStatusGivesTheCommandsCode() {
        Map<String, Object> s = Map.of("status", "Failure", "reason", "NonZeroExitCode",
                "details", Map.of("causes", List.of(Map.of("reason", "ExitCode", "message", "7"))));
        assertEquals(7, ExecCommand.exitCode(s));
    }

    @Test
    void anotherFailureOrNoStatusIsAnErrorWithItsMessage() {
        CliException e = assertThrows(CliException.class, () -> ExecCommand.exitCode(Map.of("status", "Failure", "message", "exec failed: boom")));
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
        assertThrows(CliException.class, () -> ExecCommand.exitCode(null));
    }
}
