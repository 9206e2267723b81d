package io.rancherdesktop.rdd.ui;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.ui.command.GuardedCommands;
import io.rancherdesktop.rdd.ui.command.KubernetesApiCommands;
import io.rancherdesktop.rdd.ui.feed.ApiFeeds;
import io.rancherdesktop.rdd.ui.feed.ConnectionProbe;
import io.rancherdesktop.rdd.ui.feed.ConnectionState;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer;
import io.rancherdesktop.rdd.ui.testing.Mirrors;
import io.rancherdesktop.rdd.ui.testing.ServiceProcess;
import io.rancherdesktop.rdd.ui.testing.TempHome;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.rancherdesktop.rdd.ui.testing.FxWait.onFx;
import static io.rancherdesktop.rdd.ui.testing.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GUI never shows a false state when its service goes away (docs/gui.md, "Honest state"): the real service, in a
 * process of its own, is killed (SIGKILL) under a running GUI and started again on the same port and datastore.
 */
@ExtendWith(ApplicationExtension.class)
class GuiConnectionIT {
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private static TempHome home;
    private static ServiceProcess service;
    private static KubernetesClient client;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private GuiSession session;

    @BeforeAll
    static void startService() throws Exception {
        home = new TempHome("uicon");
        // The API alone, mirrors written by the test, in a process of its own: killed as a crash would kill it.
        service = ServiceProcess.start(home.home(), "uicon", 0);
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(home.paths().config()))).build();
    }

    @AfterAll
    static void stopService() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
            if (service != null) {
                service.close();
            }
        } finally {
            home.close();
        }
    }

    @Start
    void start(Stage stage) {
        session = new GuiSession(ApiFeeds.informers(client), new KubernetesApiCommands(client, workers),
                ConnectionProbe.livez(client, Duration.ofSeconds(2)), Platform::runLater, UpdateCoalescer.DEFAULT_INTERVAL);
        stage.setScene(session.window().scene());
        stage.show();
        session.start();
    }

    @AfterEach
    void stop() {
        session.close();
        workers.shutdownNow();
    }

    private boolean showing(FxRobot robot, String id) {
        return robot.lookup("#" + id).tryQuery().map(Node::isVisible).orElse(false);
    }

    @Test
    void aStoppedServiceShowsTheLostConnectionBannerWithin2sDisablesEveryActionAndAReturningOneRelists(FxRobot robot) throws Exception {
        Mirrors.container(client, "default", "web", RunStatus.RUNNING);
        until("the row's toggle", () -> robot.lookup("#toggle-web").tryQuery().map(n -> !n.isDisabled()).orElse(false));
        int port = service.port();

        long[] lostAt = {0};
        onFx(() -> {
            session.state().connectionProperty().addListener((obs, old, now) -> {
                if (!now.connected() && lostAt[0] == 0) {
                    lostAt[0] = System.nanoTime();
                }
            });
            return null;
        });
        long stopped = System.nanoTime();
        service.kill();
        until("the banner", Duration.ofSeconds(2), () -> showing(robot, "connection-banner"));
        long took = Duration.ofNanos(System.nanoTime() - stopped).toMillis();
        assertTrue(took <= 2000, "banner after " + took + " ms (state changed after "
                + (lostAt[0] == 0 ? "-" : Duration.ofNanos(lostAt[0] - stopped).toMillis()) + " ms)");
        until("everything disabled and greyed", () -> robot.lookup("#toggle-web").query().isDisabled()
                && robot.lookup("#machine-toggle").query().isDisabled()
                && robot.lookup("#containers-table").query().getParent() != null
                && robot.lookup(".mirror-table").queryAll().stream().allMatch(n -> n.getPseudoClassStates().contains(STALE))
                && ConnectionState.LOST_TEXT.equals(robot.lookup("#connection-banner-text").queryAs(Label.class).getText())
                && robot.lookup("#status-machine").queryAs(Label.class).getText().startsWith("Service: unreachable"));

        // A write asked for anyway (the tray, a shortcut) fails at once with a sentence, not a client timeout.
        long asked = System.nanoTime();
        onFx(() -> {
            session.app().setMachineRunning(true);
            return null;
        });
        until("the refusal", () -> session.notifier().text().contains(GuardedCommands.UNREACHABLE));
        assertTrue(Duration.ofNanos(System.nanoTime() - asked).toMillis() < 1500, "failed fast");

        service = ServiceProcess.start(home.home(), "uicon", port);
        until("the banner gone", Duration.ofSeconds(10), () -> !showing(robot, "connection-banner"));
        until("the row live again", () -> robot.lookup("#toggle-web").tryQuery().map(n -> !n.isDisabled()).orElse(false)
                && !robot.lookup("#machine-toggle").query().isDisabled());
        // Relisted: a container created after the return appears without waiting for the old watches' backoff.
        Mirrors.container(client, "default", "db", RunStatus.EXITED);
        until("the new row", Duration.ofSeconds(5), () -> robot.lookup("#toggle-db").tryQuery().isPresent());
    }
}
