package io.rancherdesktop.rdd.ui.view;

import io.fabric8.kubernetes.api.model.Event;
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
import io.rancherdesktop.rdd.ui.model.ContainerFacts;
import io.rancherdesktop.rdd.wire.SecretEnv;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.rancherdesktop.rdd.ui.fake.Objects.changed;
import static io.rancherdesktop.rdd.ui.fake.Objects.container;
import static io.rancherdesktop.rdd.ui.testing.FxWait.onFx;
import static io.rancherdesktop.rdd.ui.testing.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12's container details over faked feeds: env with secrets masked, mounts, networks, restart, health, port links. */
@ExtendWith(ApplicationExtension.class)
class ContainerDetailsTest {
    private final InMemoryFeed<App> apps = new InMemoryFeed<>();
    private final InMemoryFeed<Container> containers = new InMemoryFeed<>();
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private GuiSession session;

    @Start
    void start(Stage stage) {
        session = new GuiSession(new ApiFeeds(apps, new InMemoryFeed<VirtualMachine>(), containers, new InMemoryFeed<Image>(),
                new InMemoryFeed<Volume>(), new InMemoryFeed<Event>()), new RecordingCommands(), Platform::runLater,
                UpdateCoalescer.DEFAULT_INTERVAL);
        session.attachContainerDetails(opened::add);
        stage.setScene(session.window().scene());
        stage.show();
        session.start();
    }

    @AfterEach
    void close() {
        session.close();
    }

    static Container web() {
        return changed(container("web", RunStatus.RUNNING), c -> {
            var s = c.getStatus();
            s.setEnv(List.of("PATH=/usr/local/bin:/usr/bin", "DB_PASSWORD=hunter2", "api_key=k-123", "GREETING=hello"));
            ContainerMount data = new ContainerMount();
            data.setType("volume");
            data.setVolume("vol-0123456789ab");
            data.setVolumeName("web-data");
            data.setDestination("/data");
            data.setRw(true);
            ContainerMount site = new ContainerMount();
            site.setType("bind");
            site.setSource("/srv/site");
            site.setDestination("/usr/share/nginx/html");
            site.setRw(false);
            s.setMounts(List.of(data, site));
            ContainerNetworkStatus bridge = new ContainerNetworkStatus();
            bridge.setName("bridge");
            bridge.setIpAddress("172.17.0.2");
            bridge.setMacAddress("02:42:ac:11:00:02");
            s.setNetworks(List.of(bridge));
            ContainerRestartPolicy policy = new ContainerRestartPolicy();
            policy.setName("on-failure");
            policy.setMaximumRetryCount(5);
            s.setRestartPolicy(policy);
            s.setRestartCount(2);
            ContainerHealth health = new ContainerHealth();
            health.setStatus("unhealthy");
            health.setFailingStreak(3);
            health.setLastExitCode(1);
            health.setLastOutput("curl: (7) Failed to connect to localhost port 80\n");
            s.setHealth(health);
            s.setPorts(List.of(
                    new ContainerPort("80/tcp", List.of(new PortBinding("0.0.0.0", "8080"), new PortBinding("::", "8080"))),
                    new ContainerPort("53/udp", List.of(new PortBinding("0.0.0.0", "5353"))),
                    new ContainerPort("443/tcp", List.of())));
        });
    }

    private static List<String> values(FxRobot robot) throws Exception {
        return onFx(() -> robot.lookup("#containers-details .text-input").queryAll().stream()
                .map(n -> ((TextInputControl) n).getText()).toList());
    }

    /** Scrolls the details so that {@code query}'s node is in view (the robot clicks what is on screen). */
    private static void scrollTo(FxRobot robot, String query) throws Exception {
        onFx(() -> {
            javafx.scene.control.ScrollPane pane = robot.lookup("#containers-details").queryAs(javafx.scene.control.ScrollPane.class);
            Node node = robot.lookup(query).query();
            Node content = pane.getContent();
            double y = content.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
            double range = content.getBoundsInLocal().getHeight() - pane.getViewportBounds().getHeight();
            pane.setVvalue(range <= 0 ? 0 : Math.min(1, Math.max(0, (y - 20) / range)));
            return null;
        });
        until(query + " in view", () -> {
            Node node = robot.lookup(query).query();
            javafx.geometry.Bounds onScreen = node.localToScreen(node.getBoundsInLocal());
            javafx.scene.control.ScrollPane pane = robot.lookup("#containers-details").queryAs(javafx.scene.control.ScrollPane.class);
            return pane.localToScreen(pane.getBoundsInLocal()).contains(onScreen.getCenterX(), onScreen.getCenterY());
        });
    }

