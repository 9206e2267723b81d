package io.rancherdesktop.rdd.ui;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.admission.AdmissionPlugin;
import io.rancherdesktop.rdd.admission.AdmissionRequest;
import io.rancherdesktop.rdd.admission.AdmissionResult;
import io.rancherdesktop.rdd.admission.Operation;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.service.ServiceRuntime;
import io.rancherdesktop.rdd.ui.command.KubernetesApiCommands;
import io.rancherdesktop.rdd.ui.feed.ApiFeeds;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer;
import io.rancherdesktop.rdd.ui.launch.ServiceConnection;
import io.rancherdesktop.rdd.ui.launch.ServiceConnector;
import io.rancherdesktop.rdd.ui.testing.Mirrors;
import io.rancherdesktop.rdd.ui.testing.TempHome;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.rancherdesktop.rdd.ui.testing.FxWait.cell;
import static io.rancherdesktop.rdd.ui.testing.FxWait.cellText;
import static io.rancherdesktop.rdd.ui.testing.FxWait.onFx;
import static io.rancherdesktop.rdd.ui.testing.FxWait.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GUI against the real rdd service (embedded API server, real informers and HTTPS writes), without an engine:
 * mirror objects are written through the API as the engine controller would. {@code GuiEngineIT} adds the
 * controllers and a real dockerd.
 */
@ExtendWith(ApplicationExtension.class)
class GuiApiIT {
    /** Rejects {@code spec.state} requests for Containers whose Docker name starts with "locked" (a real server-side refusal). */
    static final class LockedContainers implements AdmissionPlugin {
        @Override
        public String name() {
            return "locked-containers.test";
        }

        @Override
        public boolean handles(AdmissionRequest r) {
            return r.isKind("containers.rancherdesktop.io", "Container") && r.operation() == Operation.UPDATE
                    && r.subresource().isEmpty();
        }

        @Override
        public AdmissionResult validate(AdmissionRequest r) {
            String name = r.oldObject().path("status").path("name").asText("");
            boolean stateRequested = !r.oldObject().path("spec").path("state").equals(r.object().path("spec").path("state"));
            return stateRequested && name.startsWith("locked") ? AdmissionResult.invalid("spec.state", "container " + name + " is locked for maintenance")
                    : AdmissionResult.allowed();
        }
    }

    private static TempHome home;
    private static ServiceConnection service;
    private static KubernetesClient client;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private GuiSession session;

    @BeforeAll
    static void startService() {
        home = new TempHome("uiapi");
        service = new ServiceConnector(home.paths(), p -> {
            // The API alone: no controllers, so the App written by the machine toggle starts no engine.
            ServiceRuntime.Options o = Mirrors.writtenByTheTest(ServiceConnector.serveOptions(p).withSecurePort(0).withControllers("*", List.of()));
            List<AdmissionPlugin> plugins = new ArrayList<>(o.admission());
            plugins.add(new LockedContainers());
            return o.withAdmission(plugins);
        }).connect();
        assertTrue(service.ownsService(), "no service ran for the private instance, so the GUI started one");
        client = service.client();
    }

