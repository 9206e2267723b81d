package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Table text as kubectl prints it: Go's tabwriter (min width 6, padding 3), cell formatting, ages. */
final class Tables {
    private static final int MIN_WIDTH = 6;
    private static final int PADDING = 3;

    private Tables() {
    }

    /** Aligns rows: every column but the last is padded to its widest cell plus 3 (at least 6). */
    static String render(List<List<String>> rows) {
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[cols];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size() - 1; i++) {
                width[i] = Math.max(width[i], Math.max(MIN_WIDTH, length(row.get(i)) + PADDING));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                sb.append(cell);
                if (i < row.size() - 1) {
                    sb.append(" ".repeat(width[i] - length(cell)));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** A table cell as kubectl formats it (Go's {@code %v} for composite values). */
    static String cell(Object v, String type) {
        if (v instanceof String s && "date".equals(type)) {
            return ageOf(s);
        }
        // instanceof chains, not type switches: each pattern switch spins a class at first use (CLI start-up).
        if (v == null) {
            return "<none>";
        } else if (v instanceof String s) {
            return s;
        } else if (v instanceof Double d) {
            return Json.formatDouble(d);
        } else if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return goValue(v);
        }
        return v.toString();
    }

    static String goValue(Object v) {
        if (v == null) {
            return "<nil>";
        } else if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("map[");
            boolean first = true;
            for (var e : new TreeMap<>(m).entrySet()) {
                sb.append(first ? "" : " ").append(e.getKey()).append(':').append(goValue(e.getValue()));
                first = false;
            }
            return sb.append(']').toString();
        } else if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(goValue(l.get(i)));
            }
            return sb.append(']').toString();
        } else if (v instanceof Double d) {
            return Json.formatDouble(d);
        }
        return v.toString();
    }

    /** The age of an RFC 3339 timestamp, or the text itself when it is not one. */
    static String ageOf(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            Instant t = OffsetDateTime.parse(timestamp).toInstant();
            return humanDuration(Duration.between(t, Instant.now()));
        } catch (DateTimeParseException e) {
            return timestamp;
        }
    }

    /** {@code k8s.io/apimachinery/pkg/util/duration.HumanDuration}. */
    static String humanDuration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }
}
