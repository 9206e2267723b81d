package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.List;

/**
 * Container conditions derived from {@code status.status} (docs/api.md §3.2): {@code Running}, {@code Paused},
 * {@code Restarting} and {@code Dead} are True exactly when the status is that word (reason the word, else
 * {@code Not<Word>}); {@code OOMKilled} is always Unknown, because the status alone cannot tell.
 */
public final class ContainerConditions {
    private ContainerConditions() {
    }

    public static List<MirrorCondition> derive(ContainerRunState status) {
        return List.of(
                exactly("Running", ContainerRunState.RUNNING, status),
                exactly("Paused", ContainerRunState.PAUSED, status),
                exactly("Restarting", ContainerRunState.RESTARTING, status),
                exactly("Dead", ContainerRunState.DEAD, status),
                new MirrorCondition("OOMKilled", ConditionStatus.UNKNOWN, "OOMKilled"));
    }

    private static MirrorCondition exactly(String type, ContainerRunState when, ContainerRunState status) {
        boolean holds = status == when;
        return new MirrorCondition(type, ConditionStatus.of(holds), holds ? type : "Not" + type);
    }
}
