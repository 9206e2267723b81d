package io.rancherdesktop.rdd.ui.tools;

import io.fabric8.kubernetes.api.model.Event;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerHealth;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerMount;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerNetworkStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerPort;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerRestartPolicy;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.PortBinding;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.vm.v1alpha1.VirtualMachine;
import io.rancherdesktop.rdd.ui.GuiSession;
import io.rancherdesktop.rdd.ui.fake.InMemoryFeed;
import io.rancherdesktop.rdd.ui.fake.RecordingCommands;
import io.rancherdesktop.rdd.ui.feed.ApiFeeds;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer;
import io.rancherdesktop.rdd.ui.settings.GuiSettings;
import io.rancherdesktop.rdd.ui.settings.GuiSettingsStore;
import io.rancherdesktop.rdd.ui.view.ThemeController;
import io.rancherdesktop.rdd.ui.view.settings.SettingsDialog;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static io.rancherdesktop.rdd.ui.fake.Objects.app;
import static io.rancherdesktop.rdd.ui.fake.Objects.changed;
import static io.rancherdesktop.rdd.ui.fake.Objects.container;

/**
 * Takes {@code settings.png} and {@code container-details.png} (docs/screenshots) over in-memory feeds with demo
 * objects: the test dockerd has no bridge network, so a real container would show no published port. Run with
 * {@code app-ui/scripts/run-tool.sh SettingsScreenshots docs/screenshots}.
 */
public final class SettingsScreenshots {

    private SettingsScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        InMemoryFeed<App> apps = new InMemoryFeed<>();
        InMemoryFeed<Container> containers = new InMemoryFeed<>();
        Platform.startup(() -> { });
        GuiSession session = onFx(() -> {
            GuiSession s = new GuiSession(new ApiFeeds(apps, new InMemoryFeed<VirtualMachine>(), containers, new InMemoryFeed<Image>(),
                    new InMemoryFeed<Volume>(), new InMemoryFeed<Event>()), new RecordingCommands(), Platform::runLater,
                    UpdateCoalescer.DEFAULT_INTERVAL);
            // Where the app keeps them on Linux (read only: nothing is written unless a setting changes).
            GuiSettingsStore store = GuiSettingsStore.open(Path.of("/home/me/.local/share/rancher-desktop-2", GuiSettingsStore.FILE_NAME));
            ThemeController themes = new ThemeController(store, Map.of(), () -> CompletableFuture.completedFuture(false), Platform::runLater);
            themes.manage(s.window().scene());
            s.attachSettings(store, themes);
            s.attachContainerDetails(url -> System.err.println("screenshots: would open " + url));
            Stage stage = new Stage();
            stage.setTitle("rdd — 2");
            stage.setScene(s.window().scene());
            stage.setX(40);
            stage.setY(60);
            stage.setWidth(1024);
            stage.setHeight(700);
            stage.show();
            s.start();
            return s;
        });
        apps.put(app(true, ContainerEngine.MOBY, VmDriverKind.PROCESS, 1, "Running", "True", "Started", 1,
                "ContainerEngineReady", "True", "Connected", 1, "Settled", "True", "Settled", 1));
        containers.put(web());
        containers.put(container("db", RunStatus.RUNNING));
        containers.put(container("toolbox", RunStatus.EXITED));
        waitFor(() -> session.containers().size() == 3 && session.app().status().configured());
        onFx(() -> {
            TableView<?> t = (TableView<?>) session.window().scene().lookup("#containers-table");
            for (int i = 0; i < t.getItems().size(); i++) {
                if (t.getItems().get(i).toString().contains(web().getMetadata().getName())) {
                    t.getSelectionModel().clearAndSelect(i);
                }
            }
            javafx.scene.Node n = session.window().scene().lookup("#containers-table");
            while (!(n instanceof SplitPane)) {
                n = n.getParent();
            }
            ((SplitPane) n).setDividerPositions(0.3);
            return null;
        });
        settle();
        onFx(() -> {
            var details = (javafx.scene.control.ScrollPane) session.window().scene().lookup("#containers-details");
            details.setVvalue(0.62); // past the Container block: Ports, Environment, Mounts, Networks
            return null;
        });
        settle();
        write(session.window().scene(), out.resolve("container-details.png"));

        SettingsDialog dialog = onFx(session::openSettings);
        settle();
        write(dialog.dialog().getDialogPane().getScene(), out.resolve("settings.png"));
        Platform.exit();
        System.exit(0);
    }

    static Container web() {
        return changed(container("web", RunStatus.RUNNING), c -> {
            var s = c.getStatus();
            s.setPath("nginx");
            s.setArgs(List.of("-g", "daemon off;"));
            s.setEnv(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NGINX_VERSION=1.27.3",
                    "DB_PASSWORD=hunter2", "API_TOKEN=ghp_demo", "TZ=Europe/Berlin"));
            ContainerMount data = new ContainerMount();
            data.setType("volume");
            data.setVolume("vol-5c2e0d8a41f7");
            data.setVolumeName("web-data");
            data.setDestination("/var/cache/nginx");
            data.setRw(true);
            ContainerMount site = new ContainerMount();
            site.setType("bind");
            site.setSource("/home/me/site");
            site.setDestination("/usr/share/nginx/html");
            site.setRw(false);
            s.setMounts(List.of(data, site));
            ContainerNetworkStatus bridge = new ContainerNetworkStatus();
            bridge.setName("bridge");
            bridge.setIpAddress("172.17.0.2");
            bridge.setMacAddress("02:42:ac:11:00:02");
            s.setNetworks(List.of(bridge));
            ContainerRestartPolicy policy = new ContainerRestartPolicy();
            policy.setName("unless-stopped");
            s.setRestartPolicy(policy);
            s.setRestartCount(0);
            ContainerHealth health = new ContainerHealth();
            health.setStatus("healthy");
            health.setFailingStreak(0);
            health.setLastExitCode(0);
            health.setLastOutput("ok");
            s.setHealth(health);
            s.setPorts(List.of(new ContainerPort("80/tcp", List.of(new PortBinding("0.0.0.0", "8080"), new PortBinding("::", "8080"))),
                    new ContainerPort("443/tcp", List.of(new PortBinding("127.0.0.1", "8443")))));
        });
    }

    private static void write(Scene scene, Path file) throws Exception {
        var image = onFx(() -> SwingFXUtils.fromFXImage(scene.snapshot(null), null));
        ImageIO.write(image, "png", file.toFile());
        System.err.println("screenshots: wrote " + file);
    }

    /** A few pulses: layout after a selection or a scroll. */
    private static void settle() throws Exception {
        for (int i = 0; i < 4; i++) {
            onFx(() -> null);
            Thread.sleep(100); // a screenshot tool, not a test: let the scene pulse
        }
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!onFx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for the demo rows");
            }
            Thread.sleep(50);
        }
    }

    private static <R> R onFx(Callable<R> body) throws Exception {
        FutureTask<R> task = new FutureTask<>(body);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }
}
