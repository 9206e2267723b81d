package io.rancherdesktop.rdd.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress display of {@code rdd ctl pull|push|run} (docs/cli.md, "Requests"), fed a sequence of request states. */
class RequestProgressDisplayTest {
    private static final String CLEAR = "\r\033[2K";

    private static Map<String, Object> layer(String id, String action, long current, long total) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("id", id);
        l.put("action", action);
        if (total > 0) {
            l.put("current", current);
            l.put("total", total);
        }
        return l;
    }

    private static Map<String, Object> request(String phase, Integer layersDone, Integer layersTotal, long bytesDone, long bytesTotal,
                                               List<Map<String, Object>> layers) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("phase", phase);
        if (layersTotal != null) {
            p.put("layersDone", layersDone);
            p.put("layersTotal", layersTotal);
        }
        if (bytesTotal > 0) {
            p.put("bytesDone", bytesDone);
            p.put("bytesTotal", bytesTotal);
        }
        if (!layers.isEmpty()) {
            p.put("layers", layers);
        }
        return Map.of("status", Map.of("progress", p));
    }

    /** A pull of two layers, then the container's creation (the sequence `rdd ctl run` of a missing image shows). */
    private static List<Map<String, Object>> pullThenCreate() {
        return List.of(
                request("Pulling", 0, 2, 1_000_000, 4_500_000, List.of(
                        layer("aaaa", "Downloading", 1_000_000, 4_000_000),
                        layer("bbbb", "Waiting", 0, 0))),
                request("Pulling", 1, 2, 4_500_000, 4_500_000, List.of(
                        layer("aaaa", "Pull complete", 0, 0),
                        layer("bbbb", "Extracting", 250_000, 500_000))),
                request("Creating", null, null, 0, 0, List.of()));
    }

    private static String render(boolean terminal, List<Map<String, Object>> states) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        RequestProgressDisplay display = new RequestProgressDisplay(err, terminal);
        states.forEach(display::update);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalEachLayerHasALineRedrawnInPlaceByMovingTheCursorUpOverTheLastDrawing() {
        String out = render(true, pullThenCreate().subList(0, 2));
        String first = CLEAR + "aaaa: Downloading [=====>              ] 1.0 MB/4.0 MB\n"
                + CLEAR + "bbbb: Waiting\n"
                + CLEAR + "Pulling 0/2 layers, 1.0 MB of 4.5 MB\n";
        String second = "\033[3A"
                + CLEAR + "aaaa: Pull complete\n"
                + CLEAR + "bbbb: Extracting [==========>         ] 250.0 kB/500.0 kB\n"
                + CLEAR + "Pulling 1/2 layers, 4.5 MB of 4.5 MB\n";
        assertEquals(first + second, out);
    }

    @Test
    void onATerminalADrawingShorterThanTheLastOneErasesTheLinesBelowIt() {
        String out = render(true, pullThenCreate());
        String third = "\033[3A" + CLEAR + "Creating\n" + "\033[J";
        assertEquals(third, out.substring(out.lastIndexOf("\033[3A")));
    }

    @Test
    void withoutATerminalAPlainLineIsPrintedOnlyWhenThePhaseOrTheFinishedLayersChange() {
        List<Map<String, Object>> states = new java.util.ArrayList<>(pullThenCreate());
        // the same phase and finished layers with more bytes: no new line
        states.add(1, request("Pulling", 0, 2, 2_000_000, 4_500_000, List.of(layer("aaaa", "Downloading", 2_000_000, 4_000_000))));
        assertEquals("""
                Pulling: 0/2 layers done (1.0 MB of 4.5 MB)
                Pulling: 1/2 layers done (4.5 MB of 4.5 MB)
                Creating
                """, render(false, states));
        assertEquals("", render(false, List.of(Map.of("status", Map.of()))), "no progress, nothing shown");
    }
}
