package io.rancherdesktop.rdd.controller.engine.events;

/** Consumes the actions of Docker events, one at a time, in event order. */
@FunctionalInterface
public interface MirrorActionHandler {
    /**
     * Handles one action. An exception fails only this action: the watcher logs it and continues (docs/design/mirroring-rules.md §5.8).
     */
    void handle(MirrorAction action);
}
