package io.rancherdesktop.rdd.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainersGroup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Validating admission for Container updates (docs/api.md §3.2): {@code spec.state} is the only mutable spec
 * field. The old spec is copied, its {@code state} replaced by the new one, and the result compared with the new
 * spec; any other difference is rejected with 422 naming the changed field. Because the comparison is over the
 * whole spec, a field added to the spec later is immutable without touching this plugin.
 *
 * <p>Only UPDATE of the main resource is intercepted. CREATE and DELETE must pass untouched: the engine
 * controller creates and deletes mirrors through the API, and intercepting them would break mirroring. Status
 * writes go through {@code /status} and are never seen here.
 */
public final class ContainerSpecValidator implements AdmissionPlugin {

    public static final String NAME = "container-validator.containers.rancherdesktop.io";
    static final String STATE = "state";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AdmissionRule> rules() {
        return List.of(AdmissionRule.of(ContainersGroup.GROUP, "containers", Operation.UPDATE));
    }

    @Override
    public boolean handles(AdmissionRequest request) {
        return request.isKind(ContainersGroup.GROUP, "Container")
                && request.operation() == Operation.UPDATE
                && request.subresource().isEmpty();
    }

    @Override
    public AdmissionResult validate(AdmissionRequest request) {
        ObjectNode newSpec = specOf(request.object());
        ObjectNode expected = specOf(request.oldObject()).deepCopy();
        JsonNode newState = newSpec.get(STATE);
        if (newState == null) {
            expected.remove(STATE);
        } else {
            expected.set(STATE, newState);
        }
        if (expected.equals(newSpec)) {
            return AdmissionResult.allowed();
        }
        String field = firstDifference(expected, newSpec).map(f -> "spec." + f).orElse("spec");
        String message = field + " cannot be changed: spec.state is the only mutable field of a Container";
        return new AdmissionResult.Denied(422, "Invalid", message,
                List.of(new AdmissionResult.Cause("FieldValueForbidden", message, field)));
    }

    private static ObjectNode specOf(JsonNode object) {
        return JsonFields.object(object, "spec").orElseGet(JsonNodeFactory.instance::objectNode);
    }

    /** The first (alphabetically) top-level spec field whose value differs. */
    private static Optional<String> firstDifference(ObjectNode expected, ObjectNode actual) {
        TreeSet<String> names = new TreeSet<>();
        expected.fieldNames().forEachRemaining(names::add);
        actual.fieldNames().forEachRemaining(names::add);
        return names.stream().filter(n -> !Objects.equals(expected.get(n), actual.get(n))).findFirst();
    }
}
