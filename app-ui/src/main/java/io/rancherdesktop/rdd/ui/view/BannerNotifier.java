package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.ui.model.Notifier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.controlsfx.control.NotificationPane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Notifications as an in-window banner (ControlsFX {@link NotificationPane}) over the tabs: the latest message with
 * a close button, errors styled as such. Every message is also kept in {@link #history()} and logged once; while the
 * window is hidden, messages also go to {@code whenHidden} (the tray balloon).
 */
public final class BannerNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger(BannerNotifier.class);
    private static final int HISTORY = 50;

    private final NotificationPane pane;
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private Consumer<String> whenHidden = m -> { };

    public BannerNotifier(Node content) {
        pane = new NotificationPane(content);
        pane.setId("banner");
        pane.setShowFromTop(true);
        pane.setCloseButtonVisible(true);
    }

    public NotificationPane node() {
        return pane;
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
        Label icon = new Label(error ? "⚠" : "ℹ");
        icon.getStyleClass().add("banner-icon");
        pane.setGraphic(icon);
        pane.setText(message);
        pane.setAccessibleText((error ? "Error: " : "") + message);
        pane.show();
        if (pane.getScene() == null || pane.getScene().getWindow() == null || !pane.getScene().getWindow().isShowing()) {
            whenHidden.accept(message);
        }
    }
}
