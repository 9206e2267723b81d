package io.rancherdesktop.rdd.ui.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.ui.command.ApiCommands;
import io.rancherdesktop.rdd.ui.command.ApiFailure;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Deletes of mirrors through the API. The object then shows Terminating until the engine controller has removed
 * the engine object (and the row disappears); a refusal of the API itself becomes an error notification.
 */
public final class DeleteRequests {
    private final ApiCommands commands;
    private final Notifier notifier;
    private final Executor uiThread;

    public DeleteRequests(ApiCommands commands, Notifier notifier, Executor uiThread) {
        this.commands = commands;
        this.notifier = notifier;
        this.uiThread = uiThread;
    }

    /** Deletes every row's object; {@code displayName} names it in error messages. */
    public <T extends HasMetadata> void delete(MirrorKind kind, List<ResourceRow<T>> rows, Function<T, String> displayName) {
        for (ResourceRow<T> row : rows) {
            T object = row.object();
            if (MirrorFacts.isTerminating(object)) {
                continue; // already asked; asking again changes nothing
            }
            commands.delete(kind, object.getMetadata().getNamespace(), object.getMetadata().getName())
                    .whenCompleteAsync((ignored, error) -> {
                        if (error != null) {
                            notifier.error(ApiFailure.of("Cannot delete " + kind.singular() + " "
                                    + displayName.apply(object), error).getMessage());
                        }
                    }, uiThread);
        }
    }
}
