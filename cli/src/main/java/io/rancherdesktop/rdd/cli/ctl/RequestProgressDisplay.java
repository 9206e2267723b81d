package io.rancherdesktop.rdd.cli.ctl;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Shows a request's {@code status.progress} on stderr (docs/cli.md, "Requests"): on a terminal one line per layer,
 * redrawn in place as {@code docker pull} does (cursor up over the last drawing, each line cleared and rewritten, the
 * screen below erased when the drawing got shorter); otherwise a plain line whenever the phase or the number of
 * finished layers changes.
 */
final class RequestProgressDisplay {
    private final PrintStream err;
    private final boolean terminal;
    private String lastPlain = "";
    private int drawn;

    RequestProgressDisplay(PrintStream err, boolean terminal) {
        this.err = Objects.requireNonNull(err, "err");
        this.terminal = terminal;
    }

    /** Whether stderr is an interactive terminal (the JDK tells for the console; good enough for a CLI run by hand). */
    static boolean stderrIsTerminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal() && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Shows the progress of one observed state of the request. */
    void update(Map<String, Object> request) {
        Map<String, Object> progress = ApiObjects.map(ApiObjects.map(request.get("status")).get("progress"));
        if (progress.isEmpty()) {
            return;
        }
        if (terminal) {
            redraw(progress);
        } else {
            plain(progress);
        }
    }

    private void plain(Map<String, Object> p) {
        String phase = ApiObjects.string(p.get("phase"));
        String line = phase;
        if (p.get("layersTotal") != null) {
            line += ": " + num(p.get("layersDone")) + "/" + num(p.get("layersTotal")) + " layers done";
        }
        if (line.equals(lastPlain)) {
            return;
        }
        lastPlain = line;
        String bytes = num(p.get("bytesTotal")) > 0 ? " (" + size(num(p.get("bytesDone"))) + " of " + size(num(p.get("bytesTotal"))) + ")" : "";
        err.println(line + bytes);
        err.flush();
    }

    private void redraw(Map<String, Object> p) {
        List<String> lines = new ArrayList<>();
        for (Object o : ApiObjects.list(p.get("layers"))) {
            Map<String, Object> l = ApiObjects.map(o);
            long total = num(l.get("total"));
            String bar = total > 0 ? " " + bar(num(l.get("current")), total) + " " + size(num(l.get("current"))) + "/" + size(total) : "";
            lines.add(ApiObjects.string(l.get("id")) + ": " + ApiObjects.string(l.get("action")) + bar);
        }
        String head = ApiObjects.string(p.get("phase"));
        if (p.get("layersTotal") != null) {
            head += " " + num(p.get("layersDone")) + "/" + num(p.get("layersTotal")) + " layers";
        }
        if (num(p.get("bytesTotal")) > 0) {
            head += ", " + size(num(p.get("bytesDone"))) + " of " + size(num(p.get("bytesTotal")));
        }
        lines.add(head);
        StringBuilder out = new StringBuilder();
        if (drawn > 0) {
            out.append("\033[").append(drawn).append('A');
        }
        for (String line : lines) {
            out.append("\r\033[2K").append(line).append('\n');
        }
        if (lines.size() < drawn) {
            out.append("\033[J"); // fewer lines than last time (a run's pull gave way to "Creating"): erase the rest
        }
        drawn = lines.size();
        err.print(out);
        err.flush();
    }

    private static String bar(long current, long total) {
        int width = 20;
        int filled = (int) Math.min(width, Math.max(0, current * width / Math.max(1, total)));
        return "[" + "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "") + "]";
    }

    static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1000.0);
        }
        if (bytes < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1_000_000_000.0);
    }
}
