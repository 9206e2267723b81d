package io.rancherdesktop.rdd.ui.model;

/**
 * The App's {@code Settled} condition. {@code current} says whether it was written for the App's present
 * generation; a stale condition says nothing about the current spec.
 */
public record SettledState(String status, String reason, String message, long observedGeneration, boolean current) {

    public static final SettledState ABSENT = new SettledState("Unknown", "", "", 0, false);

    public boolean isSettledAt(long generation) {
        return "True".equals(status) && observedGeneration >= generation;
    }
}
