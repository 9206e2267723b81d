package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.ui.model.Notifier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Notifications as an inline banner above the tabs: it takes its own row in the layout (never covering the tab bar),
 * shows the latest message on one line with <b>More</b> to unfold it whole, and a close button. Errors are styled as
 * such. Every message is also kept in {@link #history()} and logged once; while the window is hidden, messages also
 * go to {@code whenHidden} (the tray balloon).
 */
public final class BannerNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger(BannerNotifier.class);
    private static final int HISTORY = 50;

    private final HBox pane = new HBox();
    private final Label icon = new Label();
    private final Label text = new Label();
    private final Button more = new Button("More");
    private final Button close = new Button("✕");
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private Consumer<String> whenHidden = m -> { };

    public BannerNotifier() {
        pane.setId("banner");
        pane.getStyleClass().add("banner");
        pane.setAlignment(Pos.CENTER_LEFT);
        icon.getStyleClass().add("banner-icon");
        text.setId("banner-text");
        text.getStyleClass().add("banner-text");
        text.setTextOverrun(OverrunStyle.ELLIPSIS);
        text.setMinWidth(0);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        more.setId("banner-more");
        more.getStyleClass().add("banner-button");
        more.setOnAction(e -> setExpanded(!text.isWrapText()));
        close.setId("banner-close");
        close.getStyleClass().add("banner-button");
        close.setAccessibleText("Close the notification");
        close.setTooltip(new Tooltip("Close"));
        close.setOnAction(e -> hide());
        pane.getChildren().setAll(icon, text, more, close);
        hide();
    }

    public HBox node() {
        return pane;
    }

    public boolean isShowing() {
        return pane.isVisible();
    }

    /** The shown message, or empty when hidden. */
    public String text() {
        return isShowing() ? text.getText() : "";
    }

    public void hide() {
        pane.setVisible(false);
        pane.setManaged(false);
        setExpanded(false);
    }

    /** Unfolds the message over as many lines as it needs (More), or folds it to one line (Less). */
    public void setExpanded(boolean expanded) {
        text.setWrapText(expanded);
        more.setText(expanded ? "Less" : "More");
        more.setAccessibleText(expanded ? "Show the message on one line" : "Show the whole message");
    }

    public boolean isExpanded() {
        return text.isWrapText();
    }

    /** Where messages go while the window is not showing (the tray), if anywhere. */
    public void setWhenHidden(Consumer<String> sink) {
        whenHidden = sink;
    }

    /** The latest messages, oldest first. */
    public ObservableList<String> history() {
        return history;
    }

    @Override
    public void error(String message) {
        log.warn("{}", message);
        show(message, true);
    }

    @Override
    public void info(String message) {
        log.info("{}", message);
        show(message, false);
    }

    private void show(String message, boolean error) {
        history.add(message);
        if (history.size() > HISTORY) {
            history.remove(0);
        }
        pane.getStyleClass().removeAll("banner-error", "banner-info");
        pane.getStyleClass().add(error ? "banner-error" : "banner-info");
        icon.setText(error ? "⚠" : "ℹ");
        text.setText(message);
        text.setTooltip(new Tooltip(message));
        pane.setAccessibleText((error ? "Error: " : "") + message);
        setExpanded(false);
        pane.setVisible(true);
        pane.setManaged(true);
        if (pane.getScene() == null || pane.getScene().getWindow() == null || !pane.getScene().getWindow().isShowing()) {
            whenHidden.accept(message);
        }
    }
}
