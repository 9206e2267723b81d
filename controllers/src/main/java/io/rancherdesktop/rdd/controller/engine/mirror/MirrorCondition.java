package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.Objects;

/**
 * A condition derived from engine state. {@code lastTransitionTime} is deliberately absent: the writer keeps
 * the stored time while the status is unchanged and stamps a new one only on a transition, which also keeps
 * re-syncs of unchanged objects byte-identical (docs/design/mirroring-rules.md §4.6).
 */
public record MirrorCondition(String type, ConditionStatus status, String reason) {
    public MirrorCondition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }
}
