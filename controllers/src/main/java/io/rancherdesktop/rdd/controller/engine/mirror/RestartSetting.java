package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.Objects;

/** The container's restart policy (docs/api.md §3.2, {@code status.restartPolicy}). */
public record RestartSetting(String name, int maximumRetryCount) {
    public RestartSetting {
        Objects.requireNonNull(name, "name");
    }
}
