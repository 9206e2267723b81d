package io.rancherdesktop.rdd.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the Java benchmarks write: their section of docs/benchmarks.md, and their figures with goals as the TSV that
 * scripts/bench/run turns into the goals table (columns as in scripts/bench/lib/results.sh).
 */
public final class BenchReport {
    private final List<String> rows = new ArrayList<>(List.of("metric\tvalue\tunit\tgoal\tcompared_with\tmeasured"));
    private final String date = today();

    /** One figure; {@code goal} like {@code "<= 1.5"} or empty, {@code comparedWith} the floor or peer, or empty. */
    public BenchReport result(String metric, double value, String unit, String goal, String comparedWith) {
        rows.add(String.join("\t", metric, String.format(Locale.ROOT, "%.2f", value), unit, goal, comparedWith, date));
        return this;
    }

    public void writeResults(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, rows);
    }

    public static String today() {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.now().atZone(ZoneOffset.UTC));
    }

    /**
     * Replaces the section starting with {@code heading} in {@code file}, or appends it. A section ends at the next
     * "## " heading or at the next {@code <!-- bench:} marker, which opens the block of another script (taking the
     * marker along used to eat the start of the CLI section, and the CLI script then appended duplicates).
     */
    public static void writeSection(Path file, String heading, String section) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n";
        int start = existing.indexOf(heading + "\n");
        String updated;
        if (start < 0) {
            updated = existing.stripTrailing() + "\n\n" + section;
        } else {
            int next = firstOf(existing, start + 1, "\n## ", "\n<!-- bench:");
            updated = existing.substring(0, start) + section.stripTrailing() + "\n" + (next < 0 ? "" : existing.substring(next));
        }
        Files.writeString(file, updated);
    }

    private static int firstOf(String text, int from, String... needles) {
        int best = -1;
        for (String n : needles) {
            int i = text.indexOf(n, from);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
