package io.rancherdesktop.rdd.ui;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.service.ServiceRuntime;
import io.rancherdesktop.rdd.ui.command.GuardedCommands;
import io.rancherdesktop.rdd.ui.command.KubernetesApiCommands;
import io.rancherdesktop.rdd.ui.feed.ApiFeeds;
import io.rancherdesktop.rdd.ui.feed.ConnectionProbe;
import io.rancherdesktop.rdd.ui.feed.ConnectionState;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer;
import io.rancherdesktop.rdd.ui.launch.ServiceConnector;
import io.rancherdesktop.rdd.ui.testing.Mirrors;
import io.rancherdesktop.rdd.ui.testing.TempHome;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.rancherdesktop.rdd.ui.testing.FxWait.onFx;
import static io.rancherdesktop.rdd.ui.testing.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GUI never shows a false state when its service goes away (docs/gui.md, "Honest state"): the real service is
 * stopped under a running GUI and started again on the same port and datastore.
 */
@ExtendWith(ApplicationExtension.class)
class GuiConnectionIT {
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private final TempHome home = new TempHome("uicon");
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private ServiceRuntime.Options options;
    private ServiceRuntime service;
    private KubernetesClient client;
    private GuiSession session;

    @Start
    void start(Stage stage) throws Exception {
        // The API alone, mirrors written by the test.
        options = Mirrors.writtenByTheTest(ServiceConnector.serveOptions(home.paths()).withSecurePort(0).withControllers("*", List.of()));
        service = ServiceRuntime.start(home.paths(), options);
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(service.kubeconfig()))).build();
        session = new GuiSession(ApiFeeds.informers(client), new KubernetesApiCommands(client, workers),
                ConnectionProbe.livez(client, Duration.ofSeconds(1)), Platform::runLater, UpdateCoalescer.DEFAULT_INTERVAL);
        stage.setScene(session.window().scene());
        stage.show();
        session.start();
    }

    @AfterEach
    void stop() {
        try {
            session.close();
            workers.shutdownNow();
            client.close();
        } finally {
            try {
                service.close();
            } finally {
                home.close();
            }
        }
    }

    private boolean showing(FxRobot robot, String id) {
        return robot.lookup("#" + id).tryQuery().map(Node::isVisible).orElse(false);
    }

    @Test
    void aStoppedServiceShowsTheLostConnectionBannerWithin2sDisablesEveryActionAndAReturningOneRelists(FxRobot robot) throws Exception {
        Mirrors.container(client, "default", "web", RunStatus.RUNNING);
        until("the row's toggle", () -> robot.lookup("#toggle-web").tryQuery().map(n -> !n.isDisabled()).orElse(false));
        int port = client.getMasterUrl().getPort();

        service.close();
        long stopped = System.nanoTime();
        until("the banner", Duration.ofSeconds(2), () -> showing(robot, "connection-banner"));
        long took = Duration.ofNanos(System.nanoTime() - stopped).toMillis();
        assertTrue(took <= 2000, "banner after " + took + " ms");
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

        service = ServiceRuntime.start(home.paths(), options.withSecurePort(port));
        until("the banner gone", Duration.ofSeconds(10), () -> !showing(robot, "connection-banner"));
        until("the row live again", () -> robot.lookup("#toggle-web").tryQuery().map(n -> !n.isDisabled()).orElse(false)
                && !robot.lookup("#machine-toggle").query().isDisabled());
        // Relisted: a container created after the return appears without waiting for the old watches' backoff.
        Mirrors.container(client, "default", "db", RunStatus.EXITED);
        until("the new row", Duration.ofSeconds(5), () -> robot.lookup("#toggle-db").tryQuery().isPresent());
    }
}
