package io.rancherdesktop.rdd.apiserver;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Kubernetes time formats: RFC 3339 with second precision for metadata, and kubectl's short ages. */
public final class Timestamps {
    private Timestamps() {
    }

    public static String format(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    public static Optional<Instant> parse(String s) {
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(java.time.OffsetDateTime.parse(s).toInstant());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /** kubectl's {@code HumanDuration}: {@code 42s}, {@code 5m10s}, {@code 3h}, {@code 2d5h}, {@code 12d}, {@code 3y45d}. */
    public static String age(Duration d) {
        long s = d.getSeconds();
        if (s < 0) {
            s = 0;
        }
        if (s < 60 * 2) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 10) {
            long rs = s % 60;
            return rs == 0 ? m + "m" : m + "m" + rs + "s";
        }
        if (m < 60 * 3) {
            return m + "m";
        }
        long h = s / 3600;
        if (h < 8) {
            long rm = m % 60;
            return rm == 0 ? h + "h" : h + "h" + rm + "m";
        }
        if (h < 48) {
            return h + "h";
        }
        if (h < 24 * 8) {
            long rh = h % 24;
            return rh == 0 ? (h / 24) + "d" : (h / 24) + "d" + rh + "h";
        }
        if (h < 24 * 365 * 2) {
            return (h / 24) + "d";
        }
        if (h < 24 * 365 * 8) {
            long dy = (h / 24) % 365;
            return dy == 0 ? (h / 24 / 365) + "y" : (h / 24 / 365) + "y" + dy + "d";
        }
        return (h / 24 / 365) + "y";
    }
}
