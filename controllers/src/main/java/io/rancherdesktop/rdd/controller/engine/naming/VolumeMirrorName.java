package io.rancherdesktop.rdd.controller.engine.naming;

/**
 * Names of Volume mirrors (docs/design/mirroring-rules.md §4.1, docs/api.md §3.4, review C1): {@code vol-} + hex SHA-256 of
 * the UTF-8 bytes of the Docker volume name. The original name is kept in {@code status.name}.
 */
public final class VolumeMirrorName {
    private static final String PREFIX = "vol-";

    private VolumeMirrorName() {
    }

    /**
     * @throws IllegalArgumentException when {@code dockerName} is null or empty (Docker never names a volume so)
     */
    public static String of(String dockerName) {
        if (dockerName == null || dockerName.isEmpty()) {
            throw new IllegalArgumentException("a volume mirror name needs the Docker volume name, got "
                    + (dockerName == null ? "null" : "\"\""));
        }
        return DerivedMirrorName.hash(PREFIX, dockerName);
    }
}
