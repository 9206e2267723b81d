package io.rancherdesktop.rdd.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {
    private static final Backoff FAST = new Backoff(Duration.ofMillis(10), Duration.ofMillis(40));

    @Test
    void returnsTheValueOfTheFirstAttemptThatIsDone() {
        AtomicInteger calls = new AtomicInteger();
        Poll.Result<String> r = Poll.until(() -> calls.incrementAndGet() < 3
                ? Poll.Attempt.notYet("try " + calls.get()) : Poll.Attempt.done("ready"), Instant.now().plusSeconds(10), FAST);
        assertEquals(new Poll.Result.Done<>("ready"), r);
        assertEquals(3, calls.get());
    }

    @Test
    void pausesForTheBackoffOfEachFailureInTurn() {
        List<Duration> pauses = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        Poll.until(() -> calls.incrementAndGet() < 5 ? Poll.Attempt.notYet("no") : Poll.Attempt.done(1),
                Instant.now().plusSeconds(60), FAST, pauses::add);
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(40)), pauses);
    }

    @Test
    void timesOutWithTheLastReasonOnceTheDeadlinePassed() {
        Instant deadline = Instant.now().plusMillis(100);
        AtomicInteger calls = new AtomicInteger();
        Poll.Result<Object> r = Poll.until(() -> Poll.Attempt.notYet("refused " + calls.incrementAndGet()), deadline, FAST);
        Poll.Result.TimedOut<Object> t = assertInstanceOf(Poll.Result.TimedOut.class, r);
        assertEquals("refused " + calls.get(), t.lastReason());
        assertTrue(!Instant.now().isBefore(deadline));
    }

    @Test
    void neverPausesPastTheDeadline() {
        // A 30 s backoff against a 2 s deadline: the one pause is cut to what is left. The pause ends the poll (an
        // interrupt) instead of sleeping, so a slow machine cannot make the deadline pass before the first pause.
        List<Duration> pauses = new ArrayList<>();
        Poll.until(() -> Poll.Attempt.notYet("no"), Instant.now().plusSeconds(2),
                new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)), d -> {
                    pauses.add(d);
                    throw new InterruptedException();
                });
        Thread.interrupted();
        assertEquals(1, pauses.size(), pauses.toString());
        assertTrue(pauses.getFirst().compareTo(Duration.ofSeconds(2)) <= 0, pauses.toString());
    }

    @Test
    void anInterruptEndsThePollAndKeepsTheInterruptFlag() {
        try {
            Poll.Result<Object> r = Poll.until(() -> Poll.Attempt.notYet("waiting"), Instant.MAX, FAST, d -> {
                throw new InterruptedException();
            });
            assertEquals(new Poll.Result.Interrupted<>("waiting"), r);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
