package io.rancherdesktop.rdd.apiserver;

import io.rancherdesktop.rdd.admission.UserInfo;

/**
 * Per-request write options.
 *
 * @param dryRun          {@code dryRun=All}: run everything, store nothing
 * @param fieldValidation what to do with unknown fields
 * @param fieldManager    the manager recorded in {@code managedFields}
 * @param force           server-side apply: take over conflicting fields
 * @param user            who writes (admission sees it)
 */
public record WriteOptions(boolean dryRun, FieldValidation fieldValidation, String fieldManager, boolean force, UserInfo user) {

    public WriteOptions {
        java.util.Objects.requireNonNull(user, "user");
    }

    /** kube's {@code fieldValidation} query parameter. */
    public enum FieldValidation { IGNORE, WARN, STRICT }

    /** The options of the server's own writes (garbage collector, namespace lifecycle). */
    public static WriteOptions system(String manager) {
        return new WriteOptions(false, FieldValidation.IGNORE, manager, false, UserInfo.apiServer());
    }
}
