package io.rancherdesktop.rdd.apiserver;

import io.rancherdesktop.rdd.instance.ReadinessFlags;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The checks behind {@code /readyz}: every part of the service (store, API, controllers) registers one, and
 * the service is ready when all pass. A check returns empty when healthy, or why it is not.
 */
public final class ReadinessChecks implements ReadinessFlags {
    private final Map<String, Supplier<Optional<String>>> checks = new LinkedHashMap<>();

    /** Adds (or replaces) a named check. */
    public synchronized void register(String name, Supplier<Optional<String>> check) {
        checks.put(name, check);
    }

    /** A check that passes once {@link Flag#set} was called: for "started" style readiness. */
    @Override
    public Flag flag(String name, String notReadyReason) {
        Flag f = new Flag(notReadyReason);
        register(name, f::check);
        return f;
    }

    public synchronized void unregister(String name) {
        checks.remove(name);
    }

    /** One line per check, {@code [+]name ok} or {@code [-]name failed: reason}, and whether all passed. */
    public record Report(boolean ready, String text) {
    }

    public Report evaluate() {
        Map<String, Supplier<Optional<String>>> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(checks);
        }
        StringBuilder b = new StringBuilder();
        boolean ready = true;
        for (var e : snapshot.entrySet()) {
            Optional<String> problem;
            try {
                problem = e.getValue().get();
            } catch (RuntimeException ex) {
                problem = Optional.of(ex.toString());
            }
            if (problem.isEmpty()) {
                b.append("[+]").append(e.getKey()).append(" ok\n");
            } else {
                ready = false;
                b.append("[-]").append(e.getKey()).append(" failed: ").append(problem.get()).append('\n');
            }
        }
        b.append(ready ? "readyz check passed\n" : "readyz check failed\n");
        return new Report(ready, b.toString());
    }

    /** A settable readiness condition. */
    public static final class Flag implements ReadinessFlags.Flag {
        private final String notReadyReason;
        private volatile boolean set;

        Flag(String notReadyReason) {
            this.notReadyReason = notReadyReason;
        }

        @Override
        public void set() {
            set = true;
        }

        @Override
        public void clear() {
            set = false;
        }

        Optional<String> check() {
            return set ? Optional.empty() : Optional.of(notReadyReason);
        }
    }
}
