package io.rancherdesktop.rdd.service.streams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Cuts Docker's timestamped log payload ({@code timestamps=1}: {@code "2024-01-02T15:04:05.123456789Z text\n"}) into
 * lines and reads each line's timestamp. A last line without a line end is passed on by {@link #finish()}.
 */
final class StampedLines {
    /**
     * One line as Docker sent it.
     *
     * @param bytes     the line with its timestamp and its {@code \n} (if it had one)
     * @param textStart where the text after the timestamp and its space starts
     * @param time      the timestamp ({@code null} if the line has none Docker's way)
     */
    record Line(byte[] bytes, int textStart, Instant time) {
    }

    @FunctionalInterface
    interface Consumer {
        void accept(Line line) throws IOException;
    }

    private final Consumer consumer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Instant last;

    StampedLines(Consumer consumer) {
        this.consumer = consumer;
    }

    /** The newest timestamp seen so far ({@code null}: none). */
    Instant last() {
        return last;
    }

    void feed(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        int start = off;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n') {
                pending.write(b, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        pending.write(b, start, end - start);
    }

    void finish() throws IOException {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() throws IOException {
        byte[] line = pending.toByteArray();
        pending.reset();
        int space = -1;
        for (int i = 0; i < Math.min(line.length, 40); i++) {
            if (line[i] == ' ') {
                space = i;
                break;
            }
        }
        Instant time = space > 0 ? dockerTime(line, space) : null;
        if (time == null && space > 0) {
            try {
                time = Instant.parse(new String(line, 0, space, StandardCharsets.US_ASCII));
            } catch (DateTimeParseException e) {
                time = null;
            }
        }
        if (time != null && (last == null || time.isAfter(last))) {
            last = time;
        }
        consumer.accept(new Line(line, time == null ? 0 : space + 1, time));
    }

    /**
     * Docker's own format, {@code 2024-01-02T15:04:05.123456789Z} (UTC, up to 9 fraction digits), read without a
     * {@link java.time.format.DateTimeFormatter} (a map per call, at thousands of lines a second); {@code null} for
     * anything else (the caller then tries {@link Instant#parse}).
     */
    static Instant dockerTime(byte[] b, int n) {
        if (n < 20 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' || b[n - 1] != 'Z') {
            return null;
        }
        int year = digits(b, 0, 4);
        int month = digits(b, 5, 7);
        int day = digits(b, 8, 10);
        int hour = digits(b, 11, 13);
        int minute = digits(b, 14, 16);
        int second = digits(b, 17, 19);
        int nanos = 0;
        if (n > 20) {
            if (b[19] != '.' || n - 21 > 9 || n - 21 < 1) {
                return null;
            }
            nanos = digits(b, 20, n - 1);
            if (nanos < 0) {
                return null;
            }
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        try {
            long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(byte[] b, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            v = v * 10 + (b[i] - '0');
        }
        return v;
    }
}
