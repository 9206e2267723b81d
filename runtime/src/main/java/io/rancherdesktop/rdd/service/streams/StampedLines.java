package io.rancherdesktop.rdd.service.streams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import io.rancherdesktop.rdd.wire.DockerTime;
import java.time.Instant;

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
        Instant time = space > 0 ? DockerTime.parse(line, space) : null;
        if (time != null && (last == null || time.isAfter(last))) {
            last = time;
        }
        consumer.accept(new Line(line, time == null ? 0 : space + 1, time));
    }
}
