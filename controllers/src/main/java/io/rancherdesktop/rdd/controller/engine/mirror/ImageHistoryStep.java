package io.rancherdesktop.rdd.controller.engine.mirror;

import java.time.Instant;

/**
 * One step of an Image mirror's {@code status.history} (docs/api.md §3.3), newest first as {@code docker history}
 * prints them.
 *
 * @param createdAt null when the engine reports no time (e.g. an imported layer)
 * @param createdBy the instruction, at most {@link #MAX_CREATED_BY} characters (longer ones end in "…")
 * @param size      bytes the step added
 */
public record ImageHistoryStep(Instant createdAt, String createdBy, long size, String comment) {
    /** Longer instructions are cut: a RUN of a few kilobytes would repeat in every mirror of the image. */
    public static final int MAX_CREATED_BY = 2048;
    /** At most this many steps are kept (the newest). */
    public static final int MAX_STEPS = 256;

    public ImageHistoryStep {
        createdBy = createdBy == null ? "" : createdBy.length() <= MAX_CREATED_BY ? createdBy
                : createdBy.substring(0, MAX_CREATED_BY - 1) + "…";
        comment = comment == null ? "" : comment;
    }
}
