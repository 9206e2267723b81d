package io.rancherdesktop.rdd.ui.view.stats;

import io.rancherdesktop.rdd.ui.stream.ContainerStreams.StatsSample;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/** The last minute of one container's CPU (%) and memory (MiB), one point a second. */
public final class StatsChart {
    private final XYChart.Series<Number, Number> cpu = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> memory = new XYChart.Series<>();
    private final Label caption = new Label();
    private final VBox root;

    public StatsChart() {
        cpu.setName("CPU %");
        memory.setName("Memory MiB");
        LineChart<Number, Number> cpuChart = chart("CPU %", cpu);
        LineChart<Number, Number> memChart = chart("Memory (MiB)", memory);
        cpuChart.setId("stats-cpu-chart");
        memChart.setId("stats-memory-chart");
        HBox charts = new HBox(6, cpuChart, memChart);
        HBox.setHgrow(cpuChart, Priority.ALWAYS);
        HBox.setHgrow(memChart, Priority.ALWAYS);
        caption.setId("stats-caption");
        root = new VBox(4, caption, charts);
        root.setId("stats-pane");
        VBox.setVgrow(charts, Priority.ALWAYS);
        show(null, List.of());
    }

    private static LineChart<Number, Number> chart(String title, XYChart.Series<Number, Number> series) {
        NumberAxis x = new NumberAxis(-60, 0, 10);
        x.setLabel("seconds");
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setMinHeight(140);
        chart.setPrefHeight(180);
        chart.getData().add(series);
        return chart;
    }

    public Node node() {
        return root;
    }

    /** Draws this history (oldest first); {@code title} null = no running container selected. JavaFX thread. */
    public void show(String title, List<StatsSample> history) {
        List<XYChart.Data<Number, Number>> c = new ArrayList<>();
        List<XYChart.Data<Number, Number>> m = new ArrayList<>();
        int n = history.size();
        for (int i = 0; i < n; i++) {
            StatsSample s = history.get(i);
            int t = i - (n - 1);
            c.add(new XYChart.Data<>(t, s.cpuPercent()));
            m.add(new XYChart.Data<>(t, s.memoryUsageBytes() / (1024.0 * 1024.0)));
        }
        cpu.getData().setAll(c);
        memory.getData().setAll(m);
        if (title == null) {
            caption.setText("Select a running container to see its CPU and memory.");
        } else if (n == 0) {
            caption.setText(title + ": waiting for the first sample…");
        } else {
            StatsSample last = history.getLast();
            caption.setText(String.format(java.util.Locale.ROOT, "%s: CPU %.1f %%, memory %s of %s, %d processes", title,
                    last.cpuPercent(), StatsMonitor.bytes(last.memoryUsageBytes()), StatsMonitor.bytes(last.memoryLimitBytes()),
                    last.pids()));
        }
    }
}
