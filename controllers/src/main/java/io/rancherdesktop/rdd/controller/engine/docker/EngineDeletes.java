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
        return image(ref, false);
    }

    /**
     * {@code docker rmi [-f] <ref>}. Without force an image a container uses is refused (409); with force Docker
     * removes an image that only stopped containers use, and still refuses (409) the image of a running container.
     * A refusal's message names the containers by their Docker names ({@link #nameContainers}).
     */
    public Outcome image(String ref, boolean force) {
        return named(attempt(() -> engine.docker().removeImageCmd(ref).withForce(force).exec()));
    }

    /** {@code docker volume rm -f <name>}: a volume in use is still refused (409), its message naming the containers. */
    public Outcome volume(String name) {
        try {
            return new Outcome.Gone(engine.removeVolume(name, true));
        } catch (EngineCallException e) {
            return named(new Outcome.Failed(e.httpStatus(), e.engineMessage()));
        } catch (RuntimeException e) {
            return new Outcome.Failed(0, EngineErrors.message(e));
        }
    }

    private Outcome named(Outcome o) {
        return o instanceof Outcome.Failed(int status, String message) && status == 409
                ? new Outcome.Failed(status, nameContainers(message)) : o;
    }

    /** A container ID as Docker writes it in its messages: 12 or 64 hex digits. */
    private static final java.util.regex.Pattern CONTAINER_ID = java.util.regex.Pattern.compile("\\b([0-9a-f]{64}|[0-9a-f]{12})\\b");

    /**
     * The engine's message with every container ID in it replaced by {@code NAME (state)}, e.g. Docker's
     * {@code image is being used by stopped container 0a1b2c3d4e5f} becomes {@code … stopped container toolbox (exited)}.
     * Tokens that are not containers (an image ID in the same message) stay as they are; one inspect per token.
     */
    public String nameContainers(String message) {
        if (message == null) {
            return "";
        }
        java.util.regex.Matcher m = CONTAINER_ID.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(containerName(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String containerName(String id) {
        try {
            var c = engine.docker().inspectContainerCmd(id).exec();
            String name = c.getName() == null ? id : c.getName().replaceFirst("^/", "");
            String state = c.getState() == null || c.getState().getStatus() == null ? "" : " (" + c.getState().getStatus() + ")";
            return name + state;
        } catch (RuntimeException notAContainer) {
            return id;
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
