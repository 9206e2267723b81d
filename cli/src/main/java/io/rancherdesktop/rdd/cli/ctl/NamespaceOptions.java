package io.rancherdesktop.rdd.cli.ctl;

import picocli.CommandLine.Option;

/** kubectl's {@code -n/--namespace} and {@code -A/--all-namespaces}. */
public final class NamespaceOptions {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE", description = "The namespace (default \"default\").")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Across all namespaces.")
    boolean allNamespaces;

    String namespace() {
        return namespace == null || namespace.isEmpty() ? CtlSession.DEFAULT_NAMESPACE : namespace;
    }
}
