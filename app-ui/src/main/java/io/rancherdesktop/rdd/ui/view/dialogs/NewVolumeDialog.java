package io.rancherdesktop.rdd.ui.view.dialogs;

import io.rancherdesktop.rdd.ui.command.ApiFailure;
import io.rancherdesktop.rdd.ui.command.RequestCommands;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.concurrent.Executor;

/**
 * "New volume": a VolumeCreateRequest through the API; the dialog stays open until the request's outcome and shows
 * a failure (Docker's message) in place.
 */
public final class NewVolumeDialog {
    public static final ButtonType CREATE = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);

    private NewVolumeDialog() {
    }

    public static Dialog<ButtonType> open(Node owner, RequestCommands requests, Executor fx) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setResizable(true);
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        dialog.setTitle("New volume");
        dialog.setHeaderText("Create a volume (docker volume create)");
        TextField name = new TextField();
        name.setId("new-volume-name");
        name.setPromptText("Name (empty: the engine picks one)");
        name.setAccessibleText("Volume name");
        Label message = new Label();
        message.setId("new-volume-message");
        message.setWrapText(true);
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        message.setMaxWidth(400);
        message.setPrefHeight(72); // room for a few lines of Docker's message
        ProgressIndicator busy = new ProgressIndicator();
        busy.setVisible(false);
        busy.setPrefSize(18, 18);
        VBox content = new VBox(8, name, new HBox(6, busy, message));
        content.setPrefWidth(380);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setId("new-volume-dialog");
        dialog.getDialogPane().getButtonTypes().setAll(CREATE, ButtonType.CANCEL);
        Button create = (Button) dialog.getDialogPane().lookupButton(CREATE);
        create.setId("new-volume-create");
        create.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog closes only once the request succeeded
            create.setDisable(true);
            busy.setVisible(true);
            message.setText("Creating…");
            requests.createVolume(name.getText()).whenComplete((volume, failure) -> fx.execute(() -> {
                busy.setVisible(false);
                if (failure != null) {
                    message.setText(ApiFailure.of("create volume", failure).getMessage());
                    create.setDisable(false);
                } else {
                    message.setText("Created " + volume + ".");
                    dialog.setResult(CREATE);
                    dialog.close();
                }
            }));
        });
        dialog.show();
        name.requestFocus();
        return dialog;
    }
}
