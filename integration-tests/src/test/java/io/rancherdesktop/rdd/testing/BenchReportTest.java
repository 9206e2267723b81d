package io.rancherdesktop.rdd.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    @TempDir
    Path dir;

    @Test
    void aSectionIsReplacedUpToTheNextHeadingOrAnotherScriptsMarkerWhichStays() throws IOException {
        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, "# Benchmarks\n\n## Engine full sync\n\nold\n\n<!-- bench:cli:start -->\n## CLI\n\ncli\n<!-- bench:cli:end -->\n\n## GUI\n\ngui\n");
        BenchReport.writeSection(doc, "## Engine full sync", "## Engine full sync\n\nnew\n");
        assertEquals("# Benchmarks\n\n## Engine full sync\n\nnew\n\n<!-- bench:cli:start -->\n## CLI\n\ncli\n<!-- bench:cli:end -->\n\n## GUI\n\ngui\n",
                Files.readString(doc));
        BenchReport.writeSection(doc, "## Store", "## Store\n\nstore\n");
        assertEquals("gui\n\n## Store\n\nstore\n", Files.readString(doc).substring(Files.readString(doc).indexOf("gui\n")));
    }
}
