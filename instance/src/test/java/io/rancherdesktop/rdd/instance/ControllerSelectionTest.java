package io.rancherdesktop.rdd.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerSelectionTest {

    @Test
    void starSelectsEveryControllerInStartOrder() {
        assertEquals(ControllerSelection.ALL, ControllerSelection.parse("*").ordered());
    }

    @Test
    void emptySpecSelectsNothing() {
        assertTrue(ControllerSelection.parse("").enabled().isEmpty());
        assertTrue(ControllerSelection.parse(null).enabled().isEmpty());
    }

    @Test
    void groupsExpandAndExclusionsWin() {
        assertEquals(List.of("app", "vm"), ControllerSelection.parse("app").ordered());
        assertEquals(List.of("engine", "containernamespace", "container", "image", "volume", "request"), ControllerSelection.parse("containers").ordered());
        assertEquals(List.of("app", "vm", "containernamespace", "container", "image", "volume", "request"), ControllerSelection.parse("*,-engine").ordered());
        assertEquals(List.of("app"), ControllerSelection.parse("-vm,app").ordered());
        assertEquals(ControllerSelection.ALL, ControllerSelection.parse("rdd").ordered());
    }

    @Test
    void unknownNamesAreRejectedWithTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> ControllerSelection.parse("app,demo"));
        assertTrue(e.getMessage().contains("\"demo\""));
        assertTrue(e.getMessage().contains("valid controllers"));
    }
}
