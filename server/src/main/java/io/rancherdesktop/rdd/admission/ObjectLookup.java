package io.rancherdesktop.rdd.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Read access to stored objects for admission rules that depend on other objects (kube's admission plugins read
 * them from informers). The objects are the stored ones: plugins must not change them.
 */
@FunctionalInterface
public interface ObjectLookup {

    /** No store: every list is empty. */
    ObjectLookup NONE = (group, plural, namespace) -> List.of();

    /** The stored objects of {@code plural.group} in {@code namespace} (all namespaces when {@code null}). */
    List<ObjectNode> list(String group, String plural, String namespace);
}
