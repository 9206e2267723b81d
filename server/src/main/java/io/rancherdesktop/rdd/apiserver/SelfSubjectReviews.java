package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.admission.UserInfo;

/**
 * {@code authentication.k8s.io/v1 selfsubjectreviews}: {@code kubectl auth whoami} (and any client) learns which
 * identity the server authenticated it as (docs/api-server.md, "Identities"). Create only, not stored: a POST is
 * answered with the review and {@code status.userInfo} (201, as kube).
 */
final class SelfSubjectReviews {
    static final String GROUP = "authentication.k8s.io";
    static final String VERSION = "v1";
    static final String PLURAL = "selfsubjectreviews";
    static final String KIND = "SelfSubjectReview";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SelfSubjectReviews() {
    }

    static boolean served(String group, String version) {
        return GROUP.equals(group) && VERSION.equals(version);
    }

    /** The discovery document of {@code authentication.k8s.io/v1}. */
    static ObjectNode resourceList() {
        ObjectNode n = F.objectNode();
        n.put("kind", "APIResourceList");
        n.put("apiVersion", "v1");
        n.put("groupVersion", GROUP + "/" + VERSION);
        ObjectNode e = n.putArray("resources").addObject();
        e.put("name", PLURAL);
        e.put("singularName", "");
        e.put("namespaced", false);
        e.put("kind", KIND);
        e.putArray("verbs").add("create");
        return n;
    }

    /** The answer to a review POSTed by {@code user}. */
    static ObjectNode answer(JsonNode body, UserInfo user) {
        if (!(body instanceof ObjectNode review)) {
            throw StatusException.badRequest("the body of a " + KIND + " must be a JSON object");
        }
        String apiVersion = review.path("apiVersion").asText("");
        String bodyKind = review.path("kind").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(GROUP + "/" + VERSION) || !bodyKind.isEmpty() && !bodyKind.equals(KIND)) {
            throw StatusException.badRequest("the body is a " + bodyKind + " of " + apiVersion + ", not a " + KIND + " of " + GROUP + "/" + VERSION);
        }
        ObjectNode out = F.objectNode();
        out.put("kind", KIND);
        out.put("apiVersion", GROUP + "/" + VERSION);
        out.putObject("metadata").putNull("creationTimestamp");
        out.putObject("status").set("userInfo", userInfo(user));
        return out;
    }

    static ObjectNode userInfo(UserInfo user) {
        ObjectNode u = F.objectNode();
        u.put("username", user.username());
        if (!user.uid().isEmpty()) {
            u.put("uid", user.uid());
        }
        ArrayNode groups = u.putArray("groups");
        user.groups().forEach(groups::add);
        if (!user.extra().isEmpty()) {
            ObjectNode extra = u.putObject("extra");
            user.extra().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
                ArrayNode values = extra.putArray(e.getKey());
                e.getValue().forEach(values::add);
            });
        }
        return u;
    }
}
