package io.rancherdesktop.rdd.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {
    private static KubernetesClientException status(int code) {
        return new KubernetesClientException("HTTP " + code, code, null);
    }

    @Test
    void aConflictIsRetriedWithAFreshAttemptUntilOneGetsThrough() {
        AtomicInteger calls = new AtomicInteger();
        String r = ConflictRetry.run(() -> "write", ConflictRetry.AT_ONCE, attempt -> {
            calls.incrementAndGet();
            if (attempt < 3) {
                throw status(409);
            }
            return "written on attempt " + attempt;
        });
        assertEquals("written on attempt 3", r);
        assertEquals(3, calls.get());
    }

    @Test
    void theLastConflictIsThrownAfterMaxAttempts() {
        AtomicInteger calls = new AtomicInteger();
        KubernetesClientException last = status(409);
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> ConflictRetry.run(() -> "write", ConflictRetry.AT_ONCE, attempt -> {
                    calls.incrementAndGet();
                    throw attempt == ConflictRetry.MAX_ATTEMPTS ? last : status(409);
                }));
        assertSame(last, e);
        assertEquals(ConflictRetry.MAX_ATTEMPTS, calls.get());
    }

    @Test
    void anyOtherFailureEndsTheLoopAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        KubernetesClientException e = assertThrows(KubernetesClientException.class,
                () -> ConflictRetry.run(() -> "write", ConflictRetry.AT_ONCE, attempt -> {
                    calls.incrementAndGet();
                    throw status(403);
                }));
        assertEquals(403, e.getCode());
        assertEquals(1, calls.get());
    }
}
