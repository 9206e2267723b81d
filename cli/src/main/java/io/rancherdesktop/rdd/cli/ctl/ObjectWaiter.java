package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.wire.ApiException;
import io.rancherdesktop.rdd.wire.ApiResource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Waits for one object to reach a state, by watching it (list with {@code fieldSelector=metadata.name=…} for the
 * current state and resource version, then a watch from there); when the watch closes (server timeout, an
 * expired resource version) it lists and watches again, so nothing is missed [S3].
 */
final class ObjectWaiter {
    private final CtlSession session;

    ObjectWaiter(CtlSession session) {
        this.session = session;
    }

    /** Thrown when the object is deleted while waiting and that is not allowed. */
    static final class DeletedWhileWaiting extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /**
     * @param done          the condition on the object; it receives null when the object does not exist
     * @param failOnDelete  whether a deletion while waiting ends the wait with {@link DeletedWhileWaiting}
     * @return the object that satisfied the condition (empty if it is absent and that satisfied it), or
     *         null-free empty Optional plus {@code timedOut} — see {@link Result}
     */
    Result await(ApiResource type, String namespace, String name, Predicate<Map<String, Object>> done, Instant deadline,
                 boolean failOnDelete) throws ApiException, DeletedWhileWaiting {
        String base = type.path(type.namespaced() ? namespace : null, null) + "?fieldSelector="
                + URLEncoder.encode("metadata.name=" + name, StandardCharsets.UTF_8);
        boolean seen = false;
        while (true) {
            Map<String, Object> list = session.call(api -> api.get(base));
            Map<String, Object> obj = ApiObjects.list(list.get("items")).isEmpty() ? null
                    : ApiObjects.map(ApiObjects.list(list.get("items")).getFirst());
            if (obj != null) {
                obj = Item.of(type, obj).object();
                seen = true;
            } else if (seen && failOnDelete) {
                throw new DeletedWhileWaiting();
            }
            if (done.test(obj)) {
                return new Result(Optional.ofNullable(obj), false);
            }
            if (!Instant.now().isBefore(deadline)) {
                return new Result(Optional.ofNullable(obj), true);
            }
            String rv = ApiObjects.string(ApiObjects.map(list.get("metadata")).get("resourceVersion"));
            try (WatchStream w = session.call(api -> WatchStream.open(api, base, rv, null, deadline))) {
                for (Optional<Map<String, Object>> ev = w.next(); ev.isPresent(); ev = w.next()) {
                    String t = ApiObjects.string(ev.get().get("type"));
                    Map<String, Object> o = ApiObjects.map(ev.get().get("object"));
                    switch (t) {
                        case "ADDED", "MODIFIED" -> {
                            seen = true;
                            obj = Item.of(type, o).object();
                        }
                        case "DELETED" -> {
                            if (failOnDelete) {
                                throw new DeletedWhileWaiting();
                            }
                            obj = null;
                        }
                        default -> {
                            continue; // BOOKMARK; ERROR ends this watch below
                        }
                    }
                    if (done.test(obj)) {
                        return new Result(Optional.ofNullable(obj), false);
                    }
                }
            } catch (ApiException e) {
                if (e.code() != 410) {
                    throw e;
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                return new Result(Optional.ofNullable(obj), true);
            }
        }
    }

    /** The last state seen and whether the deadline passed first. */
    record Result(Optional<Map<String, Object>> object, boolean timedOut) {
    }
}
