package io.rancherdesktop.rdd.ui.view.logs;

import io.rancherdesktop.rdd.ui.stream.ContainerStreams;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static io.rancherdesktop.rdd.ui.testing.FxWait.onFx;
import static io.rancherdesktop.rdd.ui.testing.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Logs pane over streams the test feeds (unit level; GuiContainerToolsIT reads a real container's log): it opens
 * one Stdout and one Stderr follow, merges them by Docker's timestamp and marks the stderr lines.
 */
@ExtendWith(ApplicationExtension.class)
class LogsPaneTest {
    /** The two follows the pane opened, by stream; what they send comes from the test. */
    private final Map<ContainerStreams.Stream, Consumer<List<String>>> open = new ConcurrentHashMap<>();
    private final Map<ContainerStreams.Stream, ContainerStreams.LogQuery> queries = new ConcurrentHashMap<>();
    private LogsPane pane;

    @Start
    void start(Stage stage) {
        ContainerStreams fake = new ContainerStreams() {
            @Override
            public Handle log(String namespace, String name, LogQuery query, Consumer<List<String>> lines, Consumer<End> end) {
                open.put(query.stream(), lines);
                queries.put(query.stream(), query);
                return () -> open.remove(query.stream());
            }

            @Override
            public Handle stats(String namespace, String name, Consumer<StatsSample> samples, Consumer<End> end) {
                throw new UnsupportedOperationException();
            }
        };
        pane = new LogsPane(fake, Platform::runLater);
        stage.setScene(new Scene((javafx.scene.Parent) pane.node(), 800, 400));
        stage.show();
        pane.show("default", "c1", "web");
    }

    private List<String> texts() throws Exception {
        return onFx(() -> pane.lines().stream().map(l -> (l.stderr() ? "E " : "O ") + l.text()).toList());
    }

    @Test
    void stderrLinesAreMarkedAndBothStreamsAreMergedInDockersTimeOrder(FxRobot robot) throws Exception {
        until("both follows open", () -> open.size() == 2);
        assertTrue(queries.get(ContainerStreams.Stream.STDOUT).timestamps() && queries.get(ContainerStreams.Stream.STDERR).timestamps(),
                "both follows are timestamped, to merge them");
        assertEquals(1_000, queries.get(ContainerStreams.Stream.STDERR).tailLines());
        open.get(ContainerStreams.Stream.STDOUT).accept(List.of(
                "2026-01-01T00:00:01.000000000Z out-1", "2026-01-01T00:00:03.000000000Z out-3"));
        until("stdout shown", () -> pane.lines().size() == 2);
        // stderr's line of second 2 arrives after stdout's line of second 3: it goes between them
        open.get(ContainerStreams.Stream.STDERR).accept(List.of("2026-01-01T00:00:02.000000000Z err-2"));
        open.get(ContainerStreams.Stream.STDERR).accept(List.of("2026-01-01T00:00:04.000000000Z err-4"));
        until("stderr shown", () -> pane.lines().size() == 4);
        assertEquals(List.of("O out-1", "E err-2", "O out-3", "E err-4"), texts());

        until("the stderr cells are drawn marked", () -> robot.lookup(".log-stderr").queryAll().size() == 2);
        for (var n : robot.lookup(".log-stderr").queryAll()) {
            ListCell<?> cell = (ListCell<?>) n;
            assertTrue(((LogLine) cell.getItem()).stderr(), "only stderr lines carry the marker");
            assertTrue(cell.getStyle().contains("#b00020") && cell.getStyle().contains("#d32f2f"), "red text and a red gutter bar: " + cell.getStyle());
            assertTrue(cell.getAccessibleText().startsWith("stderr: "), cell.getAccessibleText());
        }
        for (var n : robot.lookup(".log-cell").queryAll()) {
            ListCell<?> cell = (ListCell<?>) n;
            if (cell.getItem() instanceof LogLine l && !l.stderr()) {
                assertFalse(cell.getStyleClass().contains("log-stderr"), "a stdout line is not marked");
                assertEquals("out-1".equals(l.text()) || "out-3".equals(l.text()), true, cell.getText());
                assertFalse(cell.getText().startsWith("2026"), "no timestamp unless asked for: " + cell.getText());
            }
        }
        robot.clickOn("#logs-timestamps");
        until("the timestamp shows without reopening", () -> robot.lookup(".log-cell").queryAll().stream()
                .anyMatch(n -> "2026-01-01T00:00:01.000000000Z out-1".equals(((ListCell<?>) n).getText())));
        assertEquals(2, open.size(), "the same two follows stay open");
        assertTrue(onFx(() -> ((CheckBox) robot.lookup("#logs-timestamps").query()).isSelected()));
    }
}
