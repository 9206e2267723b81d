package io.rancherdesktop.rdd.ui.view;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The details of the selected object: sections of label/value lines. Values are read-only text fields so they can
 * be focused with the keyboard, selected and copied (IDs, mount points), and read by screen readers.
 */
public final class DetailsPane {
    private static final int LONG_VALUE = 100;
    private final VBox content = new VBox();
    private final ScrollPane root = new ScrollPane(content);

    public DetailsPane(String id) {
        content.getStyleClass().add("details");
        content.setPadding(new Insets(6));
        root.setId(id);
        root.setFitToWidth(true);
        root.getStyleClass().add("details-pane");
        showMessage("Select a row to see its details.");
    }

    public ScrollPane node() {
        return root;
    }

    /** A long value (an engine error) wraps in a text area; anything else is one line. */
    private static TextInputControl valueField(String text) {
        if (text.length() <= LONG_VALUE) {
            TextField field = new TextField(text);
            field.setEditable(false);
            return field;
        }
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(Math.min(4, text.length() / LONG_VALUE + 1));
        return area;
    }

    public void showMessage(String message) {
        Label l = new Label(message);
        l.getStyleClass().add("details-placeholder");
        l.setWrapText(true);
        content.getChildren().setAll(l);
    }

    public void show(List<DetailSection> sections) {
        show(sections, false);
    }

    /** @param fromTop scroll back to the top (another row was selected), else keep the position (the row changed) */
    public void show(List<DetailSection> sections, boolean fromTop) {
        if (fromTop) {
            root.setVvalue(root.getVmin());
        }
        content.getChildren().clear();
        for (DetailSection section : sections) {
            if (section.lines().isEmpty()) {
                continue;
            }
            Label title = new Label(section.title());
            title.getStyleClass().add("details-title");
            GridPane grid = new GridPane();
            grid.getStyleClass().add("details-grid");
            ColumnConstraints labels = new ColumnConstraints();
            ColumnConstraints values = new ColumnConstraints();
            values.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().setAll(labels, values);
            int r = 0;
            for (DetailSection.Line line : section.lines()) {
                Label label = new Label(line.label());
                label.getStyleClass().add("details-label");
                TextInputControl value = valueField(line.value());
                value.getStyleClass().add("details-value");
                value.setAccessibleText(line.label() + ": " + line.value());
                label.setLabelFor(value);
                grid.addRow(r++, label, value);
            }
            content.getChildren().addAll(title, grid);
        }
        if (content.getChildren().isEmpty()) {
            showMessage("Nothing to show.");
        }
    }
}
