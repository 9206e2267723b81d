package io.rancherdesktop.rdd.ui.view;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.ui.model.DeleteRequests;
import io.rancherdesktop.rdd.ui.model.DeleteRequests.Refusal;
import io.rancherdesktop.rdd.ui.model.ResourceRow;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Asks before a delete and shows the outcome in place. The dialog lists what goes and who uses it (from
 * {@code status.usedBy}), says that a volume's data goes with it, and keeps Cancel the default. The deletes are sent
 * from the dialog; a refusal (409 Conflict: in use, with the server's message naming the users) is shown in the
 * dialog, and for images <b>Force delete</b> is then offered ({@code docker rmi -f}'s meaning), never as the default.
 */
public final class DeleteConfirmation<T extends HasMetadata> {

    public static final ButtonType DELETE = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
    public static final ButtonType FORCE = new ButtonType("Force delete", ButtonBar.ButtonData.OTHER);
    private static final int SHOWN = 10;

    /** How the dialog names and describes one object. */
    public record Describe<T>(Function<T, String> name, Function<T, List<String>> users, Function<String, String> userState) {
    }

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final Label error = new Label();
    private final Label forceNote = new Label();
    private final MirrorKind kind;
    private final DeleteRequests deletes;
    private final Describe<T> describe;
    private List<ResourceRow<T>> pending;

    private DeleteConfirmation(Node owner, MirrorKind kind, List<ResourceRow<T>> rows, Describe<T> describe, DeleteRequests deletes) {
        this.kind = kind;
        this.deletes = deletes;
        this.describe = describe;
        this.pending = List.copyOf(rows);
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        dialog.setTitle("Delete " + kind.plural());
        dialog.setResizable(true);
        DialogPane pane = dialog.getDialogPane();
        pane.setId("delete-confirmation");
        pane.getStylesheets().add(MainWindow.STYLESHEET);
        if (owner != null && owner.getScene() != null && owner.getScene().getRoot().getStyleClass().contains("dark")) {
            pane.getStyleClass().add("dark");
        }
        pane.getButtonTypes().setAll(DELETE, FORCE, ButtonType.CANCEL);
        pane.setHeaderText("Delete " + kind.count(rows.size()) + "?");

        VBox content = new VBox();
        content.getStyleClass().add("delete-content");
        int shown = Math.min(rows.size(), SHOWN);
        for (ResourceRow<T> r : rows.subList(0, shown)) {
            content.getChildren().add(wrapped(describe.name().apply(r.object()), "delete-name"));
            List<String> users = describe.users().apply(r.object());
            if (!users.isEmpty()) {
                content.getChildren().add(wrapped("used by " + String.join(", ", users.stream().map(this::withState).toList()), "delete-users"));
            }
        }
        if (rows.size() > shown) {
            content.getChildren().add(wrapped("… and " + (rows.size() - shown) + " more", "delete-name"));
        }
        content.getChildren().add(wrapped(consequence(kind, rows.size()), "delete-consequence"));
        error.setId("delete-error");
        error.getStyleClass().add("delete-error");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.setVisible(false);
        error.setManaged(false);
        forceNote.setId("force-note");
        forceNote.setWrapText(true);
        forceNote.setMinHeight(Region.USE_PREF_SIZE);
        forceNote.setText("Force delete removes the image as docker rmi -f does: also when only stopped containers use it "
                + "(they keep their files, and show the image by ID). It never removes an image that a running container uses.");
        forceNote.setVisible(false);
        forceNote.setManaged(false);
        content.getChildren().addAll(error, forceNote);
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("delete-scroll");
        scroll.setPrefViewportWidth(460);
        pane.setContent(scroll);
        pane.setMinHeight(Region.USE_PREF_SIZE);

        // The safe choice is the default: Enter cancels, Delete needs a deliberate click or Alt+D.
        Button delete = (Button) pane.lookupButton(DELETE);
        delete.setDefaultButton(false);
        delete.setId("confirm-delete");
        Button force = (Button) pane.lookupButton(FORCE);
        force.setId("force-delete");
        force.setDefaultButton(false);
        force.setVisible(false);
        force.setManaged(false);
        Button cancel = (Button) pane.lookupButton(ButtonType.CANCEL);
        cancel.setDefaultButton(true);
        cancel.setId("cancel-delete");
        delete.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            send(false);
        });
        force.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            send(true);
        });
    }

    /** Opens the dialog (modal, not waiting); the deletes go when the person confirms. JavaFX thread. */
    public static <T extends HasMetadata> Dialog<ButtonType> show(Node owner, MirrorKind kind, List<ResourceRow<T>> rows,
                                                                 Describe<T> describe, DeleteRequests deletes) {
        DeleteConfirmation<T> d = new DeleteConfirmation<>(owner, kind, rows, describe, deletes);
        d.dialog.show();
        return d.dialog;
    }

    static String consequence(MirrorKind kind, int n) {
        String it = n == 1 ? "it" : "them";
        return switch (kind) {
            case VOLUME -> "Deleting a volume deletes its data: every file in " + it + " is gone for good.";
            case IMAGE -> "The engine removes " + it + "; an image a container uses is refused unless you force it.";
            case CONTAINER -> "The engine removes " + it + " (running ones are stopped first), with "
                    + (n == 1 ? "its" : "their") + " files outside volumes.";
            default -> "The engine removes " + it + ".";
        };
    }

    private String withState(String user) {
        String state = describe.userState().apply(user);
        return state == null || state.isEmpty() ? user : user + " (" + state + ")";
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        // Never cut: a wrapped label takes the height its text needs.
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private void send(boolean force) {
        DialogPane pane = dialog.getDialogPane();
        pane.lookupButton(DELETE).setDisable(true);
        pane.lookupButton(FORCE).setDisable(true);
        deletes.deleteAll(kind, pending, describe.name(), force).thenAccept(this::answered);
    }

    private void answered(List<Refusal> refusals) {
        DialogPane pane = dialog.getDialogPane();
        if (refusals.isEmpty()) {
            dialog.setResult(force() ? FORCE : DELETE);
            dialog.close();
            return;
        }
        List<String> refusedKeys = refusals.stream().map(Refusal::key).toList();
        List<ResourceRow<T>> left = new ArrayList<>();
        for (ResourceRow<T> r : pending) {
            if (refusedKeys.contains(r.key())) {
                left.add(r);
            }
        }
        pending = left;
        error.setText(String.join("\n", refusals.stream().map(r -> r.failure().getMessage()).toList()));
        error.setVisible(true);
        error.setManaged(true);
        boolean inUse = refusals.stream().anyMatch(r -> r.failure().code() == 409);
        boolean offerForce = kind == MirrorKind.IMAGE && inUse;
        Button force = (Button) pane.lookupButton(FORCE);
        force.setVisible(offerForce);
        force.setManaged(offerForce);
        force.setDisable(false);
        forceNote.setVisible(offerForce);
        forceNote.setManaged(offerForce);
        pane.lookupButton(DELETE).setDisable(false);
        pane.setHeaderText(refusals.size() == 1 ? "The delete was refused" : refusals.size() + " deletes were refused");
        dialog.getDialogPane().getScene().getWindow().sizeToScene();
    }

    private boolean force() {
        return dialog.getDialogPane().lookupButton(FORCE).isVisible();
    }
}
