package io.rancherdesktop.rdd.ui.view.dialogs;

import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestProgress;
import io.rancherdesktop.rdd.ui.command.ApiFailure;
import io.rancherdesktop.rdd.ui.command.RequestCommands;
import io.rancherdesktop.rdd.ui.command.RequestCommands.Transfer;
import io.rancherdesktop.rdd.ui.view.stats.StatsMonitor;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * "Pull image" / "Push": an ImagePullRequest or ImagePushRequest through the API with a progress bar fed by the
 * request's {@code status.progress}; the outcome (or Docker's message) shows in place. The dialog stays open after
 * success so the outcome can be read; Close closes it.
 */
public final class ImageTransferDialog {
    public static final ButtonType START = new ButtonType("Start", ButtonBar.ButtonData.OK_DONE);

    private ImageTransferDialog() {
    }

    public static Dialog<ButtonType> open(Node owner, RequestCommands requests, Executor fx, Transfer kind, String repoTag) {
        String verb = kind == Transfer.PULL ? "Pull" : "Push";
        String id = kind == Transfer.PULL ? "pull" : "push";
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setResizable(true);
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        dialog.setTitle(verb + " image");
        dialog.setHeaderText(verb + " an image " + (kind == Transfer.PULL ? "from" : "to") + " its registry (docker " + id + ")");
        TextField reference = new TextField(repoTag == null ? "" : repoTag);
        reference.setId(id + "-reference");
        reference.setPromptText("Image reference, e.g. busybox:latest or 127.0.0.1:5000/app:1");
        reference.setAccessibleText("Image reference");
        ProgressBar bar = new ProgressBar(0);
        bar.setId(id + "-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setVisible(false);
        Label message = new Label();
        message.setId(id + "-message");
        message.setWrapText(true);
        message.setMaxWidth(420);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.setPrefHeight(72); // room for a few lines of Docker's message
        VBox content = new VBox(8, reference, bar, message);
        content.setPrefWidth(440);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setId(id + "-dialog");
        ButtonType start = new ButtonType(verb, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(start, ButtonType.CLOSE);
        Button go = (Button) dialog.getDialogPane().lookupButton(start);
        go.setId(id + "-start");
        dialog.getDialogPane().lookupButton(ButtonType.CLOSE).setId(id + "-close");
        AtomicReference<RequestProgress> latest = new AtomicReference<>();
        go.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            String ref = reference.getText();
            if (ref == null || ref.isBlank()) {
                message.setText("Enter an image reference.");
                return;
            }
            go.setDisable(true);
            reference.setDisable(true);
            bar.setVisible(true);
            bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
            message.setText(verb + "ing " + ref + "…");
            requests.transfer(kind, ref, p -> {
                // at most one hand-over pending: the newest progress wins
                if (latest.getAndSet(p) == null) {
                    fx.execute(() -> show(latest.getAndSet(null), bar, message, verb, ref));
                }
            }).whenComplete((imageRef, failure) -> fx.execute(() -> {
                go.setDisable(false);
                reference.setDisable(false);
                if (failure != null) {
                    bar.setVisible(false);
                    message.setText(ApiFailure.of(id + " " + ref, failure).getMessage());
                } else {
                    bar.setProgress(1);
                    message.setText((kind == Transfer.PULL ? "Pulled " : "Pushed ") + ref + ".");
                }
            }));
        });
        dialog.show();
        return dialog;
    }

    private static void show(RequestProgress p, ProgressBar bar, Label message, String verb, String ref) {
        if (p == null) {
            return;
        }
        long total = p.getBytesTotal() == null ? 0 : p.getBytesTotal();
        long done = p.getBytesDone() == null ? 0 : p.getBytesDone();
        int layers = p.getLayersTotal() == null ? 0 : p.getLayersTotal();
        int layersDone = p.getLayersDone() == null ? 0 : p.getLayersDone();
        if (total > 0) {
            bar.setProgress(Math.min(1.0, (double) done / total));
        } else if (layers > 0) {
            bar.setProgress((double) layersDone / layers);
        }
        message.setText(verb + "ing " + ref + ": " + (p.getPhase() == null ? "" : p.getPhase() + ", ")
                + "layers " + layersDone + "/" + layers + (total > 0 ? ", " + StatsMonitor.bytes(done) + " of " + StatsMonitor.bytes(total) : ""));
    }
}
