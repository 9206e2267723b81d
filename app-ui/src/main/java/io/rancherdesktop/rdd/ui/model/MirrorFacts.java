package io.rancherdesktop.rdd.ui.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Text shared by the container, image and volume tables. */
public final class MirrorFacts {
    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private MirrorFacts() {
    }

    /** Whether the API has been asked to delete the object and it is waiting for its finalizers. */
    public static boolean isTerminating(HasMetadata object) {
        return object.getMetadata().getDeletionTimestamp() != null;
    }

    /** An RFC 3339 time as local {@code yyyy-MM-dd HH:mm:ss} (sorts as text), or empty. */
    public static String localTime(String rfc3339) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return "";
        }
        try {
            return LOCAL_TIME.format(Instant.parse(rfc3339));
        } catch (DateTimeParseException e) {
            return rfc3339;
        }
    }

    /** An RFC 3339 time as an instant, or empty when there is none or it cannot be read. */
    public static java.util.Optional<Instant> instant(String rfc3339) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Instant.parse(rfc3339));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * An RFC 3339 time relative to {@code now} as people say it: "just now", "3 minutes ago", "an hour ago",
     * "2 days ago", "5 months ago"; a time in the future (a clock skew) is "just now". Empty for no time; an
     * unreadable time is returned as is.
     */
    public static String relativeTime(String rfc3339, Instant now) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return "";
        }
        java.util.Optional<Instant> t = instant(rfc3339);
        if (t.isEmpty()) {
            return rfc3339;
        }
        long s = java.time.Duration.between(t.get(), now).getSeconds();
        if (s < 45) {
            return "just now";
        }
        long m = Math.round(s / 60.0);
        if (m < 60) {
            return ago(m, "a minute", "minutes");
        }
        long h = Math.round(s / 3600.0);
        if (h < 24) {
            return ago(h, "an hour", "hours");
        }
        long d = Math.round(s / 86400.0);
        if (d < 30) {
            return ago(d, "a day", "days");
        }
        if (d < 365) {
            return ago(Math.max(1, Math.round(d / 30.44)), "a month", "months");
        }
        return ago(Math.max(1, Math.round(d / 365.25)), "a year", "years");
    }

    private static String ago(long n, String one, String unit) {
        return (n <= 1 ? one : n + " " + unit) + " ago";
    }

    /** Bytes in decimal units like the docker CLI: 4.26MB, 1.2GB, 512B. */
    public static String size(Long bytes) {
        if (bytes == null) {
            return "";
        }
        double v = bytes;
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? bytes + "B" : String.format(Locale.ROOT, "%.3g%s", v, units[u]);
    }

    /** The first 12 hex digits of a 64-hex ID, with or without a {@code sha256:} prefix. */
    public static String shortId(String id) {
        if (id == null) {
            return "";
        }
        String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /** {@code k=v} pairs, sorted by key, comma separated. */
    public static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "";
        }
        return new TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** One line per condition: {@code Type=Status (Reason): message}. */
    public static List<String> conditions(List<Condition> conditions) {
        if (conditions == null) {
            return List.of();
        }
        return conditions.stream()
                .map(c -> c.getType() + "=" + c.getStatus()
                        + (c.getReason() == null || c.getReason().isEmpty() ? "" : " (" + c.getReason() + ")")
                        + (c.getMessage() == null || c.getMessage().isEmpty() ? "" : ": " + c.getMessage()))
                .toList();
    }
}
