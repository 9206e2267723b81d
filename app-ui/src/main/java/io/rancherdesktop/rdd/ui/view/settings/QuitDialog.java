package io.rancherdesktop.rdd.ui.view.settings;

import io.rancherdesktop.rdd.ui.settings.QuitChoice;
import io.rancherdesktop.rdd.ui.view.MainWindow;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Optional;

/**
 * Asked on Quit when this GUI started the service and the machine runs (docs/gui.md "Closing and quitting"):
 * <b>Stop machine and quit</b>, <b>Keep running and quit</b> (the default: nothing is lost) or <b>Cancel</b>, and
 * "Remember my choice" (then Quit no longer asks; Settings changes it back).
 */
public final class QuitDialog {
    public static final ButtonType STOP = new ButtonType("Stop machine and quit", ButtonBar.ButtonData.OTHER);
    public static final ButtonType KEEP = new ButtonType("Keep running and quit", ButtonBar.ButtonData.OK_DONE);

    /** The person's answer: what to do with the machine, and whether to stop asking. */
    public record Answer(QuitChoice choice, boolean remember) {
    }

    private QuitDialog() {
    }

    /** Shows the question and waits for the answer; empty when cancelled. JavaFX thread. */
    public static Optional<Answer> ask(Window owner, boolean dark) {
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Quit rdd");
        dialog.setResizable(true);
        DialogPane pane = dialog.getDialogPane();
        pane.setId("quit-dialog");
        pane.getStylesheets().add(MainWindow.STYLESHEET);
        pane.getStyleClass().add(dark ? "dark" : "light");
        pane.getButtonTypes().setAll(STOP, KEEP, ButtonType.CANCEL);
        pane.setHeaderText("Stop the machine too?");
        Label text = new Label("This window started the rdd service, and the machine is running. Quitting stops the "
                + "service. The machine and its containers can keep running (the next rdd service or window takes them "
                + "over), or stop now.");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.setPrefWidth(420);
        CheckBox remember = new CheckBox("Remember my choice (Settings can change it)");
        remember.setId("quit-remember");
        VBox content = new VBox(10, text, remember);
        pane.setContent(content);
        Button stop = (Button) pane.lookupButton(STOP);
        stop.setId("quit-stop-machine");
        stop.setDefaultButton(false);
        Button keep = (Button) pane.lookupButton(KEEP);
        keep.setId("quit-keep-running");
        keep.setDefaultButton(true);
        ((Button) pane.lookupButton(ButtonType.CANCEL)).setId("quit-cancel");
        return dialog.showAndWait().flatMap(b -> {
            if (b == STOP) {
                return Optional.of(new Answer(QuitChoice.STOP_MACHINE, remember.isSelected()));
            }
            if (b == KEEP) {
                return Optional.of(new Answer(QuitChoice.KEEP_RUNNING, remember.isSelected()));
            }
            return Optional.empty();
        });
    }
}
