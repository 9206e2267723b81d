package io.rancherdesktop.rdd.controller.engine.reconcile;

import io.rancherdesktop.rdd.controller.engine.EngineSession;
import io.rancherdesktop.rdd.controller.engine.docker.EngineDeletes;
import io.rancherdesktop.rdd.controller.engine.kube.FabricMirrorWriter;
import io.rancherdesktop.rdd.controller.engine.state.ContainerStateExecutor;
import java.util.Objects;

/**
 * The connected engine as the per-object reconcilers see it: the session published by the supervisor after the
 * full sync (docs/design/mirroring-rules.md §3.3), the resource namespace R it mirrors into, and the engine calls
 * built on the session's Docker client (closed with the session).
 */
public record ActiveSession(EngineSession session, String namespace, FabricMirrorWriter writer,
                            ContainerStateExecutor states, EngineDeletes deletes) {
    public ActiveSession {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(deletes, "deletes");
    }

    public boolean isAlive() {
        return session.isAlive();
    }

    /** Whether this session mirrors into {@code objectNamespace}. */
    public boolean serves(String objectNamespace) {
        return namespace.equals(objectNamespace);
    }
}
