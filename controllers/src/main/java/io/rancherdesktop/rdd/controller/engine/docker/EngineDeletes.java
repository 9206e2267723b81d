package io.rancherdesktop.rdd.controller.engine.docker;

import com.github.dockerjava.api.exception.DockerException;
import java.util.Objects;

/**
 * The engine-side deletes behind the mirror finalizer (docs/design/mirroring-rules.md §7.1): container remove with
 * force, image remove without force, volume remove with force. Only success and NotFound count as gone (§7.2, I3).
 */
public final class EngineDeletes {

    /** The result of one engine delete. */
    public sealed interface Outcome {
        /** Removed now, or already absent ({@code existed} false). */
        record Gone(boolean existed) implements Outcome {
        }

        /** The engine refused or failed; {@code engineMessage} is its own text, {@code httpStatus} 0 without an answer. */
        record Failed(int httpStatus, String engineMessage) implements Outcome {
        }
    }

    private final DockerEngineClient engine;

    public EngineDeletes(DockerEngineClient engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** {@code docker rm -f <id>}. */
    public Outcome container(String id) {
        return attempt(() -> engine.docker().removeContainerCmd(id).withForce(true).exec());
    }

    /** {@code docker rmi <ref>} without force: an image used by a container is refused (409) and stays. */
    public Outcome image(String ref) {
        return attempt(() -> engine.docker().removeImageCmd(ref).withForce(false).exec());
    }

    /** {@code docker volume rm -f <name>}: a volume in use is still refused (409). */
    public Outcome volume(String name) {
        try {
            return new Outcome.Gone(engine.removeVolume(name, true));
        } catch (EngineCallException e) {
            return new Outcome.Failed(e.httpStatus(), e.engineMessage());
        } catch (RuntimeException e) {
            return new Outcome.Failed(0, EngineErrors.message(e));
        }
    }

    private static Outcome attempt(Runnable call) {
        try {
            call.run();
            return new Outcome.Gone(true);
        } catch (RuntimeException e) {
            if (EngineErrors.isNotFound(e)) {
                return new Outcome.Gone(false);
            }
            int status = e instanceof DockerException de ? de.getHttpStatus() : 0;
            return new Outcome.Failed(status, EngineErrors.message(e));
        }
    }
}
