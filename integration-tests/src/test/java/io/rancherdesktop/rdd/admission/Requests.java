package io.rancherdesktop.rdd.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** Builds admission requests from JSON text, as the API server would hand them over. */
final class Requests {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Who asks, unless a test says otherwise: the owner over TCP. */
    static final UserInfo OWNER = UserInfo.owner("token");

    private Requests() {
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AdmissionRequest app(Operation op, ObjectNode object, ObjectNode oldObject) {
        ObjectNode named = object != null ? object : oldObject;
        String name = named.path("metadata").path("name").asText();
        return new AdmissionRequest(op, "app.rancherdesktop.io", "v1alpha1", "App", "apps", null, name, "",
                object, oldObject, false, OWNER);
    }

    static AdmissionRequest namespaced(Operation op, String group, String kind, String plural, String subresource,
                                       ObjectNode object, ObjectNode oldObject) {
        ObjectNode named = object != null ? object : oldObject;
        return new AdmissionRequest(op, group, "v1alpha1", kind, plural, "default",
                named.path("metadata").path("name").asText(), subresource, object, oldObject, false, OWNER);
    }
}
