package io.rancherdesktop.rdd.vm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The last lines an engine wrote to its log since an offset: the engine's own words for a failure message. */
final class LogTail {
    static final int DEFAULT_LINES = 15;
    /** Condition messages are capped at 32768 characters; keep well below. */
    static final int MAX_CHARS = 4000;
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Up to {@code lines} non-blank lines written after {@code fromOffset}, joined by newlines; "" if none. */
    static String read(Path log, long fromOffset, int lines) {
        if (!Files.isRegularFile(log)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long end = f.length();
            long start = Math.max(Math.min(fromOffset, end), end - MAX_BYTES);
            byte[] buf = new byte[(int) (end - start)];
            f.seek(start);
            f.readFully(buf);
            String[] all = new String(buf, StandardCharsets.UTF_8).split("\n");
            List<String> kept = new ArrayList<>();
            for (int i = all.length - 1; i >= 0 && kept.size() < lines; i--) {
                if (!all[i].isBlank() && !all[i].startsWith(ProcessDriver.LOG_MARKER)) {
                    kept.addFirst(all[i].stripTrailing());
                }
            }
            String text = String.join("\n", kept);
            return text.length() <= MAX_CHARS ? text : "…" + text.substring(text.length() - MAX_CHARS);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
