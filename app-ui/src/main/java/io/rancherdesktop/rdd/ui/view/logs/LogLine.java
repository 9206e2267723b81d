package io.rancherdesktop.rdd.ui.view.logs;

import io.rancherdesktop.rdd.wire.DockerTime;
import java.time.Instant;

/**
 * One line of the Logs pane: Docker's timestamp (the pane always asks for it, to merge the two streams in order),
 * the text after it, and whether the container wrote it to stderr.
 *
 * @param time   Docker's timestamp ({@code null} when the line had none: it is then taken as arriving last)
 * @param stamp  the timestamp as Docker wrote it (RFC 3339, nanoseconds), or {@code ""}
 * @param text   the line without its timestamp
 * @param stderr whether it came from the {@code stream=Stderr} read
 */
public record LogLine(Instant time, String stamp, String text, boolean stderr) {

    /** A line of a {@code timestamps=true} log: {@code "2024-01-02T15:04:05.123456789Z text"}. */
    public static LogLine parse(String raw, boolean stderr) {
        int space = raw.indexOf(' ');
        if (space > 0 && space <= 40) {
            String stamp = raw.substring(0, space);
            Instant time = DockerTime.parse(stamp); // null: not a timestamp, the whole line is text
            if (time != null) {
                return new LogLine(time, stamp, raw.substring(space + 1), stderr);
            }
        }
        return new LogLine(null, "", raw, stderr);
    }

    /** What the pane shows (and copies): the text, after its timestamp when {@code timestamps} is on. */
    public String display(boolean timestamps) {
        return timestamps && !stamp.isEmpty() ? stamp + " " + text : text;
    }
}
