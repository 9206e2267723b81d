package io.rancherdesktop.rdd.ui.view.logs;

import io.rancherdesktop.rdd.ui.stream.ContainerStreams;
import io.rancherdesktop.rdd.ui.stream.ContainerStreams.LogQuery;
import io.rancherdesktop.rdd.ui.stream.ContainerStreams.Stream;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A container's log, streamed from the Container {@code log} subresource: follows by default, search with
 * highlighting, wrap, copy, clear, tail size and timestamps; stderr lines are marked (red text, a red bar in the
 * gutter). Two follows are open, {@code stream=Stdout} and {@code stream=Stderr}, both with {@code timestamps=true};
 * their lines are merged by Docker's timestamp (a line that arrives after a newer one of the other stream is inserted
 * at its place), and the timestamp is shown only when asked for (docs/gui.md, "Container tools"). Lines arrive on
 * HTTP threads and are queued; the JavaFX thread takes everything queued in one batch (at most one pending
 * hand-over), so a container printing thousands of lines a second costs one list update per pulse. The list is
 * virtualised and keeps the last {@link #MAX_LINES} lines (up to {@link #TRIM_SLACK} more before it trims).
 */
public final class LogsPane {
    public static final int MAX_LINES = 50_000;
    /** How far the list may grow past {@link #MAX_LINES} before it is trimmed back (in one replacement). */
    static final int TRIM_SLACK = 5_000;
    private static final List<Integer> TAILS = List.of(100, 1_000, 10_000, -1);

    private final ContainerStreams streams;
    private final Executor fx;
    private final BorderPane root = new BorderPane();
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final ListView<LogLine> list = new ListView<>(lines);
    private final CheckBox follow = new CheckBox("_Follow");
    private final CheckBox wrap = new CheckBox("_Wrap");
    private final CheckBox timestamps = new CheckBox("Ti_mestamps");
    private final ComboBox<Integer> tail = new ComboBox<>(FXCollections.observableArrayList(TAILS));
    private final TextField search = new TextField();
    private final Label matches = new Label();
    private final Label state = new Label();
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final List<ContainerStreams.Handle> handles = new ArrayList<>();
    private int streamsOpen;
    private String failure;
    private Consumer<List<LogLine>> onAdded = added -> { };
    private Target target;
    /** Lines of older streams still queued are dropped: each stream has its own token. */
    private Object token = new Object();

    private record Target(String namespace, String name, String title) {
    }

    private record Batch(Object token, List<LogLine> lines) {
    }

    private record Ended(Object token, ContainerStreams.End end) {
    }

    public LogsPane(ContainerStreams streams, Executor fx) {
        this.streams = streams;
        this.fx = fx;
        list.setId("logs-list");
        list.getStyleClass().add("logs-list");
        list.setStyle("-fx-font-family: monospace;");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(l -> new LogCell());
        // One line a cell unless wrapping: a fixed height spares the virtualised list measuring cells while a fast log
        // replaces them every frame (docs/benchmarks.md, "Container logs and stats in the GUI").
        list.setFixedCellSize(lineCellHeight());
        list.setAccessibleText("Log lines");
        list.setPlaceholder(new Label("No log lines."));

        follow.setId("logs-follow");
        follow.setSelected(true);
        follow.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                scrollToEnd();
            }
        });
        wrap.setId("logs-wrap");
        wrap.selectedProperty().addListener((o, was, now) -> {
            list.setFixedCellSize(now ? Region.USE_COMPUTED_SIZE : lineCellHeight());
            list.refresh();
        });
        timestamps.setId("logs-timestamps");
        timestamps.selectedProperty().addListener((o, was, now) -> {
            list.refresh(); // every line has its timestamp: only the cells change
            updateMatches();
        });
        tail.setId("logs-tail");
        tail.setValue(1_000);
        tail.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null ? "" : n < 0 ? "All lines" : String.format(Locale.ROOT, "Last %,d", n);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        tail.setAccessibleText("Tail size");
        tail.valueProperty().addListener((o, was, now) -> reopen());
        search.setId("logs-search");
        search.setPromptText("Search log");
        search.setAccessibleText("Search log");
        search.setPrefColumnCount(16);
        search.textProperty().addListener((o, was, now) -> {
            list.refresh();
            updateMatches();
            findNext(true);
        });
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                findNext(!e.isShiftDown());
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                e.consume();
            }
        });
        matches.setId("logs-matches");
        Button next = new Button("↓");
        next.setId("logs-next");
        next.setAccessibleText("Next match");
        next.setOnAction(e -> findNext(true));
        Button previous = new Button("↑");
        previous.setId("logs-previous");
        previous.setAccessibleText("Previous match");
        previous.setOnAction(e -> findNext(false));
        Button copy = new Button("_Copy");
        copy.setId("logs-copy");
        copy.setOnAction(e -> copy());
        Button clear = new Button("C_lear");
        clear.setId("logs-clear");
        clear.setOnAction(e -> {
            lines.clear();
            updateMatches();
        });
        state.setId("logs-state");
        state.getStyleClass().add("logs-state");

        ToolBar bar = new ToolBar(follow, wrap, timestamps, tail, search, previous, next, matches, copy, clear);
        root.setTop(bar);
        root.setCenter(list);
        root.setBottom(state);
        BorderPane.setMargin(state, new Insets(2, 6, 2, 6));
        root.setId("logs-pane");
        state.setText("Select a container to see its log.");
    }

    /** The height of a one-line cell: the monospace line plus the cell's padding (0.25em above and below). */
    private static double lineCellHeight() {
        double size = Font.getDefault().getSize();
        Text probe = new Text("Xgjy|");
        probe.setFont(Font.font("monospace", size));
        return Math.ceil(probe.getLayoutBounds().getHeight() + 0.5 * size + 2);
    }

    public Node node() {
        return root;
    }

    public ObservableList<LogLine> lines() {
        return lines;
    }

    /** Called on the JavaFX thread with the lines each batch added (measurements, tests); one listener. */
    public void onLinesAdded(Consumer<List<LogLine>> listener) {
        this.onAdded = listener == null ? added -> { } : listener;
    }

    /** Shows the log of this container (closing any other stream); {@code null} shows nothing. JavaFX thread. */
    public void show(String namespace, String name, String title) {
        Target next = name == null ? null : new Target(namespace, name, title);
        if (next != null && next.equals(target) && !handles.isEmpty()) {
            return;
        }
        target = next;
        reopen();
    }

    /** Closes the stream (the pane is hidden or the selection changed). JavaFX thread. */
    public void close() {
        target = null;
        stop();
        state.setText("Select a container to see its log.");
    }

    private void stop() {
        handles.forEach(ContainerStreams.Handle::close);
        handles.clear();
        token = new Object();
        queue.clear();
    }

    private void reopen() {
        stop();
        lines.clear();
        updateMatches();
        if (target == null) {
            return;
        }
        Object mine = token;
        state.setText("Following the log of " + target.title() + "…");
        int tailLines = tail.getValue() == null ? 1_000 : tail.getValue();
        streamsOpen = 2;
        failure = null;
        for (Stream stream : List.of(Stream.STDOUT, Stream.STDERR)) {
            boolean stderr = stream == Stream.STDERR;
            handles.add(streams.log(target.namespace(), target.name(), new LogQuery(true, tailLines, true, stream),
                    batch -> {
                        List<LogLine> parsed = new ArrayList<>(batch.size());
                        for (String raw : batch) {
                            parsed.add(LogLine.parse(raw, stderr));
                        }
                        enqueue(new Batch(mine, parsed));
                    }, end -> enqueue(new Ended(mine, end))));
        }
    }

    private void enqueue(Object item) {
        queue.add(item);
        if (drainScheduled.compareAndSet(false, true)) {
            fx.execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        List<LogLine> added = new ArrayList<>();
        Object item;
        while ((item = queue.poll()) != null) {
            switch (item) {
                case Batch b when b.token() == token -> added.addAll(b.lines());
                case Ended e when e.token() == token -> {
                    if (e.end().failed() && failure == null) {
                        failure = e.end().error();
                    }
                    if (--streamsOpen == 0) {
                        handles.clear();
                        state.setText(failure != null ? "Log stream failed: " + failure : "The log ended (the container stopped).");
                    }
                }
                default -> {
                    // a stream that was closed or replaced
                }
            }
        }
        if (added.isEmpty()) {
            return;
        }
        merge(added);
        onAdded.accept(added);
        if (!search.getText().isEmpty()) {
            updateMatches();
        }
        if (follow.isSelected()) {
            scrollToEnd();
        }
    }

    private static final Comparator<LogLine> BY_TIME = Comparator.comparing(LogLine::time, Comparator.nullsLast(Comparator.naturalOrder()));

    /**
     * Adds the lines in timestamp order. Usually they are all newer than the last shown line (one append); a line of
     * one stream that arrives after newer lines of the other is inserted at its place, so only the shown lines newer
     * than the oldest added one are rewritten.
     */
    private void merge(List<LogLine> added) {
        added.sort(BY_TIME); // stable: a stream's own lines keep their order
        LogLine first = added.getFirst();
        int at = lines.size();
        while (at > 0 && first.time() != null && BY_TIME.compare(lines.get(at - 1), first) > 0) {
            at--;
        }
        if (at < lines.size()) {
            List<LogLine> merged = new ArrayList<>(lines.subList(at, lines.size()));
            merged.addAll(added);
            merged.sort(BY_TIME);
            added = merged;
            lines.remove(at, lines.size());
        }
        if (lines.size() + added.size() <= MAX_LINES + TRIM_SLACK) {
            lines.addAll(added);
            return;
        }
        // Trimmed in one replacement down to MAX_LINES, at most once per TRIM_SLACK lines: an observable list removes
        // a range one element at a time (each shifting the whole list), which at 50,000 lines and a fast log took
        // most of the JavaFX thread.
        List<LogLine> kept = new ArrayList<>(MAX_LINES);
        int fromOld = Math.max(0, lines.size() + added.size() - MAX_LINES);
        if (fromOld < lines.size()) {
            kept.addAll(lines.subList(fromOld, lines.size()));
        }
        kept.addAll(added.subList(Math.max(0, added.size() - (MAX_LINES - kept.size())), added.size()));
        lines.setAll(kept);
    }

    private void scrollToEnd() {
        if (!lines.isEmpty()) {
            list.scrollTo(lines.size() - 1);
        }
    }

    private String query() {
        return search.getText() == null ? "" : search.getText().toLowerCase(Locale.ROOT);
    }

    private void updateMatches() {
        String q = query();
        if (q.isEmpty()) {
            matches.setText("");
            return;
        }
        boolean stamped = timestamps.isSelected();
        long n = lines.stream().filter(l -> l.display(stamped).toLowerCase(Locale.ROOT).contains(q)).count();
        matches.setText(n == 1 ? "1 line" : n + " lines");
    }

    /** Selects and shows the next (or previous) matching line, wrapping around; stops following. */
    private void findNext(boolean forward) {
        String q = query();
        if (q.isEmpty() || lines.isEmpty()) {
            return;
        }
        int size = lines.size();
        int from = list.getSelectionModel().getSelectedIndex();
        for (int step = 1; step <= size; step++) {
            int i = Math.floorMod(forward ? from + step : from - step, size);
            if (from < 0 && !forward) {
                i = Math.floorMod(size - step, size);
            }
            if (lines.get(i).display(timestamps.isSelected()).toLowerCase(Locale.ROOT).contains(q)) {
                follow.setSelected(false);
                list.getSelectionModel().clearAndSelect(i);
                list.scrollTo(Math.max(0, i - 3));
                return;
            }
        }
    }

    private void copy() {
        List<LogLine> chosen = list.getSelectionModel().getSelectedItems();
        boolean stamped = timestamps.isSelected();
        String text = String.join("\n", (chosen.isEmpty() ? lines : chosen).stream().map(l -> l.display(stamped)).toList());
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
        state.setText("Copied " + (chosen.isEmpty() ? lines.size() : chosen.size()) + " lines.");
    }

    /** Marks a stderr line: red text and a red bar in the gutter (the cell's left border). */
    private static final String STDERR_STYLE = "-fx-text-fill: #b00020; -fx-border-color: transparent transparent transparent #d32f2f;"
            + " -fx-border-width: 0 0 0 3;";

    /**
     * A log line; matches of the search are highlighted (a text flow only for lines that match); stderr lines have the
     * style class {@code log-stderr}, red text and a red gutter bar.
     */
    private final class LogCell extends ListCell<LogLine> {
        {
            getStyleClass().add("log-cell");
        }

        @Override
        protected void updateItem(LogLine item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("log-stderr");
            if (empty || item == null) {
                setStyle("");
                setText(null);
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            String line = item.display(timestamps.isSelected());
            boolean stderr = item.stderr();
            if (stderr) {
                getStyleClass().add("log-stderr");
            }
            setAccessibleText(stderr ? "stderr: " + line : line);
            boolean wrapping = wrap.isSelected();
            setWrapText(wrapping);
            // a zero preferred width lets the list size the cell to its own width, so wrapped text wraps there
            setPrefWidth(wrapping ? 0 : USE_COMPUTED_SIZE);
            String q = query();
            int at = q.isEmpty() ? -1 : line.toLowerCase(Locale.ROOT).indexOf(q);
            if (at < 0) {
                setStyle(stderr ? STDERR_STYLE : "");
                setGraphic(null);
                setText(line);
                return;
            }
            TextFlow flow = new TextFlow();
            String lower = line.toLowerCase(Locale.ROOT);
            int from = 0;
            while (at >= 0) {
                if (at > from) {
                    flow.getChildren().add(plain(line.substring(from, at), stderr));
                }
                Text hit = new Text(line.substring(at, at + q.length()));
                hit.getStyleClass().add("log-match");
                hit.setStyle("-fx-fill: #8a0000; -fx-font-weight: bold; -fx-underline: true;");
                flow.getChildren().add(hit);
                from = at + q.length();
                at = lower.indexOf(q, from);
            }
            if (from < line.length()) {
                flow.getChildren().add(plain(line.substring(from), stderr));
            }
            if (wrapping) {
                flow.setMaxWidth(list.getWidth() - 24);
                flow.setPrefWidth(list.getWidth() - 24);
            }
            flow.getStyleClass().add("log-flow");
            setStyle("-fx-background-color: #fff1a8;" + (stderr ? " -fx-border-color: transparent transparent transparent #d32f2f;"
                    + " -fx-border-width: 0 0 0 3;" : ""));
            setText(null);
            setGraphic(flow);
        }

        private static Text plain(String s, boolean stderr) {
            Text t = new Text(s);
            if (stderr) {
                t.setStyle("-fx-fill: #b00020;");
            }
            return t;
        }
    }
}
