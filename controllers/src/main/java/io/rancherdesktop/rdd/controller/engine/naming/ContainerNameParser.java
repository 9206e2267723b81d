package io.rancherdesktop.rdd.controller.engine.naming;

/**
 * Parses Docker container names (docs/design/mirroring-rules.md §4.2, review gap 9): strip one leading {@code /}, then
 * split at the first {@code /}. Without a {@code /} the namespace is {@code moby}; with one, the prefix is the
 * namespace and the rest (which may contain more slashes) is the name. A container's mirror object is named by
 * its ID, never by this name.
 */
public final class ContainerNameParser {
    private ContainerNameParser() {
    }

    /** A null name parses like the empty name. */
    public static ContainerName parse(String dockerName) {
        String s = dockerName == null ? "" : dockerName;
        if (s.startsWith("/")) {
            s = s.substring(1);
        }
        int slash = s.indexOf('/');
        if (slash < 0) {
            return new ContainerName(ContainerName.DEFAULT_NAMESPACE, s);
        }
        return new ContainerName(s.substring(0, slash), s.substring(slash + 1));
    }
}
