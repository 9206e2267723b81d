package io.rancherdesktop.rdd.ui.view.dialogs;

import io.rancherdesktop.rdd.ui.command.ApiFailure;
import io.rancherdesktop.rdd.ui.command.RequestCommands;
import io.rancherdesktop.rdd.ui.command.RequestCommands.PruneTarget;
import io.rancherdesktop.rdd.ui.command.RequestCommands.Prunable;
import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * "Prune…": lists what will go with the same field selector the prune uses ({@code rdd ctl prune}, docs/cli.md),
 * says how many objects that is, and on confirmation deletes them as a collection; a failure stays in the dialog.
 */
public final class PruneDialog {
    public static final ButtonType PRUNE = new ButtonType("Prune", ButtonBar.ButtonData.OK_DONE);

    private PruneDialog() {
    }

    public static Dialog<ButtonType> open(Node owner, RequestCommands requests, Executor fx, List<PruneTarget> targets) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setResizable(true);
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        dialog.setTitle("Prune");
        dialog.setHeaderText("Remove what nothing uses");
        ComboBox<PruneTarget> what = new ComboBox<>(FXCollections.observableArrayList(targets));
        what.setId("prune-target");
        what.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(PruneTarget t) {
                return t == null ? "" : t.label();
            }

            @Override
            public PruneTarget fromString(String s) {
                return null;
            }
        });
        Label count = new Label("Counting…");
        count.setId("prune-count");
        count.setWrapText(true);
        count.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        count.setMaxWidth(400);
        count.setPrefHeight(72); // room for a few lines of Docker's message
        Label message = new Label();
        message.setId("prune-message");
        message.setWrapText(true);
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        message.setMaxWidth(400);
        message.setPrefHeight(72); // room for a few lines of Docker's message
        VBox content = new VBox(8, what, count, message);
        content.setPrefWidth(420);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setId("prune-dialog");
        dialog.getDialogPane().getButtonTypes().setAll(PRUNE, ButtonType.CANCEL);
        Button prune = (Button) dialog.getDialogPane().lookupButton(PRUNE);
        prune.setId("prune-confirm");
        prune.setDefaultButton(false);
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        List<Prunable>[] listed = new List[]{List.of()};
        Runnable recount = () -> {
            PruneTarget t = what.getValue();
            prune.setDisable(true);
            count.setText("Counting " + t.label() + "…");
            requests.prunable(t).whenComplete((items, failure) -> fx.execute(() -> {
                if (what.getValue() != t) {
                    return;
                }
                if (failure != null) {
                    count.setText(ApiFailure.of("list " + t.label(), failure).getMessage());
                    return;
                }
                listed[0] = items;
                int shown = Math.min(items.size(), 10);
                String names = String.join(", ", items.subList(0, shown).stream().map(Prunable::shown).toList())
                        + (items.size() > shown ? ", … and " + (items.size() - shown) + " more" : "");
                count.setText(items.isEmpty() ? "Nothing to prune: no " + t.label() + "."
                        : items.size() + (items.size() == 1 ? " object" : " objects") + " will be removed: " + names);
                prune.setDisable(items.isEmpty());
            }));
        };
        what.valueProperty().addListener((o, was, now) -> recount.run());
        prune.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            prune.setDisable(true);
            message.setText("Pruning…");
            PruneTarget t = what.getValue();
            requests.prune(t, listed[0]).whenComplete((v, failure) -> fx.execute(() -> {
                if (failure != null) {
                    message.setText(ApiFailure.of("prune " + t.label(), failure).getMessage());
                    prune.setDisable(false);
                } else {
                    dialog.setResult(PRUNE);
                    dialog.close();
                }
            }));
        });
        what.setValue(targets.getFirst());
        dialog.show();
        return dialog;
    }
}
