package io.rancherdesktop.rdd.ui.model;

import io.rancherdesktop.rdd.api.containers.v1alpha1.ActionOutcome;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.LastAction;
import io.rancherdesktop.rdd.ui.command.ApiCommands;
import io.rancherdesktop.rdd.ui.command.ApiFailure;
import io.rancherdesktop.rdd.ui.model.ContainerFacts.Action;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The container state toggles: each is a {@code spec.state} write; the row shows the request as pending until
 * {@code status.lastAction} answers it (its {@code observedGeneration} reaches the written generation). A Failed
 * answer becomes an error notification with the engine's message. JavaFX thread only.
 */
public final class ContainerRequests {
    private final ResourceTableModel<Container> containers;
    private final ApiCommands commands;
    private final Notifier notifier;
    private final Executor uiThread;
    private final Map<String, Awaited> awaited = new HashMap<>();

    private record Awaited(Action action, String name, long generation) {
    }

    public ContainerRequests(ResourceTableModel<Container> containers, ApiCommands commands, Notifier notifier, Executor uiThread) {
        this.containers = containers;
        this.commands = commands;
        this.notifier = notifier;
        this.uiThread = uiThread;
        containers.onApplied(batch -> {
            batch.upserted().forEach(c -> check(ResourceKeys.of(c)));
            batch.deleted().forEach(c -> awaited.remove(ResourceKeys.of(c)));
        });
    }

    /** Asks for {@code action} on each row (bulk actions pass several). */
    public void request(List<ResourceRow<Container>> rows, Action action) {
        rows.forEach(r -> request(r, action));
    }

    public void request(ResourceRow<Container> row, Action action) {
        Container c = row.object();
        String key = row.key();
        String name = ContainerFacts.name(c);
        containers.setPending(key, action.progress());
        commands.requestContainerState(c.getMetadata().getNamespace(), c.getMetadata().getName(), action.request())
                .whenCompleteAsync((generation, error) -> {
                    if (error != null) {
                        containers.setPending(key, "");
                        notifier.error(ApiFailure.of("Cannot " + action.label().toLowerCase() + " container " + name, error).getMessage());
                        return;
                    }
                    awaited.put(key, new Awaited(action, name, generation == null ? 0 : generation));
                    check(key);
                }, uiThread);
    }

    /** Whether a request of this GUI is still unanswered for the row. */
    public boolean isPending(String key) {
        return awaited.containsKey(key);
    }

    private void check(String key) {
        Awaited a = awaited.get(key);
        if (a == null) {
            return;
        }
        Optional<ResourceRow<Container>> row = containers.row(key);
        if (row.isEmpty()) {
            return;
        }
        Optional<LastAction> answer = ContainerFacts.answerTo(row.get().object(), a.generation());
        if (answer.isEmpty()) {
            return;
        }
        awaited.remove(key);
        containers.setPending(key, "");
        if (answer.get().getState() == ActionOutcome.FAILED) {
            notifier.error("Cannot " + a.action().label().toLowerCase() + " container " + a.name() + ": "
                    + (answer.get().getError() == null ? "the engine refused" : answer.get().getError()));
        }
    }
}