    private static List<String> titles(FxRobot robot) throws Exception {
        return onFx(() -> robot.lookup("#containers-details .details-title").queryAll().stream()
                .map(n -> ((Label) n).getText()).toList());
    }

    @Test
    void detailsShowEnvWithSecretsMaskedMountsNetworksRestartAndHealth(FxRobot robot) throws Exception {
        containers.put(web());
        until("a row", () -> robot.lookup("#containers-table .table-row-cell #containers-col-name").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#containers-table .table-row-cell #containers-col-name").<Node>query());
        until("the environment", () -> titles(robot).contains("Environment"));
        List<String> titles = titles(robot);
        assertEquals(List.of("Container", "Ports", "Environment", "Mounts", "Networks", "Restart", "Health"),
                titles.subList(0, 7), titles.toString());

        List<String> values = values(robot);
        assertTrue(values.contains("/usr/local/bin:/usr/bin") && values.contains("hello"), values.toString());
        assertFalse(values.stream().anyMatch(v -> v.contains("hunter2") || v.contains("k-123")), "secrets masked: " + values);
        assertEquals(2, values.stream().filter(SecretEnv.MASK::equals).count(), values.toString());
        assertTrue(values.contains("volume web-data (vol-0123456789ab) \u00b7 rw"), values.toString());
        assertTrue(values.contains("/srv/site \u00b7 ro"), values.toString());
        assertTrue(values.contains("172.17.0.2  (MAC 02:42:ac:11:00:02)"), values.toString());
        assertTrue(values.contains("on-failure (at most 5 retries)") && values.contains("2"), values.toString());
        assertTrue(values.contains("unhealthy") && values.contains("curl: (7) Failed to connect to localhost port 80"), values.toString());
        assertTrue(values.contains("0.0.0.0:5353"), "a UDP port is text, not a link: " + values);
        assertTrue(values.contains("not published"), values.toString());

        scrollTo(robot, "#show-DB_PASSWORD");
        robot.clickOn("#show-DB_PASSWORD");
        until("revealed", () -> values(robot).contains("hunter2"));
        assertFalse(values(robot).contains("k-123"), "only the one asked for");
        assertEquals("Hide", onFx(() -> robot.lookup("#show-DB_PASSWORD").queryAs(ToggleButton.class).getText()));
        // A status update redraws the details: what was revealed stays revealed for this container.
        Container restarted = web(); // a new resourceVersion
        restarted.getStatus().setRestartCount(7);
        containers.put(restarted);
        until("the new count", () -> values(robot).contains("7"));
        assertTrue(values(robot).contains("hunter2"));
    }

    @Test
    void aPublishedPortIsOneLinkPerUrlAndAClickOpensLocalhostWithTheHostPort(FxRobot robot) throws Exception {
        containers.put(web());
        until("a row", () -> robot.lookup("#containers-table .table-row-cell #containers-col-name").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#containers-table .table-row-cell #containers-col-name").<Node>query());
        until("the port link", () -> robot.lookup("#containers-details .details-link").tryQuery().isPresent());
        List<String> links = onFx(() -> robot.lookup("#containers-details .details-link").queryAll().stream()
                .map(n -> ((Hyperlink) n).getText()).toList());
        assertEquals(List.of("http://localhost:8080"), links, "0.0.0.0 and :: are one link; udp and unpublished are none");
        scrollTo(robot, "#containers-details .details-link");
        robot.clickOn("#containers-details .details-link");
        until("the browser was asked", () -> !opened.isEmpty());
        assertEquals(List.of("http://localhost:8080"), opened);
    }

    @Test
    void portUrlsUseLocalhostForWildcardAndLoopbackAndTheAddressOtherwise() {
        assertEquals(Optional.of("http://localhost:8080"), ContainerFacts.portUrl("80/tcp", new PortBinding("0.0.0.0", "8080")));
        assertEquals(Optional.of("http://localhost:8080"), ContainerFacts.portUrl("80/tcp", new PortBinding("127.0.0.1", "8080")));
        assertEquals(Optional.of("http://localhost:9000"), ContainerFacts.portUrl("80/tcp", new PortBinding("::", "9000")));
        assertEquals(Optional.of("http://192.168.1.5:8080"), ContainerFacts.portUrl("80/tcp", new PortBinding("192.168.1.5", "8080")));
        assertEquals(Optional.of("http://[fd00::5]:8080"), ContainerFacts.portUrl("80/tcp", new PortBinding("fd00::5", "8080")));
        assertEquals(Optional.empty(), ContainerFacts.portUrl("53/udp", new PortBinding("0.0.0.0", "53")));
        assertEquals(Optional.empty(), ContainerFacts.portUrl("80/tcp", new PortBinding("0.0.0.0", "")));
    }
}
