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

    /** One object's delete that the server refused (e.g. 409: in use), with the server's message. */
    public record Refusal(String key, String name, ApiFailure failure) {
    }

    /**
     * Deletes every row's object and reports, on the JavaFX thread, the refusals (empty when all were accepted).
     * Nothing goes to the notifier: the delete dialog shows the refusals in place.
     *
     * @param force images only: {@code docker rmi -f}'s meaning ({@code gracePeriodSeconds=0})
     */
    public <T extends HasMetadata> java.util.concurrent.CompletableFuture<List<Refusal>> deleteAll(
            MirrorKind kind, List<ResourceRow<T>> rows, Function<T, String> displayName, boolean force) {
        List<java.util.concurrent.CompletableFuture<Refusal>> calls = new java.util.ArrayList<>();
        for (ResourceRow<T> row : rows) {
            T object = row.object();
            if (MirrorFacts.isTerminating(object)) {
                continue;
            }
            String name = displayName.apply(object);
            calls.add(commands.delete(kind, object.getMetadata().getNamespace(), object.getMetadata().getName(), force)
                    .handle((ignored, error) -> error == null ? null
                            : new Refusal(row.key(), name, ApiFailure.of("Cannot delete " + kind.singular() + " " + name, error))));
        }
        java.util.concurrent.CompletableFuture<List<Refusal>> result = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture.allOf(calls.toArray(java.util.concurrent.CompletableFuture[]::new))
                .whenCompleteAsync((ignored, error) -> result.complete(calls.stream().map(java.util.concurrent.CompletableFuture::join)
                        .filter(java.util.Objects::nonNull).toList()), uiThread);
        return result;
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
