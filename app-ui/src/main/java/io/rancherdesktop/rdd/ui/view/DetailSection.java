package io.rancherdesktop.rdd.ui.view;

import java.util.List;

/** One titled block of the details pane: label/value lines. */
public record DetailSection(String title, List<Line> lines) {

    public record Line(String label, String value) {
    }

    public static Line line(String label, String value) {
        return new Line(label, value == null ? "" : value);
    }
}
