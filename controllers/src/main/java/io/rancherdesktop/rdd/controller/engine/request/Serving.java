package io.rancherdesktop.rdd.controller.engine.request;

import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestProgress;
import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import java.util.Objects;

/**
 * What one serving of a request gets: the connected engine, the request's uid (for {@link RequestLabels}), whether
 * an earlier attempt had already started it ({@code resumed}: a crash, an engine reconnect, a failed final status
 * write), and where to report progress (written into {@code status.progress}, throttled).
 */
public record Serving(DockerEngineClient engine, String namespace, String uid, boolean resumed,
                      ProgressSink progress) {
    public Serving {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(progress, "progress");
    }

    /** Receives progress reports; writes at most about 3 a second unless {@code force} (the last report). */
    @FunctionalInterface
    public interface ProgressSink {
        void report(RequestProgress progress, boolean force);
    }
}
