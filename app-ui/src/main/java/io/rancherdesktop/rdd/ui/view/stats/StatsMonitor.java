package io.rancherdesktop.rdd.ui.view.stats;

import io.rancherdesktop.rdd.ui.stream.ContainerStreams;
import io.rancherdesktop.rdd.ui.stream.ContainerStreams.StatsSample;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * CPU and memory of running containers from the Container {@code stats} subresource: one followed stream per
 * container it is told to watch (the running rows shown while the Containers tab is visible), closed as soon as
 * the container is no longer watched. Samples land on HTTP threads; once a second the JavaFX thread copies the
 * newest one into the texts the cells show and into a 60-sample history for the chart.
 */
public final class StatsMonitor {
    public static final int HISTORY = 60;

    /** What one watched container shows. JavaFX thread, except {@link #latest}. */
    public static final class Entry {
        private final ReadOnlyStringWrapper cpu = new ReadOnlyStringWrapper("");
        private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper("");
        private final Deque<StatsSample> history = new ArrayDeque<>();
        private volatile StatsSample latest;
        private StatsSample applied;
        private ContainerStreams.Handle handle;

        public ReadOnlyStringProperty cpuText() {
            return cpu.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty memoryText() {
            return memory.getReadOnlyProperty();
        }

        public List<StatsSample> history() {
            return List.copyOf(history);
        }
    }

    /** A watched container: namespace and mirror name. */
    public record Key(String namespace, String name) {
    }

    private final ContainerStreams streams;
    private final java.util.concurrent.Executor fx;
    private final Map<Key, Entry> entries = new HashMap<>();
    /**
     * The once-a-second copy into the cells. Not a JavaFX {@code Timeline}: a running animation makes JavaFX pulse at
     * 60 frames a second for as long as it runs (docs/benchmarks.md, "Container logs and stats in the GUI", measured
     * that as most of the GUI's cost of the stats columns); a daemon timer posting to the JavaFX thread costs one
     * wake-up a second.
     */
    private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("rdd-stats-tick").factory());
    private ScheduledFuture<?> tick;
    private Consumer<Key> onTick = k -> { };

    public StatsMonitor(ContainerStreams streams, java.util.concurrent.Executor fx) {
        this.streams = streams;
        this.fx = fx;
    }

    /** Runs after each once-a-second update (the chart redraws there). */
    public void onTick(Consumer<Key> listener) {
        this.onTick = listener;
    }

    /** The entry cells bind to (made on demand; it stays empty while the container is not watched). */
    public Entry entry(Key key) {
        return entries.computeIfAbsent(key, k -> new Entry());
    }

    /** How many stats streams are open. */
    public int openStreams() {
        return (int) entries.values().stream().filter(e -> e.handle != null).count();
    }

    /** Watches exactly these containers: opens the missing streams, closes the others. JavaFX thread. */
    public void watch(Set<Key> keys) {
        for (var it = entries.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!keys.contains(e.getKey())) {
                Entry entry = e.getValue();
                if (entry.handle != null) {
                    entry.handle.close();
                    entry.handle = null;
                }
                entry.latest = null;
                entry.applied = null;
                entry.history.clear();
                entry.cpu.set("");
                entry.memory.set("");
            }
        }
        for (Key key : new HashSet<>(keys)) {
            Entry entry = entry(key);
            if (entry.handle == null) {
                entry.handle = streams.stats(key.namespace(), key.name(), s -> entry.latest = s,
                        end -> fx.execute(() -> entry.handle = null));
            }
        }
        if (keys.isEmpty()) {
            if (tick != null) {
                tick.cancel(false);
                tick = null;
            }
        } else if (tick == null) {
            tick = TICKS.scheduleAtFixedRate(() -> fx.execute(this::apply), 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Closes every stream. JavaFX thread. */
    public void close() {
        watch(Set.of());
    }

    private void apply() {
        for (var e : entries.entrySet()) {
            Entry entry = e.getValue();
            StatsSample s = entry.latest;
            if (s == null || s == entry.applied) {
                continue;
            }
            entry.applied = s;
            entry.history.addLast(s);
            while (entry.history.size() > HISTORY) {
                entry.history.removeFirst();
            }
            entry.cpu.set(String.format(Locale.ROOT, "%.1f %%", s.cpuPercent()));
            entry.memory.set(bytes(s.memoryUsageBytes()));
            onTick.accept(e.getKey());
        }
    }

    /** {@code 1.5 MiB}: binary units, one decimal. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
