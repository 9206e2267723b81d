package io.rancherdesktop.rdd.apiserver;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fault injection for watch clients: while closed, new watch requests wait (up to a bound) before they
 * start, so a test can change the store while every client is disconnected and then let them resume.
 */
public final class WatchGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition opened = lock.newCondition();
    private boolean closed;

    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    public void open() {
        lock.lock();
        try {
            closed = false;
            opened.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits while the gate is closed, at most {@code max}. */
    void await(Duration max) throws InterruptedException {
        long nanos = max.toNanos();
        lock.lock();
        try {
            while (closed && nanos > 0) {
                nanos = opened.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

}
