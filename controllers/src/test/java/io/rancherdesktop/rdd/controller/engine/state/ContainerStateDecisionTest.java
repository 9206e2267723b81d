package io.rancherdesktop.rdd.controller.engine.state;

import static io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState.CREATED;
import static io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState.DEAD;
import static io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState.EXITED;
import static io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState.PAUSED;
import static io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState.PAUSING;
import static io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState.REMOVING;
import static io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState.RESTARTING;
import static io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState.RUNNING;
import static io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.controller.engine.mirror.ContainerRunState;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole §6 table of docs/design/mirroring-rules.md (review S4, gap 10): every (desired, actual) pair has an
 * expected decision written out here, independently of the implementation's switch.
 */
class ContainerStateDecisionTest {
    private static final StateDecision REACHED = new StateDecision.NoOp(true);
    private static final StateDecision IDLE = new StateDecision.NoOp(false);
    private static final StateDecision START = new StateDecision.Call(StateCall.START);
    private static final StateDecision UNPAUSE = new StateDecision.Call(StateCall.UNPAUSE);
    private static final StateDecision STOP = new StateDecision.Call(StateCall.STOP);
    private static final StateDecision PAUSE = new StateDecision.Call(StateCall.PAUSE);
    private static final StateDecision RESTART = new StateDecision.Call(StateCall.RESTART);
    private static final String WAIT = "wait";

    private static Map<ContainerRunState, Object> row(Object... pairs) {
        Map<ContainerRunState, Object> m = new EnumMap<>(ContainerRunState.class);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((ContainerRunState) pairs[i], pairs[i + 1]);
        }
        assertEquals(ContainerRunState.values().length, m.size(), "the expected row must cover every actual state");
        return m;
    }

    private static final Map<RequestedState, Map<ContainerRunState, Object>> TABLE = Map.of(
            RequestedState.UNKNOWN, row(CREATED, IDLE, RUNNING, IDLE, PAUSING, IDLE, PAUSED, IDLE, RESTARTING, IDLE,
                    REMOVING, IDLE, EXITED, IDLE, DEAD, IDLE, UNKNOWN, IDLE),
            RequestedState.RUNNING, row(CREATED, START, EXITED, START, PAUSED, UNPAUSE, RUNNING, REACHED,
                    RESTARTING, WAIT, PAUSING, WAIT, REMOVING, WAIT, DEAD, WAIT, UNKNOWN, WAIT),
            RequestedState.CREATED, row(RUNNING, STOP, PAUSED, STOP, PAUSING, STOP, RESTARTING, STOP,
                    CREATED, REACHED, EXITED, REACHED, DEAD, REACHED, REMOVING, WAIT, UNKNOWN, WAIT),
            // J9 wins over §6's "Failed without a call": Docker is asked and its refusal is recorded.
            RequestedState.PAUSED, row(RUNNING, PAUSE, PAUSED, REACHED, CREATED, PAUSE, PAUSING, PAUSE,
                    RESTARTING, PAUSE, REMOVING, PAUSE, EXITED, PAUSE, DEAD, PAUSE, UNKNOWN, PAUSE),
            // Not a state: one docker restart whatever the container does (ContainerStateExecutor makes it once).
            RequestedState.RESTARTED, row(RUNNING, RESTART, PAUSED, RESTART, CREATED, RESTART, PAUSING, RESTART,
                    RESTARTING, RESTART, REMOVING, RESTART, EXITED, RESTART, DEAD, RESTART, UNKNOWN, RESTART));

    @Test
    void s4Gap10EveryCellOfTheTableDecidesAsSpecified() {
        for (RequestedState desired : RequestedState.values()) {
            for (ContainerRunState actual : ContainerRunState.values()) {
                Object expected = TABLE.get(desired).get(actual);
                StateDecision got = ContainerStateDecision.decide(desired, actual);
                String cell = desired.value() + " × " + actual.wireValue();
                if (expected == WAIT) {
                    var w = assertInstanceOf(StateDecision.Wait.class, got, cell);
                    assertTrue(w.reason().contains(actual.wireValue()), cell + ": " + w.reason());
                } else {
                    assertEquals(expected, got, cell);
                }
            }
        }
    }

    @Test
    void s4CreatedOnAPausedOrRestartingContainerStopsIt() {
        assertEquals(STOP, ContainerStateDecision.decide(RequestedState.CREATED, PAUSED));
        assertEquals(STOP, ContainerStateDecision.decide(RequestedState.CREATED, RESTARTING));
    }

    @Test
    void waitingTurnsIntoFailureOnceTheSettleDeadlinePassed() {
        var decision = new ContainerStateDecision(Duration.ofSeconds(30));
        assertInstanceOf(StateDecision.Wait.class, decision.decide(RequestedState.RUNNING, RESTARTING, Duration.ofSeconds(29)));
        var fail = assertInstanceOf(StateDecision.Fail.class,
                decision.decide(RequestedState.RUNNING, RESTARTING, Duration.ofSeconds(30)));
        assertTrue(fail.message().contains("restarting") && fail.message().contains("running"), fail.message());
    }

    @Test
    void theDeadlineNeverTurnsCallsOrReachedStatesIntoFailures() {
        var decision = new ContainerStateDecision(Duration.ZERO);
        assertEquals(START, decision.decide(RequestedState.RUNNING, EXITED, Duration.ofHours(1)));
        assertEquals(REACHED, decision.decide(RequestedState.CREATED, EXITED, Duration.ofHours(1)));
        assertEquals(IDLE, decision.decide(RequestedState.UNKNOWN, RESTARTING, Duration.ofHours(1)));
    }

    @Test
    void aNegativeSettleTimeoutIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ContainerStateDecision(Duration.ofSeconds(-1)));
    }

    @Test
    void requestedStateParsesOnlyTheEnumValues() {
        assertEquals(RequestedState.PAUSED, RequestedState.fromValue("paused").orElseThrow());
        assertTrue(RequestedState.fromValue("Paused").isEmpty());
        assertTrue(RequestedState.fromValue("stopped").isEmpty());
    }
}
