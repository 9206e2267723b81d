package io.rancherdesktop.rdd.ui.view.dialogs;

import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerCreateRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerPort;
import io.rancherdesktop.rdd.api.containers.v1alpha1.CreateMount;
import io.rancherdesktop.rdd.api.containers.v1alpha1.PortBinding;
import io.rancherdesktop.rdd.ui.command.ApiFailure;
import io.rancherdesktop.rdd.ui.command.RequestCommands;
import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * "Run container": a ContainerCreateRequest ({@code docker run -d}) through the API. Image from the local images
 * (or typed; a missing one is pulled by the request), name, ports ({@code [IP:]HOST:CONTAINER[/PROTO]}, comma
 * separated), env ({@code KEY=VALUE} a line), volumes ({@code NAME:/path} or {@code /host:/path}, {@code :ro}),
 * network mode, and a command (split at spaces, Docker's {@code Cmd}). Closes on {@code Complete}; a failure
 * (admission or Docker) stays in place.
 */
public final class RunContainerDialog {
    private RunContainerDialog() {
    }

    public static Dialog<ButtonType> open(Node owner, RequestCommands requests, Executor fx, List<String> localImages) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setResizable(true);
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        dialog.setTitle("Run container");
        dialog.setHeaderText("Create and start a container (docker run -d)");
        ComboBox<String> image = new ComboBox<>(FXCollections.observableArrayList(localImages));
        image.setEditable(true);
        image.setId("run-image");
        image.setPromptText("Image (local, or one to pull)");
        image.setMaxWidth(Double.MAX_VALUE);
        TextField name = field("run-name", "Name (empty: Docker picks one)");
        TextField ports = field("run-ports", "e.g. 8080:80, 127.0.0.1:5353:53/udp");
        TextArea env = new TextArea();
        env.setId("run-env");
        env.setPromptText("KEY=VALUE, one a line");
        env.setPrefRowCount(3);
        TextField volumes = field("run-volumes", "e.g. data:/data, /home/me/src:/src:ro");
        TextField network = field("run-network", "Network mode (empty: Docker's default), e.g. none");
        TextField command = field("run-command", "Command (split at spaces), e.g. sleep 3600");
        Label message = new Label();
        message.setId("run-message");
        message.setWrapText(true);
        message.setMaxWidth(460);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.setPrefHeight(96);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int r = 0;
        for (var row : List.of(List.of(new Label("Image"), image), List.of(new Label("Name"), name),
                List.of(new Label("Ports"), ports), List.of(new Label("Env"), env), List.of(new Label("Volumes"), volumes),
                List.of(new Label("Network"), network), List.of(new Label("Command"), command))) {
            ((Label) row.get(0)).setLabelFor(row.get(1));
            grid.addRow(r++, row.get(0), row.get(1));
        }
        grid.add(message, 0, r, 2, 1);
        grid.setPrefWidth(480);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().setId("run-dialog");
        ButtonType runType = new ButtonType("Run", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(runType, ButtonType.CANCEL);
        Button run = (Button) dialog.getDialogPane().lookupButton(runType);
        run.setId("run-start");
        run.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            ContainerCreateRequestSpec spec;
            try {
                spec = spec(image.getEditor().getText(), name.getText(), ports.getText(), env.getText(), volumes.getText(),
                        network.getText(), command.getText());
            } catch (IllegalArgumentException bad) {
                message.setText(bad.getMessage());
                return;
            }
            run.setDisable(true);
            message.setText("Creating " + (spec.getName() == null ? "a container" : spec.getName()) + " from " + spec.getImage() + "…");
            requests.runContainer(spec).whenComplete((created, failure) -> fx.execute(() -> {
                run.setDisable(false);
                if (failure != null) {
                    message.setText(ApiFailure.of("run " + spec.getImage(), failure).getMessage());
                } else {
                    dialog.setResult(runType);
                    dialog.close();
                }
            }));
        });
        dialog.show();
        return dialog;
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setAccessibleText(prompt);
        return f;
    }

    /** The request's spec from the form; a malformed port or volume is refused here with what is wrong. */
    static ContainerCreateRequestSpec spec(String image, String name, String ports, String env, String volumes,
                                           String network, String command) {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("Choose or type an image.");
        }
        ContainerCreateRequestSpec spec = new ContainerCreateRequestSpec();
        spec.setImage(image.trim());
        if (name != null && !name.isBlank()) {
            spec.setName(name.trim());
        }
        List<ContainerPort> portList = new ArrayList<>();
        for (String p : items(ports)) {
            String[] parts = p.split(":");
            String container = parts[parts.length - 1];
            String proto = container.contains("/") ? "" : "/tcp";
            String hostIp = parts.length == 3 ? parts[0] : "";
            String hostPort = switch (parts.length) {
                case 1 -> "";
                case 2 -> parts[0];
                case 3 -> parts[1];
                default -> throw new IllegalArgumentException("Port \"" + p + "\" is not [IP:]HOST:CONTAINER[/PROTO].");
            };
            portList.add(new ContainerPort(container + proto, List.of(new PortBinding(hostIp, hostPort))));
        }
        if (!portList.isEmpty()) {
            spec.setPorts(portList);
        }
        List<String> envList = env == null ? List.of() : env.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (!envList.isEmpty()) {
            spec.setEnv(envList);
        }
        List<CreateMount> mounts = new ArrayList<>();
        for (String v : items(volumes)) {
            String[] parts = v.split(":");
            if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !List.of("ro", "rw").contains(parts[2]))) {
                throw new IllegalArgumentException("Volume \"" + v + "\" is not SOURCE:/path[:ro].");
            }
            CreateMount m = new CreateMount();
            m.setType(parts[0].startsWith("/") ? "bind" : "volume");
            m.setSource(parts[0]);
            m.setDestination(parts[1]);
            m.setReadOnly(parts.length == 3 && parts[2].equals("ro"));
            mounts.add(m);
        }
        if (!mounts.isEmpty()) {
            spec.setMounts(mounts);
        }
        if (network != null && !network.isBlank()) {
            spec.setNetworkMode(network.trim());
        }
        if (command != null && !command.isBlank()) {
            spec.setArgs(Arrays.asList(command.trim().split("\\s+")));
        }
        return spec;
    }

    private static List<String> items(String text) {
        return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
