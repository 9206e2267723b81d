package io.rancherdesktop.rdd.service.streams;

import io.rancherdesktop.rdd.apiserver.StatusException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.jetty.util.Fields;

/**
 * The query of a {@code log} request, as kube's {@code PodLogOptions}: {@code follow}, {@code tailLines},
 * {@code sinceSeconds}, {@code sinceTime} (RFC 3339), {@code timestamps}, {@code limitBytes}, {@code stream}
 * ({@code All}, {@code Stdout}, {@code Stderr}; kube 1.32's PodLogsQuerySplitStreams). Bad values are 400.
 *
 * @param since      the earliest log time wanted ({@code null}: from the start)
 * @param tailLines  the last N lines only ({@code -1}: all); with one stream, the last N lines of that stream
 * @param limitBytes stop after this many bytes of output ({@code -1}: no limit)
 */
record LogOptions(boolean follow, long tailLines, Instant since, boolean timestamps, long limitBytes, LogStream stream) {

    /** Which of the container's output streams the log has, as kube's {@code PodLogOptions.stream}. */
    enum LogStream {
        ALL("All"), STDOUT("Stdout"), STDERR("Stderr");

        final String wire;

        LogStream(String wire) {
            this.wire = wire;
        }

        static LogStream parse(String v) {
            if (v == null) {
                return ALL;
            }
            for (LogStream s : values()) {
                if (s.wire.equals(v)) {
                    return s;
                }
            }
            throw unsupported("stream", v, List.of("All", "Stderr", "Stdout"));
        }
    }

    /** Whether {@code tailLines} must be applied by us: Docker counts its tail over both streams before it filters. */
    boolean tailOfOneStream() {
        return stream != LogStream.ALL && tailLines >= 0;
    }

    static LogOptions parse(Fields q, Instant now) {
        LogStream stream = LogStream.parse(value(q, "stream"));
        boolean follow = bool(q, "follow");
        boolean timestamps = bool(q, "timestamps");
        long tail = number(q, "tailLines", 0);
        long limit = number(q, "limitBytes", 1);
        long sinceSeconds = number(q, "sinceSeconds", 1);
        String sinceTime = value(q, "sinceTime");
        if (sinceSeconds >= 0 && sinceTime != null) {
            throw invalid("sinceTime", "at most one of sinceTime or sinceSeconds may be specified");
        }
        Instant since = null;
        if (sinceSeconds >= 0) {
            since = now.minusSeconds(sinceSeconds);
        } else if (sinceTime != null) {
            try {
                since = OffsetDateTime.parse(sinceTime).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid("sinceTime", "\"" + sinceTime + "\" is not an RFC 3339 time (e.g. 2024-01-02T15:04:05Z)");
            }
        }
        return new LogOptions(follow, tail, since, timestamps, limit, stream);
    }

    /** The query of Docker's {@code GET /containers/{id}/logs}. */
    String dockerQuery() {
        StringBuilder sb = new StringBuilder(streams());
        if (follow) {
            sb.append("&follow=1");
        }
        if (tailLines >= 0) {
            sb.append("&tail=").append(tailLines);
        }
        if (since != null) {
            // Docker takes seconds with an optional fraction (its own parser: "1700000000.123456789").
            sb.append("&since=").append(since.getEpochSecond()).append('.').append(String.format("%09d", since.getNano()));
        }
        if (timestamps) {
            sb.append("&timestamps=1");
        }
        return sb.toString();
    }

    private String streams() {
        return switch (stream) {
            case ALL -> "stdout=1&stderr=1";
            case STDOUT -> "stdout=1&stderr=0";
            case STDERR -> "stdout=0&stderr=1";
        };
    }

    /**
     * The Docker query of one pass of a {@link #tailOfOneStream()} read: the chosen stream only, always timestamped (the
     * lines are cut and ordered by them), no tail, from {@code from} ({@code null}: from the start).
     */
    String stampedQuery(boolean follow, Instant from) {
        StringBuilder sb = new StringBuilder(streams()).append("&timestamps=1");
        if (follow) {
            sb.append("&follow=1");
        }
        if (from != null) {
            sb.append("&since=").append(from.getEpochSecond()).append('.').append(String.format("%09d", from.getNano()));
        }
        return sb.toString();
    }

    private static String value(Fields q, String name) {
        String v = q.getValue(name);
        return v == null || v.isEmpty() ? null : v;
    }

    static boolean bool(Fields q, String name) {
        String v = value(q, name);
        if (v == null) {
            return false;
        }
        return switch (v) {
            case "true", "1", "True", "TRUE" -> true;
            case "false", "0", "False", "FALSE" -> false;
            default -> throw invalid(name, "\"" + v + "\" is not a boolean (true or false)");
        };
    }

    /** A whole number ≥ {@code min}; -1 when absent. */
    private static long number(Fields q, String name, long min) {
        String v = value(q, name);
        if (v == null) {
            return -1;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(name, "\"" + v + "\" is not a whole number");
        }
        if (n < min) {
            throw invalid(name, "must be " + (min == 0 ? "greater than or equal to 0" : "greater than 0") + ", got " + n);
        }
        return n;
    }

    static StatusException unsupported(String field, String value, List<String> supported) {
        String message = "Unsupported value: \"" + value + "\": supported values: "
                + String.join(", ", supported.stream().map(v -> "\"" + v + "\"").toList());
        return new StatusException(400, "BadRequest", "invalid " + field + ": " + message,
                new StatusException.Details("", "", "PodLogOptions", List.of(new StatusException.Cause("FieldValueNotSupported", message, field))));
    }

    static StatusException invalid(String field, String message) {
        return new StatusException(400, "BadRequest", "invalid " + field + ": " + message,
                new StatusException.Details("", "", "PodLogOptions", List.of(new StatusException.Cause("FieldValueInvalid", message, field))));
    }
}
