package io.rancherdesktop.rdd.ui.stream;

import java.util.List;
import java.util.function.Consumer;

/**
 * The Container {@code log} and {@code stats} subresources (docs/api.md, "Container log and stats"), read as streams.
 * Callbacks run on an HTTP thread, never the JavaFX thread; a stream ends when the server ends it, on an error, or
 * when its {@link Handle} is closed.
 */
public interface ContainerStreams {

    /**
     * The log query: {@code follow}, {@code tailLines} (negative = all), {@code timestamps}, and which output
     * {@code stream} (kube's {@code stream} of {@code pods/log}; with one stream, {@code tailLines} counts that stream's).
     */
    record LogQuery(boolean follow, int tailLines, boolean timestamps, Stream stream) {
        public LogQuery(boolean follow, int tailLines, boolean timestamps) {
            this(follow, tailLines, timestamps, Stream.ALL);
        }
    }

    /** The {@code stream} values of the log subresource. */
    enum Stream {
        ALL("All"), STDOUT("Stdout"), STDERR("Stderr");

        private final String wire;

        Stream(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** One sample of the stats stream. */
    record StatsSample(String name, String timestamp, double cpuPercent, long memoryUsageBytes, long memoryLimitBytes,
                       long networkRxBytes, long networkTxBytes, long blockReadBytes, long blockWriteBytes, long pids) {
    }

    /** Why a stream ended: {@code null} error when the server ended it normally. */
    record End(String error) {
        public boolean failed() {
            return error != null;
        }
    }

    /** An open stream; {@link #close()} cancels it (idempotent, non-blocking). */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    /** Streams the log as complete lines (line ends removed), in batches as they arrive. */
    Handle log(String namespace, String name, LogQuery query, Consumer<List<String>> lines, Consumer<End> end);

    /** Follows the stats of a running container, one sample about a second. */
    Handle stats(String namespace, String name, Consumer<StatsSample> samples, Consumer<End> end);
}
