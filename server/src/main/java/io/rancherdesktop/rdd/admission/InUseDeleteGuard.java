package io.rancherdesktop.rdd.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainersGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validating admission for deletes of Image and Volume mirrors (docs/api.md §4, "Deleting an image or a volume"):
 * Docker's in-use rule, decided from {@code status.usedBy} at the moment of the delete, so a refused delete changes
 * nothing (the mirror never starts terminating).
 *
 * <ul>
 *   <li>A Volume with users: 409 Conflict {@code volume NAME is used by container A (exited), container B (running)},
 *       one cause per user. There is no force (Docker's {@code volume rm -f} never removes a volume in use).</li>
 *   <li>An Image mirror is one reference. A tag of an image that has other (not terminating) tags is only untagged:
 *       allowed even while the image is used. The last tag, a dangling image, or an image without tag, with users:
 *       409 {@code image REF is used by container A (exited)}; with {@code gracePeriodSeconds=0} (force, as
 *       {@code docker rmi -f}) allowed when no user is running, paused or restarting, else 409.</li>
 * </ul>
 * Deletes by the engine controller and the API server itself are not checked (see {@link #validate}).
 * The users' states come from their Container mirrors in the same namespace ({@code status.name}, {@code status.status}).
 * {@code usedBy} lags the engine by its events: a container created just before the delete may be missed; the engine
 * then refuses and the engine controller puts the mirror back (docs/engine-mirroring.md, "Finalizer lifecycle").
 */
public final class InUseDeleteGuard implements AdmissionPlugin {

    public static final String NAME = "inuse-delete-validator.containers.rancherdesktop.io";

    /** Container states {@code docker rmi -f} refuses to remove the image of. */
    private static final Set<String> ACTIVE = Set.of("running", "paused", "restarting", "pausing");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AdmissionRule> rules() {
        return List.of(new AdmissionRule(List.of(Operation.DELETE), List.of(ContainersGroup.GROUP), List.of("*"), List.of("images", "volumes")));
    }

    @Override
    public boolean handles(AdmissionRequest request) {
        return request.operation() == Operation.DELETE && request.group().equals(ContainersGroup.GROUP)
                && (request.kind().equals("Image") || request.kind().equals("Volume")) && request.subresource().isEmpty();
    }

    @Override
    public AdmissionResult validate(AdmissionRequest request) {
        if (request.userInfo().is(UserInfo.ENGINE_CONTROLLER) || request.userInfo().is(UserInfo.API_SERVER)) {
            // The engine controller deletes a mirror whose engine object is already gone (or at the machine's stop,
            // Docker untouched); the API server's own deletes (namespace deletion, garbage collection) are not a
            // user's request to remove an engine object either.
            return AdmissionResult.allowed();
        }
        ObjectNode old = request.oldObject();
        if (old == null || old.path("metadata").hasNonNull("deletionTimestamp")) {
            return AdmissionResult.allowed(); // already terminating: the delete changes nothing
        }
        List<String> users = new ArrayList<>();
        JsonFields.at(old, "status", "usedBy").forEach(u -> users.add(u.asText()));
        if (users.isEmpty()) {
            return AdmissionResult.allowed();
        }
        Map<String, String> states = states(request);
        if (request.kind().equals("Volume")) {
            String name = JsonFields.text(old, "status", "name").orElse(request.name());
            return refuse("volume " + name, users, states);
        }
        String id = JsonFields.text(old, "status", "id").orElse("");
        String tag = JsonFields.text(old, "status", "repoTag").orElse("");
        if (!tag.isEmpty() && !id.isEmpty() && hasOtherTag(request, id, tag)) {
            return AdmissionResult.allowed(); // docker rmi of one of several tags only untags
        }
        String ref = !tag.isEmpty() ? tag : !id.isEmpty() ? id : request.name();
        if (forced(request)) {
            List<String> active = users.stream().filter(u -> ACTIVE.contains(states.getOrDefault(u, ""))).toList();
            if (active.isEmpty()) {
                return AdmissionResult.allowed(); // docker rmi -f: removes an image that only stopped containers use
            }
            return refuse("image " + ref, active, states, " (a forced delete never removes the image of a running container)");
        }
        return refuse("image " + ref, users, states);
    }

    /** {@code gracePeriodSeconds=0}: what {@code kubectl delete --force --grace-period=0} sends. */
    private static boolean forced(AdmissionRequest request) {
        JsonNode g = request.options().path("gracePeriodSeconds");
        return g.canConvertToLong() && g.asLong() == 0;
    }

    private static boolean hasOtherTag(AdmissionRequest request, String id, String tag) {
        for (ObjectNode o : request.lookup().list(ContainersGroup.GROUP, "images", request.namespace())) {
            if (id.equals(JsonFields.text(o, "status", "id").orElse(""))
                    && !tag.equals(JsonFields.text(o, "status", "repoTag").orElse(tag))
                    && !o.path("metadata").hasNonNull("deletionTimestamp")) {
                return true;
            }
        }
        return false;
    }

    /** Docker name → state ({@code status.status}) of the Container mirrors in the request's namespace. */
    private static Map<String, String> states(AdmissionRequest request) {
        Map<String, String> out = new HashMap<>();
        for (ObjectNode c : request.lookup().list(ContainersGroup.GROUP, "containers", request.namespace())) {
            JsonFields.text(c, "status", "name").ifPresent(n -> out.put(n, JsonFields.text(c, "status", "status").orElse("")));
        }
        return out;
    }

    private static AdmissionResult refuse(String what, List<String> users, Map<String, String> states) {
        return refuse(what, users, states, "");
    }

    private static AdmissionResult refuse(String what, List<String> users, Map<String, String> states, String suffix) {
        List<String> named = users.stream().map(u -> describe(u, states)).toList();
        List<AdmissionResult.Cause> causes = named.stream()
                .map(n -> new AdmissionResult.Cause("InUse", what + " is used by " + n, "status.usedBy")).toList();
        return new AdmissionResult.Denied(409, "Conflict", what + " is used by " + String.join(", ", named) + suffix, causes);
    }

    /** {@code container toolbox (exited)}; without a known state just {@code container toolbox}. */
    static String describe(String user, Map<String, String> states) {
        String state = states.getOrDefault(user, "");
        return "container " + user + (state.isEmpty() || state.equals("unknown") ? "" : " (" + state + ")");
    }
}
