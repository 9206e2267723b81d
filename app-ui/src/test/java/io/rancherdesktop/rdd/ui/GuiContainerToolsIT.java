package io.rancherdesktop.rdd.ui;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.service.ServiceRuntime;
import io.rancherdesktop.rdd.ui.command.KubernetesApiCommands;
import io.rancherdesktop.rdd.ui.feed.ApiFeeds;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer;
import io.rancherdesktop.rdd.ui.launch.ServiceConnection;
import io.rancherdesktop.rdd.ui.launch.ServiceConnector;
import io.rancherdesktop.rdd.ui.model.EngineState;
import io.rancherdesktop.rdd.ui.model.MachineState;
import io.rancherdesktop.rdd.ui.stream.HttpContainerStreams;
import io.rancherdesktop.rdd.ui.testing.DockerCli;
import io.rancherdesktop.rdd.ui.testing.TempHome;
import io.rancherdesktop.rdd.ui.view.exec.TerminalLauncher;
import io.rancherdesktop.rdd.ui.view.tools.ContainerTools;
import io.rancherdesktop.rdd.vm.EngineLayout;
import io.rancherdesktop.rdd.ui.view.logs.LogLine;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.rancherdesktop.rdd.ui.testing.FxWait.cell;
import static io.rancherdesktop.rdd.ui.testing.FxWait.cellText;
import static io.rancherdesktop.rdd.ui.testing.FxWait.onFx;
import static io.rancherdesktop.rdd.ui.testing.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The container tools of the Containers tab end to end: the real service with its controllers, the process driver's
 * real dockerd, the real {@code docker} CLI; the GUI reads the Container log and stats subresources over HTTPS. The
 * steps build on each other (step 1 starts the engine).
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuiContainerToolsIT {
    private static final Duration ENGINE = Duration.ofSeconds(120);
    private static final String INSTANCE = "uitools";
    private static TempHome home;
    private static ServiceConnection service;
    private static KubernetesClient client;
    private static DockerCli docker;
    private static Path standIn;
    private static Path argvFile;
    private static String pending;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private GuiSession session;
    private ContainerTools tools;

    @BeforeAll
    static void startService() throws Exception {
        if (!DockerCli.installed()) {
            pending = "needs docker, dockerd and busybox-static (scripts/test installs them)";
            return;
        }
        home = new TempHome(INSTANCE);
        ServiceRuntime.Options options = ServiceConnector.serveOptions(home.paths()).withSecurePort(0);
        service = new ServiceConnector(home.paths(), p -> options).connect();
        client = service.client();
        docker = new DockerCli("unix://" + new EngineLayout(home.paths()).dockerSocket());
        // The stand-in terminal emulator: records its argv, one word a line.
        argvFile = home.home().resolve("terminal-argv");
        standIn = home.home().resolve("stand-in-terminal");
        Files.writeString(standIn, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > " + argvFile + ".tmp\nmv "
                + argvFile + ".tmp " + argvFile + "\n");
        standIn.toFile().setExecutable(true);
    }

    @AfterAll
    static void stopService() throws Exception {
        if (service == null) {
            if (home != null) {
                home.close();
            }
            return;
        }
        try {
            for (String c : List.of("tools-logger", "tools-burner")) {
                docker.tryRun("rm", "-f", c);
            }
            App app = client.resources(App.class).withName("app").get();
            if (app != null) {
                client.resources(App.class).withName("app").edit(a -> {
                    a.getSpec().setRunning(false);
                    return a;
                });
                long deadline = System.nanoTime() + ENGINE.toNanos();
                while (System.nanoTime() < deadline && docker.tryRun("version").exit() == 0) {
                    Thread.onSpinWait();
                }
            }
        } finally {
            service.close();
            var pidFile = new EngineLayout(home.paths()).dockerPidFile();
            if (Files.isRegularFile(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
            home.close();
        }
    }

    @BeforeEach
    void requireEngine() {
        assertNull(pending, pending);
    }

    @Start
    void start(Stage stage) {
        if (client == null) {
            return;
        }
        session = new GuiSession(ApiFeeds.informers(client), new KubernetesApiCommands(client, workers), Platform::runLater,
                UpdateCoalescer.DEFAULT_INTERVAL);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("RDD_TERMINAL", standIn.toString());
        env.put("RDD_CLI", "/opt/rdd/bin/rdd");
        session.attachRequestDialogs(new io.rancherdesktop.rdd.ui.command.RequestCommands(client, workers));
        tools = session.attachContainerTools(new HttpContainerStreams(client), new TerminalLauncher(INSTANCE, env));
        stage.setScene(session.window().scene());
        stage.show();
        session.start();
    }

    @AfterEach
    void closeSession() {
        if (session != null) {
            session.close();
        }
        workers.shutdownNow();
    }

    private void select(FxRobot robot, String name) throws Exception {
        until("the " + name + " row running", ENGINE, () -> "running".equals(cellText(robot, "containers", "name", name, "state")));
        robot.clickOn(cell(robot, "containers", "name", name, "name").orElseThrow());
    }

    /** Writes a snapshot of the window to $RDD_SCREENSHOT_DIR/NAME.png when that is set (docs/screenshots). */
    private static void screenshot(FxRobot robot, String name) throws Exception {
        screenshot(robot, name, "#main");
    }

    private static void screenshot(FxRobot robot, String name, String root) throws Exception {
        String dir = System.getenv("RDD_SCREENSHOT_DIR");
        if (dir == null || dir.isBlank()) {
            return;
        }
        javafx.scene.image.WritableImage image = onFx(() -> robot.lookup(root).query().getScene().snapshot(null));
        java.awt.image.BufferedImage png = javafx.embed.swing.SwingFXUtils.fromFXImage(image, null);
        javax.imageio.ImageIO.write(png, "png", Path.of(dir, name + ".png").toFile());
    }

    @Test
    @Order(1)
    void theEngineStartsForTheTools() throws Exception {
        var commands = new KubernetesApiCommands(client, workers);
        commands.applySettings(ContainerEngine.MOBY, VmDriverKind.PROCESS).get();
        commands.setMachineRunning(true).get();
        until("engine connected", ENGINE, () -> session.app().status().machine() == MachineState.RUNNING
                && session.app().status().engineState() == EngineState.CONNECTED);
        docker.importTestImage(home.home());
        docker.run("run", "-d", "--network", "none", "--name", "tools-logger", DockerCli.TEST_IMAGE, "sh", "-c",
                "for i in 1 2 3; do echo early-line-$i; done; while [ ! -f /tmp/go ]; do sleep 0.1; done; "
                        + "echo later-line; echo error-line >&2; sleep 3600");
        docker.run("run", "-d", "--network", "none", "--name", "tools-burner", DockerCli.TEST_IMAGE, "sh", "-c", "while :; do :; done");
    }

    private static boolean shows(ListView<LogLine> list, String text, boolean stderr) {
        return list.getItems().stream().anyMatch(l -> l.text().equals(text) && l.stderr() == stderr);
    }

    @Test
    @Order(2)
    void theLogsPaneFollowsALinePrintedLaterAndSearchesIt(FxRobot robot) throws Exception {
        select(robot, "tools-logger");
        robot.clickOn("#containers-logs-tab");
        @SuppressWarnings("unchecked")
        ListView<LogLine> list = robot.lookup("#logs-list").queryAs(ListView.class);
        try {
            until("the early lines shown", () -> shows(list, "early-line-3", false));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e.getMessage() + "; the pane says: " + onFx(() -> robot.lookup("#logs-state").queryAs(Label.class).getText())
                    + "; lines: " + onFx(() -> List.copyOf(list.getItems())), e);
        }
        docker.run("exec", "tools-logger", "sh", "-c", ": > /tmp/go");
        until("the later line shown while following", () -> shows(list, "later-line", false));
        until("stderr is in the same log, marked as stderr", () -> shows(list, "error-line", true));
        robot.clickOn("#logs-search").write("LATER");
        until("one matching line", () -> "1 line".equals(robot.lookup("#logs-matches").queryAs(Label.class).getText()));
        assertEquals("later-line", onFx(() -> list.getSelectionModel().getSelectedItem().text()), "the search selects the match");
        screenshot(robot, "container-logs");
        robot.interact(() -> robot.lookup("#logs-search").queryAs(TextField.class).clear());
        robot.clickOn("#containers-details-tab");
        until("the log stream closes with the Logs tab", () -> robot.lookup("#logs-state").queryAs(Label.class).getText().startsWith("Select"));
    }

    @Test
    @Order(3)
    void theTerminalActionLaunchesTheConfiguredEmulatorWithTheExecCommand(FxRobot robot) throws Exception {
        select(robot, "tools-logger");
        Files.deleteIfExists(argvFile);
        robot.clickOn("#containers-terminal");
        until("the stand-in ran", () -> Files.isRegularFile(argvFile));
        String ns = client.resources(io.rancherdesktop.rdd.api.containers.v1alpha1.Container.class).inAnyNamespace().list().getItems()
                .stream().filter(c -> "tools-logger".equals(c.getStatus().getName())).findFirst().orElseThrow().getMetadata().getNamespace();
        assertEquals(List.of("/opt/rdd/bin/rdd", "--instance", INSTANCE, "ctl", "exec", "-n", ns, "-it", "tools-logger", "--", "sh"),
                Files.readAllLines(argvFile));
    }

    @Test
    @Order(4)
    void theCpuAndMemoryColumnsUpdateForAContainerBurningCpu(FxRobot robot) throws Exception {
        until("the burner row running", ENGINE, () -> "running".equals(cellText(robot, "containers", "name", "tools-burner", "state")));
        until("CPU above 20 %", Duration.ofSeconds(30), () -> {
            String cpu = cellText(robot, "containers", "name", "tools-burner", "cpu");
            return cpu != null && cpu.endsWith("%") && Double.parseDouble(cpu.replace("%", "").trim()) > 20;
        });
        until("memory shown", () -> {
            String mem = cellText(robot, "containers", "name", "tools-burner", "memory");
            return mem != null && mem.endsWith("B");
        });
        assertEquals(2, onFx(() -> tools.stats().openStreams()), "one stats stream per running container shown");
        robot.clickOn("#images-tab");
        until("stats streams closed while the tab is hidden", () -> tools.stats().openStreams() == 0);
        robot.clickOn("#containers-tab");
        until("stats streams back", () -> tools.stats().openStreams() == 2);
        select(robot, "tools-burner");
        robot.clickOn("#containers-stats-tab");
        until("the chart caption shows CPU", Duration.ofSeconds(10),
                () -> robot.lookup("#stats-caption").queryAs(Label.class).getText().contains("CPU"));
        until("a few seconds of history", Duration.ofSeconds(15), () -> tools.stats().entry(new io.rancherdesktop.rdd.ui.view.stats.StatsMonitor.Key(
                burner().getMetadata().getNamespace(), burner().getMetadata().getName())).history().size() >= 4);
        screenshot(robot, "container-stats");
    }

    private static io.rancherdesktop.rdd.api.containers.v1alpha1.Container burner() {
        return client.resources(io.rancherdesktop.rdd.api.containers.v1alpha1.Container.class).inAnyNamespace().list().getItems()
                .stream().filter(c -> "tools-burner".equals(c.getStatus().getName())).findFirst().orElseThrow();
    }

    @Test
    @Order(5)
    void theRestartActionRestartsTheContainerThroughTheApi(FxRobot robot) throws Exception {
        String before = docker.run("inspect", "-f", "{{.State.StartedAt}}", "tools-burner").trim();
        select(robot, "tools-burner");
        robot.clickOn("#containers-restart");
        until("Docker's start time changed", ENGINE,
                () -> !before.equals(docker.run("inspect", "-f", "{{.State.StartedAt}}", "tools-burner").trim()));
        until("the request answered in status.lastAction", ENGINE, () -> {
            var a = burner().getStatus().getLastAction();
            return a != null && a.getAction() != null && "restarted".equals(a.getAction().value());
        });
    }

    @Test
    @Order(6)
    void newVolumeCreatesAVolumeCreateRequestAndShowsDockersRefusalInPlace(FxRobot robot) throws Exception {
        robot.clickOn("#volumes-tab");
        robot.clickOn("#volumes-new");
        robot.clickOn("#new-volume-name").write("bad/name");
        robot.clickOn("#new-volume-create");
        until("the refusal shown in the dialog", ENGINE, () -> {
            String text = robot.lookup("#new-volume-message").queryAs(Label.class).getText();
            return text.contains("Failed") || text.contains("invalid");
        });
        String refusal = onFx(() -> robot.lookup("#new-volume-message").queryAs(Label.class).getText());
        screenshot(robot, "dialog-new-volume-failed", "#new-volume-dialog");
        robot.interact(() -> robot.lookup("#new-volume-name").queryAs(TextField.class).setText("gui2-vol"));
        robot.clickOn("#new-volume-create");
        until("the dialog closed after Complete", ENGINE, () -> robot.lookup("#new-volume-dialog").tryQuery().isEmpty());
        until("the engine has the volume", ENGINE, () -> docker.run("volume", "ls", "-q").lines().anyMatch("gui2-vol"::equals));
        until("the Volumes table shows it", ENGINE, () -> cell(robot, "volumes", "name", "gui2-vol", "name").isPresent());
        org.junit.jupiter.api.Assertions.assertTrue(refusal.contains("bad/name") || refusal.contains("invalid"), refusal);
    }

    @Test
    @Order(7)
    void pruneVolumesSaysHowManyGoAndRemovesThem(FxRobot robot) throws Exception {
        robot.clickOn("#volumes-tab");
        robot.clickOn("#volumes-prune");
        until("the count", ENGINE, () -> robot.lookup("#prune-count").queryAs(Label.class).getText()
                .equals("1 object will be removed: gui2-vol"));
        screenshot(robot, "dialog-prune", "#prune-dialog");
        robot.clickOn("#prune-confirm");
        until("the dialog closed", ENGINE, () -> robot.lookup("#prune-dialog").tryQuery().isEmpty());
        until("the engine lost the volume", ENGINE, () -> docker.run("volume", "ls", "-q").lines().noneMatch("gui2-vol"::equals));
    }

    @Test
    @Order(8)
    void pruneContainersRemovesTheStoppedOneOnly(FxRobot robot) throws Exception {
        docker.run("kill", "tools-burner");
        until("the burner row exited", ENGINE, () -> {
            String state = cellText(robot, "containers", "name", "tools-burner", "state");
            return state != null && state.startsWith("exited");
        });
        robot.clickOn("#containers-prune");
        until("the count", ENGINE, () -> robot.lookup("#prune-count").queryAs(Label.class).getText()
                .equals("1 object will be removed: tools-burner"));
        robot.clickOn("#prune-confirm");
        until("the engine lost the stopped container", ENGINE,
                () -> docker.run("ps", "-a", "--format", "{{.Names}}").lines().noneMatch("tools-burner"::equals));
        assertEquals(List.of("tools-logger"), docker.run("ps", "-a", "--format", "{{.Names}}").lines().toList());
    }

    @Test
    @Order(9)
    void pushAndPullThroughTheDialogsWithProgressAndARefusalInPlace(FxRobot robot) throws Exception {
        try (var registry = io.rancherdesktop.rdd.ui.testing.LoopbackRegistry.start()) {
            String tag = registry.host() + "/gui2/busybox:1";
            docker.run("tag", DockerCli.TEST_IMAGE, tag);
            robot.clickOn("#images-tab");
            until("the tag's row", ENGINE, () -> cell(robot, "images", "tag", tag, "tag").isPresent());
            robot.clickOn(cell(robot, "images", "tag", tag, "tag").orElseThrow());
            robot.clickOn("#images-push");
            assertEquals(tag, onFx(() -> robot.lookup("#push-reference").queryAs(TextField.class).getText()), "the selected tag is offered");
            robot.clickOn("#push-start");
            until("pushed", ENGINE, () -> robot.lookup("#push-message").queryAs(Label.class).getText().equals("Pushed " + tag + "."));
            robot.clickOn("#push-close");
            docker.run("rmi", tag);
            until("the tag's row gone", ENGINE, () -> cell(robot, "images", "tag", tag, "tag").isEmpty());

            robot.clickOn("#images-pull");
            robot.clickOn("#pull-reference").write(registry.host() + "/gui2/none:1");
            robot.clickOn("#pull-start");
            until("the refusal in place", ENGINE, () -> robot.lookup("#pull-message").queryAs(Label.class).getText().contains("Failed"));
            screenshot(robot, "dialog-pull-failed", "#pull-dialog");
            robot.interact(() -> robot.lookup("#pull-reference").queryAs(TextField.class).setText(tag));
            robot.clickOn("#pull-start");
            until("pulled", ENGINE, () -> robot.lookup("#pull-message").queryAs(Label.class).getText().equals("Pulled " + tag + "."));
            assertEquals(1.0, onFx(() -> robot.lookup("#pull-progress").queryAs(javafx.scene.control.ProgressBar.class).getProgress()));
            screenshot(robot, "dialog-pull", "#pull-dialog");
            robot.clickOn("#pull-close");
            until("the pulled tag's row", ENGINE, () -> cell(robot, "images", "tag", tag, "tag").isPresent());
            assertEquals(0, docker.tryRun("image", "inspect", tag).exit(), "the engine has the image again");
        }
    }

    @Test
    @Order(10)
    void runContainerCreatesTheContainerWithEnvAndVolumeAndShowsANameClashInPlace(FxRobot robot) throws Exception {
        robot.clickOn("#containers-tab");
        robot.clickOn("#containers-run");
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ComboBox<String> image = robot.lookup("#run-image").queryAs(javafx.scene.control.ComboBox.class);
            org.junit.jupiter.api.Assertions.assertTrue(image.getItems().contains(DockerCli.TEST_IMAGE), "local images offered: " + image.getItems());
            image.getEditor().setText(DockerCli.TEST_IMAGE);
            robot.lookup("#run-name").queryAs(TextField.class).setText("tools-logger");
            robot.lookup("#run-env").queryAs(javafx.scene.control.TextArea.class).setText("GREETING=hello\nMODE=gui");
            robot.lookup("#run-volumes").queryAs(TextField.class).setText("gui2-data:/data");
            robot.lookup("#run-network").queryAs(TextField.class).setText("none");
            robot.lookup("#run-command").queryAs(TextField.class).setText("sleep 3600");
        });
        robot.clickOn("#run-start");
        until("an outcome in place", ENGINE, () -> {
            String text = robot.lookup("#run-message").queryAs(Label.class).getText();
            return !text.isEmpty() && !text.startsWith("Creating");
        });
        String clash = onFx(() -> robot.lookup("#run-message").queryAs(Label.class).getText());
        org.junit.jupiter.api.Assertions.assertTrue(clash.contains("already in use"), clash);
        screenshot(robot, "dialog-run-failed", "#run-dialog");
        robot.interact(() -> robot.lookup("#run-name").queryAs(TextField.class).setText("gui2-run"));
        robot.clickOn("#run-start");
        until("the dialog closed on Complete", ENGINE, () -> robot.lookup("#run-dialog").tryQuery().isEmpty());
        until("the gui2-run row running", ENGINE, () -> "running".equals(cellText(robot, "containers", "name", "gui2-run", "state")));
        String env = docker.run("inspect", "-f", "{{json .Config.Env}}", "gui2-run");
        org.junit.jupiter.api.Assertions.assertTrue(env.contains("GREETING=hello") && env.contains("MODE=gui"), env);
        assertEquals("gui2-data:/data", docker.run("inspect", "-f", "{{range .Mounts}}{{.Name}}:{{.Destination}}{{end}}", "gui2-run").trim());
        docker.run("rm", "-f", "gui2-run");
        docker.run("volume", "rm", "gui2-data");
    }
}
