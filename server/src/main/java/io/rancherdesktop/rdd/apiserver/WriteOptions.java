package io.rancherdesktop.rdd.apiserver;

/**
 * Per-request write options.
 *
 * @param dryRun          {@code dryRun=All}: run everything, store nothing
 * @param fieldValidation what to do with unknown fields
 * @param fieldManager    the manager recorded in {@code managedFields}
 * @param force           server-side apply: take over conflicting fields
 */
public record WriteOptions(boolean dryRun, FieldValidation fieldValidation, String fieldManager, boolean force) {

    /** kube's {@code fieldValidation} query parameter. */
    public enum FieldValidation { IGNORE, WARN, STRICT }

    /** The options of the server's own writes (garbage collector, namespace lifecycle). */
    public static WriteOptions system(String manager) {
        return new WriteOptions(false, FieldValidation.IGNORE, manager, false);
    }
}
