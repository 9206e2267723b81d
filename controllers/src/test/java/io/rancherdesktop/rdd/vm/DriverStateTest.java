package io.rancherdesktop.rdd.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class DriverStateTest {
    @Test
    void supervisionBeginsOnlyWithAnAnswerOrARestartAndABackoffOnlyWithACrash() {
        for (DriverState from : DriverState.values()) {
            assertEquals(from == DriverState.STARTING || from == DriverState.BACKING_OFF, from.canBecome(DriverState.RUNNING), from.name());
            assertEquals(from == DriverState.RUNNING, from.canBecome(DriverState.BACKING_OFF), from.name());
        }
    }

    @Test
    void closedIsTerminalAndEveryOpenStateMayStartStopGiveUpOrClose() {
        for (DriverState from : EnumSet.complementOf(EnumSet.of(DriverState.CLOSED))) {
            assertTrue(from.canBecome(DriverState.STARTING) && from.canBecome(DriverState.STOPPING)
                    && from.canBecome(DriverState.IDLE) && from.canBecome(DriverState.CLOSED), from.name());
        }
        for (DriverState to : EnumSet.complementOf(EnumSet.of(DriverState.CLOSED))) {
            assertFalse(DriverState.CLOSED.canBecome(to), to.name());
        }
    }

    @Test
    void onlyStartingRunningAndBackingOffWantTheEngine() {
        assertEquals(EnumSet.of(DriverState.STARTING, DriverState.RUNNING, DriverState.BACKING_OFF),
                EnumSet.copyOf(java.util.Arrays.stream(DriverState.values()).filter(DriverState::wantsEngine).toList()));
    }

    @Test
    void transitionsThatChangeWhatIsWantedBumpTheEpochAndLateWorkCannotReopenAClosedDriver() {
        EngineRun run = new EngineRun(null, null, null);
        synchronized (run) {
            run.become(DriverState.STARTING);
            long starting = run.epoch.get();
            run.become(DriverState.RUNNING);
            run.become(DriverState.BACKING_OFF);
            assertEquals(starting, run.epoch.get(), "supervision and backoff keep the epoch of the start");
            assertThrows(IllegalStateException.class, () -> run.become(DriverState.BACKING_OFF));
            run.become(DriverState.STOPPING);
            assertEquals(starting + 1, run.epoch.get());
            run.become(DriverState.CLOSED);
            run.become(DriverState.IDLE); // a stop that was still running ends
            assertEquals(DriverState.CLOSED, run.state());
        }
    }
}
