package io.rancherdesktop.rdd.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The figures a reliability test measures: printed to its output and written to
 * {@code integration-tests/target/reliability/<test>.txt}, from which docs/reliability.md takes them.
 */
final class ReliabilityFigures {
    private ReliabilityFigures() {
    }

    /** The p-th percentile (0–100) of the samples, nearest rank; 0 for none. */
    static double percentile(List<Double> samples, double p) {
        if (samples.isEmpty()) {
            return 0;
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String format(String template, Object... args) {
        return String.format(Locale.ROOT, template, args);
    }

    /** Prints the lines and writes them to target/reliability/{@code test}.txt. */
    static void report(String test, String... lines) {
        String text = Arrays.stream(lines).map(l -> "[" + test + "] " + l).collect(Collectors.joining("\n")) + "\n";
        System.out.print(text);
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(test + ".txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
