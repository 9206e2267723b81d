package io.rancherdesktop.rdd.ui.model;

import io.rancherdesktop.rdd.api.containers.v1alpha1.ActionOutcome;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.ui.fake.RecordingCommands;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer.Batch;
import io.rancherdesktop.rdd.ui.model.ContainerFacts.Action;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.rancherdesktop.rdd.ui.fake.Objects.changed;
import static io.rancherdesktop.rdd.ui.fake.Objects.container;
import static io.rancherdesktop.rdd.ui.fake.Objects.lastAction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerRequestsTest {
    private final ResourceTableModel<Container> model = new ResourceTableModel<>();
    private final RecordingCommands commands = new RecordingCommands();
    private final List<String> errors = new ArrayList<>();
    private final Notifier notifier = new Notifier() {
        @Override
        public void error(String message) {
            errors.add(message);
        }

        @Override
        public void info(String message) {
        }
    };
    private final ContainerRequests requests = new ContainerRequests(model, commands, notifier, Runnable::run);
    private final Container web = container("web", RunStatus.RUNNING);

    private ResourceRow<Container> row() {
        model.apply(new Batch<>(List.of(web), List.of()));
        return model.row(ResourceKeys.of(web)).orElseThrow();
    }

    @Test
    void aStopWritesSpecStateCreatedAndStaysPendingUntilLastActionAnswersIt() {
        ResourceRow<Container> row = row();
        commands.answerGeneration(7);
        requests.request(row, Action.STOP);
        assertEquals(List.of("state default/" + web.getMetadata().getName() + "=created"), commands.calls());
        assertEquals("stopping", row.pending());

        // An older answer (generation 6) does not end the wait.
        model.apply(new Batch<>(List.of(changed(web, c -> c.getStatus().setLastAction(
                lastAction(RequestedState.RUNNING, ActionOutcome.SUCCEEDED, 6, null)))), List.of()));
        assertEquals("stopping", row.pending());

        model.apply(new Batch<>(List.of(changed(web, c -> {
            c.getStatus().setStatus(RunStatus.EXITED);
            c.getStatus().setLastAction(lastAction(RequestedState.CREATED, ActionOutcome.SUCCEEDED, 7, null));
        })), List.of()));
        assertEquals("", row.pending());
        assertFalse(requests.isPending(row.key()));
        assertTrue(errors.isEmpty());
    }

    @Test
    void aFailedAnswerBecomesAnErrorWithTheEnginesMessage() {
        ResourceRow<Container> row = row();
        commands.answerGeneration(3);
        requests.request(row, Action.PAUSE);
        model.apply(new Batch<>(List.of(changed(web, c -> c.getStatus().setLastAction(
                lastAction(RequestedState.PAUSED, ActionOutcome.FAILED, 3, "Container abc is not running")))), List.of()));
        assertEquals(List.of("Cannot pause container web: Container abc is not running"), errors);
        assertEquals("", row.pending());
    }

    @Test
    void aRefusedWriteClearsPendingAndShowsTheServersMessage() {
        ResourceRow<Container> row = row();
        commands.failNextWith(422, "Invalid", "spec.image cannot be changed: spec.state is the only mutable field of a Container");
        requests.request(row, Action.START);
        assertEquals("", row.pending());
        assertEquals(1, errors.size());
        assertTrue(errors.getFirst().contains("spec.state is the only mutable field"), errors.getFirst());
    }
}