    @AfterAll
    static void stopService() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            home.close();
        }
    }

    @Start
    void start(Stage stage) {
        session = new GuiSession(ApiFeeds.informers(client), new KubernetesApiCommands(client, workers), Platform::runLater,
                UpdateCoalescer.DEFAULT_INTERVAL);
        stage.setScene(session.window().scene());
        stage.show();
        session.start();
    }

    @AfterEach
    void closeSession() {
        session.close();
        workers.shutdownNow();
        // An App that wants a machine no controller starts would leave the next test's rows greyed (not live).
        client.resources(App.class).withName("app").delete();
        client.resources(Container.class).inNamespace("default").list().getItems().forEach(c -> {
            Mirrors.release(client, c);
            client.resources(Container.class).resource(c).delete();
        });
    }

    private TableView<?> table(FxRobot robot, String id) {
        return robot.lookup("#" + id + "-table").queryAs(TableView.class);
    }

    private Container read(Container c) {
        return client.resources(Container.class).inNamespace("default").withName(c.getMetadata().getName()).get();
    }

    @Test
    void containersCreatedAndDeletedInTheApiAppearAndDisappearWithoutUserAction(FxRobot robot) throws Exception {
        Container web = Mirrors.container(client, "default", "web", RunStatus.RUNNING);
        until("the row", () -> "running".equals(cellText(robot, "containers", "name", "web", "state")));
        client.resources(Container.class).resource(read(web)).updateStatus();
        Container exited = read(web);
        exited.getStatus().setStatus(RunStatus.EXITED);
        exited.getStatus().setExitCode(0);
        client.resources(Container.class).resource(exited).updateStatus();
        until("the new state", () -> "exited (0)".equals(cellText(robot, "containers", "name", "web", "state")));
        Mirrors.release(client, web);
        client.resources(Container.class).resource(read(web)).delete();
        until("no row for web", () -> cell(robot, "containers", "name", "web", "name").isEmpty()
                && table(robot, "containers").getItems().stream().noneMatch(r -> r.toString().contains(web.getMetadata().getName())));
    }

    @Test
    void theRunningToggleWritesSpecStateToTheServer(FxRobot robot) throws Exception {
        Container api = Mirrors.container(client, "default", "api", RunStatus.RUNNING);
        until("the toggle", () -> robot.lookup("#toggle-api").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#toggle-api .thumb-area").queryAs(Node.class));
        until("spec.state=created on the server", () -> read(api).getSpec() != null
                && read(api).getSpec().getState() == RequestedState.CREATED);
        until("the pending request", () -> "running → stopping…".equals(cellText(robot, "containers", "name", "api", "state")));
    }

    @Test
    void aRefusalByTheServerShowsItsMessage(FxRobot robot) throws Exception {
        Mirrors.container(client, "default", "locked-db", RunStatus.RUNNING);
        until("the row", () -> robot.lookup("#pause-locked-db").tryQuery().isPresent());
        robot.clickOn("#pause-locked-db");
        until("the banner", () -> session.notifier().isShowing()
                && session.notifier().text().contains("container locked-db is locked for maintenance"));
        until("no pending request", () -> "running".equals(cellText(robot, "containers", "name", "locked-db", "state")));
    }

    @Test
    void aDeleteLeavesTheContainerTerminatingWithTheReasonOfItsWarningEventUntilTheEngineLetsGo(FxRobot robot) throws Exception {
        Container busy = Mirrors.container(client, "default", "busy", RunStatus.RUNNING);
        until("the row", () -> cell(robot, "containers", "name", "busy", "name").isPresent());
        robot.clickOn(cell(robot, "containers", "name", "busy", "name").orElseThrow());
        robot.clickOn("#containers-delete");
        until("the dialog", () -> robot.lookup("#confirm-delete").tryQuery().isPresent());
        robot.clickOn("#confirm-delete");
        until("deletionTimestamp on the server", () -> read(busy).getMetadata().getDeletionTimestamp() != null);
        until("Terminating", () -> "Terminating".equals(cellText(robot, "containers", "name", "busy", "state")));

        client.v1().events().inNamespace("default").resource(new EventBuilder()
                .withMetadata(new ObjectMetaBuilder().withName("busy.1").withNamespace("default").build())
                .withType("Warning").withReason("EngineDeleteFailed").withMessage("removal of container busy is already in progress")
                .withLastTimestamp("2026-11-28T12:00:00Z")
                .withNewInvolvedObject().withKind("Container").withNamespace("default").withName(busy.getMetadata().getName())
                .withUid(busy.getMetadata().getUid()).endInvolvedObject()
                .build()).create();
        // The reason: a warning icon beside the state, its text in the tooltip (the Message column is gone).
        until("the reason", () -> cell(robot, "containers", "name", "busy", "state")
                .map(c -> c.getTooltip() != null && c.getGraphic() != null && c.getGraphic().lookup(".row-warning") != null
                        && c.getTooltip().getText().equals("EngineDeleteFailed: removal of container busy is already in progress"))
                .orElse(false));

        Mirrors.release(client, busy);
        until("gone", () -> table(robot, "containers").getItems().stream().noneMatch(r -> r.toString().contains(busy.getMetadata().getName())));
    }

    @Test
    void theMachineToggleAndTheSettingsWriteTheApp(FxRobot robot) throws Exception {
        client.resources(App.class).withName("app").delete();
        until("no App", () -> !session.app().status().configured());
        robot.clickOn(robot.lookup("#machine-toggle .thumb-area").queryAs(Node.class));
        until("App created running", () -> {
            App a = client.resources(App.class).withName("app").get();
            return a != null && Boolean.TRUE.equals(a.getSpec().getRunning());
        });
        until("the GUI sees it", () -> session.app().status().wantRunning());

        @SuppressWarnings("unchecked")
        ComboBox<ContainerEngine> engine = robot.lookup("#engine-choice").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<VmDriverKind> driver = robot.lookup("#driver-choice").queryAs(ComboBox.class);
        robot.interact(() -> {
            engine.setValue(ContainerEngine.CONTAINERD);
            driver.setValue(VmDriverKind.EXTERNAL);
        });
        robot.clickOn("#apply-settings");
        // The machine is meant to run: Apply asks before it restarts it.
        until("the question", () -> robot.lookup("#confirm-apply").tryQuery().isPresent());
        robot.clickOn("#confirm-apply");
        until("the App spec", () -> {
            App a = client.resources(App.class).withName("app").get();
            return a.getSpec().getContainerEngine().getName() == ContainerEngine.CONTAINERD
                    && a.getSpec().getVm().getDriver() == VmDriverKind.EXTERNAL;
        });
        App a = client.resources(App.class).withName("app").get();
        assertNotNull(a.getMetadata().getGeneration());
        assertEquals(Boolean.TRUE, a.getSpec().getRunning(), "a merge patch leaves running alone");
        assertEquals("Containers (0)", onFx(() -> session.window().tabs().getTabs().getFirst().getText()));
    }
}
