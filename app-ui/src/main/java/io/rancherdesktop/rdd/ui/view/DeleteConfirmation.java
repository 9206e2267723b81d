package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.api.MirrorKind;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

import java.util.List;
import java.util.Optional;

/** Asks before a delete; the engine object goes with the mirror, so this is not undoable. */
public final class DeleteConfirmation {

    public static final ButtonType DELETE = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);

    private DeleteConfirmation() {
    }

    /** Shows the dialog and waits; true when the person chose Delete. */
    public static boolean ask(Node owner, MirrorKind kind, List<String> names) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", DELETE, ButtonType.CANCEL);
        if (owner != null && owner.getScene() != null) {
            alert.initOwner(owner.getScene().getWindow());
        }
        alert.setTitle("Delete " + kind.plural());
        alert.setHeaderText("Delete " + kind.count(names.size()) + "?");
        int shown = Math.min(names.size(), 10);
        String list = String.join("\n", names.subList(0, shown))
                + (names.size() > shown ? "\n… and " + (names.size() - shown) + " more" : "");
        alert.setContentText(list + "\n\nThe " + (names.size() == 1 ? kind.singular() : kind.plural())
                + " will be removed from the engine.");
        alert.getDialogPane().setId("delete-confirmation");
        // The safe choice is the default: Enter cancels, Delete needs a deliberate click or Alt+D.
        Button delete = (Button) alert.getDialogPane().lookupButton(DELETE);
        delete.setDefaultButton(false);
        delete.setId("confirm-delete");
        Button cancel = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setDefaultButton(true);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == DELETE;
    }
}
