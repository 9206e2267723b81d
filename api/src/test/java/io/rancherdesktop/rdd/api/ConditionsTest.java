package io.rancherdesktop.rdd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final Instant T1 = Instant.parse("2026-01-02T03:09:00Z");

    private static Condition running(String status, String reason, long generation) {
        return Conditions.condition(ConditionTypes.RUNNING, status, reason, "vm " + reason, generation);
    }

    @Test
    void settingANewConditionAppendsItWithTransitionTimeNowAtSecondPrecision() {
        Conditions.Update update = Conditions.set(List.of(), running(Conditions.TRUE, "Started", 3), T0);
        assertTrue(update.changed());
        Condition c = update.conditions().getFirst();
        assertEquals("2026-01-02T03:04:05Z", c.getLastTransitionTime());
        assertEquals(3L, c.getObservedGeneration());
        assertEquals("Started", c.getReason());
        assertEquals("vm Started", c.getMessage());
    }

    @Test
    void transitionTimeChangesOnlyWhenStatusChanges() {
        List<Condition> first = Conditions.set(List.of(), running(Conditions.FALSE, "Starting", 1), T0).conditions();

        Conditions.Update sameStatus = Conditions.set(first, running(Conditions.FALSE, "StartFailed", 2), T1);
        assertTrue(sameStatus.changed(), "reason and generation changed");
        assertEquals("2026-01-02T03:04:05Z", sameStatus.conditions().getFirst().getLastTransitionTime());

        Conditions.Update newStatus = Conditions.set(sameStatus.conditions(), running(Conditions.TRUE, "Started", 2), T1);
        assertEquals("2026-01-02T03:09:00Z", newStatus.conditions().getFirst().getLastTransitionTime());
    }

    @Test
    void rewritingTheSameConditionIsReportedUnchangedSoWritersCanSkipTheWrite() {
        List<Condition> current = Conditions.set(List.of(), running(Conditions.TRUE, "Started", 4), T0).conditions();
        Conditions.Update again = Conditions.set(current, running(Conditions.TRUE, "Started", 4), T1);
        assertFalse(again.changed());
        assertSame(current.getFirst(), again.conditions().getFirst(), "the existing condition is kept as is");
    }

    @Test
    void aNewerGenerationAloneIsAChange() {
        // docs/api.md §0: every write stamps the generation the writer read; rdd set waits on it.
        List<Condition> current = Conditions.set(List.of(), running(Conditions.TRUE, "Started", 4), T0).conditions();
        Conditions.Update next = Conditions.set(current, running(Conditions.TRUE, "Started", 5), T1);
        assertTrue(next.changed());
        assertEquals(5L, next.conditions().getFirst().getObservedGeneration());
        assertTrue(Conditions.isCurrent(next.conditions().getFirst(), 5));
        assertFalse(Conditions.isCurrent(current.getFirst(), 5));
    }

    @Test
    void otherConditionsKeepTheirOrderAndContent() {
        List<Condition> current = Conditions.set(List.of(), Conditions.condition(ConditionTypes.CREATED, Conditions.TRUE,
                "Created", "", 1), T0).conditions();
        current = Conditions.set(current, running(Conditions.FALSE, "Stopped", 1), T0).conditions();
        List<Condition> next = Conditions.set(current, Conditions.condition(ConditionTypes.CREATED, Conditions.FALSE,
                "CreateFailed", "disk full", 2), T1).conditions();
        assertEquals(List.of("Created", "Running"), next.stream().map(Condition::getType).toList());
        assertSame(current.get(1), next.get(1));
        assertTrue(Conditions.hasStatus(next, ConditionTypes.CREATED, Conditions.FALSE));
        assertFalse(Conditions.isTrue(next, ConditionTypes.RUNNING));
        assertFalse(Conditions.isTrue(next, ConditionTypes.SETTLED), "absent is not True");
    }

    @Test
    void copyKeepsTheSourceTransitionTimeAndStampsTheTargetGeneration() {
        Condition vmRunning = new Condition("2025-12-31T23:59:59Z", "booted", 17L, "Started", "True", "Running");
        Conditions.Update copied = Conditions.copy(List.of(), vmRunning, 2, T1);
        Condition c = copied.conditions().getFirst();
        assertEquals("2025-12-31T23:59:59Z", c.getLastTransitionTime());
        assertEquals(2L, c.getObservedGeneration());
        assertEquals("Started", c.getReason());
        assertFalse(Conditions.copy(copied.conditions(), vmRunning, 2, T1).changed());
    }

    @Test
    void messagesAreNeverNullAndAreTruncatedToTheApiLimit() {
        Condition noMessage = Conditions.condition(ConditionTypes.SETTLED, Conditions.TRUE, "Settled", null, 1);
        assertEquals("", Conditions.set(List.of(), noMessage, T0).conditions().getFirst().getMessage());

        String huge = "x".repeat(Conditions.MAX_MESSAGE_LENGTH + 10);
        Condition big = Conditions.condition(ConditionTypes.SETTLED, Conditions.FALSE, "StartFailed", huge, 1);
        assertEquals(Conditions.MAX_MESSAGE_LENGTH, Conditions.set(List.of(), big, T0).conditions().getFirst().getMessage().length());
    }

    @Test
    void statusIsUpdatedInPlaceOnlyWhenSomethingChanged() {
        AppStatus status = new AppStatus();
        assertTrue(Conditions.setIn(status, running(Conditions.TRUE, "Started", 1), T0));
        List<Condition> written = status.getConditions();
        assertFalse(Conditions.setIn(status, running(Conditions.TRUE, "Started", 1), T1));
        assertSame(written, status.getConditions());
    }

    @Test
    void removeDropsOnlyThatType() {
        List<Condition> current = Conditions.set(List.of(), running(Conditions.TRUE, "Started", 1), T0).conditions();
        assertFalse(Conditions.remove(current, ConditionTypes.SETTLED).changed());
        Conditions.Update removed = Conditions.remove(current, ConditionTypes.RUNNING);
        assertTrue(removed.changed());
        assertTrue(removed.conditions().isEmpty());
    }

    @Test
    void anInvalidStatusIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Conditions.condition(ConditionTypes.RUNNING, "true", "Started", "", 1));
    }
}
