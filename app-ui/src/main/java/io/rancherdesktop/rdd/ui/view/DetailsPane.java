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

import io.rancherdesktop.rdd.wire.SecretEnv;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.layout.HBox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The details of the selected object: sections of label/value lines. Values are read-only text fields so they can
 * be focused with the keyboard, selected and copied (IDs, mount points), and read by screen readers.
 */
public final class DetailsPane {
    private static final int LONG_VALUE = 100;
    private final VBox content = new VBox();
    private final ScrollPane root = new ScrollPane(content);
    private LinkOpener links = url -> { };
    /** Secret values revealed with Show, by section and label; forgotten when another row is selected. */
    private final Set<String> revealed = new HashSet<>();

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

    /** Opens the URL of a link line ({@link DetailSection#link}). */
    public void setLinkOpener(LinkOpener links) {
        this.links = links;
    }

    /** A long value (an engine error) wraps in a text area; anything else is one line. */
    private static TextInputControl valueField(String text) {
        if (text.length() <= LONG_VALUE && text.indexOf('\n') < 0) {
            TextField field = new TextField(text);
            field.setEditable(false);
            return field;
        }
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(Math.min(4, Math.max(text.length() / LONG_VALUE + 1, (int) text.lines().count())));
        return area;
    }

    /** A masked value with a Show/Hide toggle; the value itself is not in the field (nor its accessible text) while masked. */
    private Node secretField(String key, DetailSection.Line line) {
        TextField field = new TextField();
        field.setEditable(false);
        field.getStyleClass().addAll("details-value", "secret-value");
        javafx.scene.control.ToggleButton show = new javafx.scene.control.ToggleButton();
        show.getStyleClass().add("secret-toggle");
        show.setId("show-" + line.label());
        show.setFocusTraversable(true);
        Runnable update = () -> {
            boolean visible = show.isSelected();
            field.setText(visible ? line.value() : SecretEnv.MASK);
            field.setAccessibleText(line.label() + (visible ? ": " + line.value() : ": hidden"));
            show.setText(visible ? "Hide" : "Show");
            show.setAccessibleText((visible ? "Hide " : "Show ") + line.label());
        };
        show.setSelected(revealed.contains(key));
        show.selectedProperty().addListener((obs, was, now) -> {
            if (now) {
                revealed.add(key);
            } else {
                revealed.remove(key);
            }
            update.run();
        });
        update.run();
        show.getStyleClass().add("small");
        show.setStyle("-fx-padding: 0.05em 0.6em 0.05em 0.6em;");
        // The field fits the value (masked: six dots), the toggle right after it.
        field.prefColumnCountProperty().bind(javafx.beans.binding.Bindings.createIntegerBinding(
                () -> Math.max(8, Math.min(60, field.getText().length() + 2)), field.textProperty()));
        HBox box = new HBox(6, field, show);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private Node linkField(DetailSection.Line line) {
        Hyperlink link = new Hyperlink(line.value());
        link.getStyleClass().add("details-link");
        link.setId("link-" + line.value().replaceAll("[^A-Za-z0-9]+", "-"));
        link.setAccessibleText(line.label() + ": open " + line.link());
        link.setTooltip(new javafx.scene.control.Tooltip("Open " + line.link() + " in the browser"));
        link.setOnAction(e -> {
            links.open(line.link());
            link.setVisited(false);
        });
        return link;
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
            revealed.clear();
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
                Node value = switch (line.kind()) {
                    case TEXT -> {
                        TextInputControl field = valueField(line.value());
                        field.getStyleClass().add("details-value");
                        field.setAccessibleText(line.label() + ": " + line.value());
                        yield field;
                    }
                    case SECRET -> secretField(section.title() + "\u0000" + line.label(), line);
                    case LINK -> linkField(line);
                };
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
