package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.ui.feed.ConnectionState;
import io.rancherdesktop.rdd.ui.model.SessionState;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Banners for states, not events: they stay as long as the state lasts and go by themselves — the lost service
 * connection, an engine that should run and is not connected, and (until dismissed) an engine restart that stopped
 * containers. Each takes its own row above the tabs.
 */
public final class StateBanners {
    private final VBox box = new VBox();

    public StateBanners(SessionState state) {
        box.setId("state-banners");
        box.getChildren().addAll(
                banner("connection-banner", "banner-error", "⚠",
                        Bindings.createStringBinding(() -> state.connectionProperty().get().connected() ? "" : ConnectionState.LOST_TEXT,
                                state.connectionProperty()), null),
                banner("engine-banner", "banner-error", "⚠", state.engineProblem(), null),
                banner("restart-banner", "banner-info", "ℹ", state.restartNotice(), state::dismissRestartNotice));
    }

    private static HBox banner(String id, String style, String glyph, ObservableStringValue text, Runnable dismiss) {
        HBox b = new HBox();
        b.setId(id);
        b.getStyleClass().addAll("banner", style);
        b.setAlignment(Pos.CENTER_LEFT);
        Label icon = new Label(glyph);
        icon.getStyleClass().add("banner-icon");
        Label label = new Label();
        label.setId(id + "-text");
        label.getStyleClass().add("banner-text");
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.textProperty().bind(text);
        HBox.setHgrow(label, Priority.ALWAYS);
        b.getChildren().addAll(icon, label);
        if (dismiss != null) {
            Button close = new Button("✕");
            close.setId(id + "-close");
            close.getStyleClass().add("banner-button");
            close.setAccessibleText("Dismiss");
            close.setOnAction(e -> dismiss.run());
            b.getChildren().add(close);
        }
        b.visibleProperty().bind(Bindings.createBooleanBinding(() -> !text.get().isEmpty(), text));
        b.managedProperty().bind(b.visibleProperty());
        b.accessibleTextProperty().bind(text);
        return b;
    }

    public VBox node() {
        return box;
    }
}
