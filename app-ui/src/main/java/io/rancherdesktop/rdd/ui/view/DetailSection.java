package io.rancherdesktop.rdd.ui.view;

import java.util.List;

/** One titled block of the details pane: label/value lines. */
public record DetailSection(String title, List<Line> lines) {

    /**
     * One label/value line. {@code SECRET} values show masked with a Show toggle; {@code LINK} values are links that
     * open {@code link} in the browser (the pane's {@link LinkOpener}).
     */
    public record Line(String label, String value, Kind kind, String link) {
        public enum Kind { TEXT, SECRET, LINK }

        public Line(String label, String value) {
            this(label, value, Kind.TEXT, null);
        }
    }

    public static Line line(String label, String value) {
        return new Line(label, value == null ? "" : value);
    }

    /** A value shown masked until Show is pressed (an environment variable with a secret-looking name). */
    public static Line secret(String label, String value) {
        return new Line(label, value == null ? "" : value, Line.Kind.SECRET, null);
    }

    /** A link: {@code text} shown, {@code url} opened when clicked. */
    public static Line link(String label, String text, String url) {
        return new Line(label, text, Line.Kind.LINK, url);
    }
}
