package io.rancherdesktop.rdd.controller.engine.mirror;

import java.util.Objects;

/**
 * The HEALTHCHECK state (docs/api.md §3.2, {@code status.health}).
 *
 * @param lastOutput   output of the newest probe in Docker's log, null before the first probe
 * @param lastExitCode exit code of that probe, null before the first probe
 */
public record HealthReport(String status, int failingStreak, String lastOutput, Integer lastExitCode) {
    public HealthReport {
        Objects.requireNonNull(status, "status");
    }
}
