package io.rancherdesktop.rdd.controller.engine.sync;

/**
 * What the full sync did for one kind.
 *
 * @param listed   objects in the engine's list response
 * @param applied  mirrors written
 * @param vanished objects gone between list and inspect (NotFound, counted as success, docs/design/mirroring-rules.md §3.7)
 * @param failed   objects whose inspect or apply failed; logged and skipped (§3.7, C1)
 * @param pruned   stale mirrors removed (§3.9)
 */
public record KindSyncStats(int listed, int applied, int vanished, int failed, int pruned) {
}
