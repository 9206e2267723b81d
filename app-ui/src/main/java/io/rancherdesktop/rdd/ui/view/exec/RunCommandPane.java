package io.rancherdesktop.rdd.ui.view.exec;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * "Run command": a non-interactive exec in the selected container, {@code rdd ctl exec NAME -- sh -c CMD} as a
 * subprocess (stdout and stderr together), with its output and exit code. The process is stopped when the
 * selection changes.
 */
public final class RunCommandPane {
    private static final int MAX_OUTPUT = 1 << 20;
    private final TerminalLauncher launcher;
    private final Executor fx;
    private final BorderPane root = new BorderPane();
    private final TextField command = new TextField();
    private final Button run = new Button("R_un");
    private final TextArea output = new TextArea();
    private final Label result = new Label();
    private String namespace;
    private String name;
    private Process running;

    public RunCommandPane(TerminalLauncher launcher, Executor fx) {
        this.launcher = launcher;
        this.fx = fx;
        command.setId("run-command-input");
        command.setPromptText("Command (run with sh -c), e.g. ls -l /");
        command.setAccessibleText("Command to run in the container");
        command.setOnAction(e -> run());
        run.setId("run-command-button");
        run.setOnAction(e -> run());
        output.setId("run-command-output");
        output.setEditable(false);
        output.setStyle("-fx-font-family: monospace;");
        result.setId("run-command-result");
        HBox top = new HBox(6, command, run);
        HBox.setHgrow(command, Priority.ALWAYS);
        top.setPadding(new Insets(6));
        root.setTop(top);
        root.setCenter(output);
        root.setBottom(result);
        BorderPane.setMargin(result, new Insets(2, 6, 2, 6));
        root.setId("run-command-pane");
        target(null, null);
    }

    public Node node() {
        return root;
    }

    /** The container commands run in; {@code null} disables the box. JavaFX thread. */
    public void target(String namespace, String name) {
        if (name != null && name.equals(this.name) && java.util.Objects.equals(namespace, this.namespace)) {
            return;
        }
        stop();
        this.namespace = namespace;
        this.name = name;
        output.clear();
        result.setText(name == null ? "Select a running container." : "");
        command.setDisable(name == null);
        run.setDisable(name == null);
    }

    private void stop() {
        if (running != null) {
            running.descendants().forEach(ProcessHandle::destroy);
            running.destroy();
            running = null;
        }
    }

    private void run() {
        String cmd = command.getText();
        if (name == null || cmd == null || cmd.isBlank()) {
            return;
        }
        stop();
        List<String> argv = launcher.execCommand(namespace, name, false, List.of("sh", "-c", cmd));
        output.clear();
        result.setText("Running…");
        run.setDisable(true);
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            result.setText("Cannot run " + argv.getFirst() + ": " + e.getMessage() + " (set RDD_CLI to the rdd launcher)");
            run.setDisable(false);
            return;
        }
        running = p;
        Thread.ofVirtual().name("rdd-ui-run-command").start(() -> {
            String text;
            int exit;
            try (InputStream in = p.getInputStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (out.size() < MAX_OUTPUT) {
                        out.write(buf, 0, Math.min(n, MAX_OUTPUT - out.size()));
                    }
                }
                exit = p.waitFor();
                text = out.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
                exit = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String shown = text;
            int code = exit;
            fx.execute(() -> {
                if (running != p) {
                    return;
                }
                running = null;
                output.setText(shown);
                result.setText("Exit code " + code);
                run.setDisable(false);
            });
        });
    }

    /** Stops a running command. JavaFX thread. */
    public void close() {
        target(null, null);
    }
}
