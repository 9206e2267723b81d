package io.rancherdesktop.rdd.vm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/** Records every status a driver publishes, and lets a test wait (with a deadline) for one that matches. */
final class StatusRecorder implements VmStatusListener {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<VmStatus> seen = new ArrayList<>();

    @Override
    public void statusChanged(VmStatus previous, VmStatus current) {
        lock.lock();
        try {
            seen.add(current);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    List<VmStatus> seen() {
        lock.lock();
        try {
            return List.copyOf(seen);
        } finally {
            lock.unlock();
        }
    }

    /** The first status seen at index {@code from} or later that matches, waiting up to {@code timeout}. */
    VmStatus await(int from, Predicate<VmStatus> match, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            int i = from;
            while (true) {
                for (; i < seen.size(); i++) {
                    if (match.test(seen.get(i))) {
                        return seen.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; statuses seen: " + seen);
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return seen.size();
        } finally {
            lock.unlock();
        }
    }
}
