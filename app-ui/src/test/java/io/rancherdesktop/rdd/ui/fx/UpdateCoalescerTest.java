package io.rancherdesktop.rdd.ui.fx;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateCoalescerTest {
    /** Stands in for the JavaFX thread: drains wait here until the test runs them. */
    private final BlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    private final UpdateCoalescer coalescer = new UpdateCoalescer(uiQueue::add, Duration.ofMillis(50));
    private final List<UpdateCoalescer.Batch<String>> batches = new ArrayList<>();
    private final UpdateCoalescer.Channel<String> channel = coalescer.channel(s -> s.split("=")[0], batches::add);

    @AfterEach
    void close() {
        coalescer.close();
    }

    private void runNextDrain() throws InterruptedException {
        Runnable drain = uiQueue.poll(5, TimeUnit.SECONDS);
        assertNotNull(drain, "a drain was scheduled");
        drain.run();
    }

    @Test
    void changesToOneObjectBetweenDrainsCollapseIntoTheLast() throws InterruptedException {
        channel.upserted("a=1");
        channel.upserted("b=1");
        channel.upserted("a=2");
        channel.upserted("a=3");
        runNextDrain();
        assertEquals(1, batches.size());
        assertEquals(List.of("a=3", "b=1"), batches.getFirst().upserted());
        assertTrue(batches.getFirst().deleted().isEmpty());
    }

    @Test
    void aDeleteAfterAnUpsertWinsAndAnUpsertAfterADeleteWins() throws InterruptedException {
        channel.upserted("a=1");
        channel.deleted("a=1");
        channel.deleted("b=1");
        channel.upserted("b=2");
        runNextDrain();
        assertEquals(List.of("b=2"), batches.getFirst().upserted());
        assertEquals(List.of("a=1"), batches.getFirst().deleted());
    }

    @Test
    void onlyOneDrainIsScheduledWhileChangesKeepArriving() throws InterruptedException {
        for (int i = 0; i < 5000; i++) {
            channel.upserted("img" + i + "=1");
        }
        runNextDrain();
        assertNull(uiQueue.poll(), "no second drain is queued for changes already taken");
        assertEquals(5000, batches.getFirst().upserted().size());
    }

    @Test
    void aChangeRightAfterADrainWaitsForTheIntervalInsteadOfRunningAtOnce() throws InterruptedException {
        channel.upserted("a=1");
        runNextDrain();
        long drained = System.nanoTime();
        channel.upserted("a=2");
        Runnable next = uiQueue.poll(5, TimeUnit.SECONDS);
        long waited = System.nanoTime() - drained;
        assertNotNull(next);
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(40), "the next drain came after " + waited / 1_000_000 + " ms");
        next.run();
        assertEquals(List.of("a=2"), batches.get(1).upserted());
    }

    @Test
    void anIdleCoalescerSchedulesNothing() throws InterruptedException {
        assertNull(uiQueue.poll(200, TimeUnit.MILLISECONDS));
        assertTrue(batches.isEmpty());
    }

    @Test
    void allChannelsAreAppliedInTheSameDrain() throws InterruptedException {
        List<UpdateCoalescer.Batch<String>> other = new ArrayList<>();
        UpdateCoalescer.Channel<String> second = coalescer.channel(s -> s, other::add);
        channel.upserted("a=1");
        second.upserted("x");
        runNextDrain();
        assertEquals(1, batches.size());
        assertEquals(1, other.size());
        assertNull(uiQueue.poll());
    }

    @Test
    void afterCloseNothingIsApplied() throws InterruptedException {
        channel.upserted("a=1");
        coalescer.close();
        runNextDrain();
        assertTrue(batches.isEmpty());
    }
}
