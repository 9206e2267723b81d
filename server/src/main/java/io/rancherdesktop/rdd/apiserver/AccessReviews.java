package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code authorization.k8s.io/v1} self-subject reviews, answered for a server without RBAC: whoever reaches the API
 * (the owner-only Unix socket, or TCP with the instance's token) may do everything, and the answers say so.
 * {@code kubectl auth can-i} and cluster browsers (k9s, Lens, Headlamp) ask these before they show or offer
 * anything; without them they fail or show nothing. Reviews are not stored: a POST is answered with the review and
 * its status (201, as kube).
 */
final class AccessReviews {
    static final String GROUP = "authorization.k8s.io";
    static final String VERSION = "v1";
    static final String ACCESS = "selfsubjectaccessreviews";
    static final String RULES = "selfsubjectrulesreviews";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String REASON = "rdd has no RBAC: whoever can reach this API (the owner-only Unix socket, or TCP with the"
            + " instance's token) may do everything";

    private AccessReviews() {
    }

    static boolean served(String group, String version) {
        return GROUP.equals(group) && VERSION.equals(version);
    }

    /** The discovery document of {@code authorization.k8s.io/v1}. */
    static ObjectNode resourceList() {
        ObjectNode n = F.objectNode();
        n.put("kind", "APIResourceList");
        n.put("apiVersion", "v1");
        n.put("groupVersion", GROUP + "/" + VERSION);
        ArrayNode resources = n.putArray("resources");
        for (String[] r : List.of(new String[] {ACCESS, "SelfSubjectAccessReview"}, new String[] {RULES, "SelfSubjectRulesReview"})) {
            ObjectNode e = resources.addObject();
            e.put("name", r[0]);
            e.put("singularName", "");
            e.put("namespaced", false);
            e.put("kind", r[1]);
            e.putArray("verbs").add("create");
        }
        return n;
    }

    static boolean isReview(String plural) {
        return plural.equals(ACCESS) || plural.equals(RULES);
    }

    /** The answer to a review POSTed to {@code plural}, one of {@link #isReview}. */
    static ObjectNode answer(String plural, JsonNode body) {
        String kind = plural.equals(ACCESS) ? "SelfSubjectAccessReview" : "SelfSubjectRulesReview";
        if (!(body instanceof ObjectNode review)) {
            throw StatusException.badRequest("the body of a " + kind + " must be a JSON object");
        }
        String apiVersion = review.path("apiVersion").asText("");
        String bodyKind = review.path("kind").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(GROUP + "/" + VERSION) || !bodyKind.isEmpty() && !bodyKind.equals(kind)) {
            throw StatusException.badRequest("the body is a " + bodyKind + " of " + apiVersion + ", not a " + kind + " of " + GROUP + "/" + VERSION);
        }
        ObjectNode spec = review.path("spec") instanceof ObjectNode s ? s.deepCopy() : F.objectNode();
        ObjectNode status = F.objectNode();
        if (kind.equals("SelfSubjectAccessReview")) {
            boolean resource = spec.path("resourceAttributes").isObject();
            boolean nonResource = spec.path("nonResourceAttributes").isObject();
            if (resource == nonResource) {
                throw StatusException.invalid(GROUP, kind, "", List.of(new StatusException.Cause("FieldValueInvalid",
                        "Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified",
                        "spec.resourceAttributes")));
            }
            status.put("allowed", true);
            status.put("reason", REASON);
        } else {
            if (spec.path("namespace").asText("").isEmpty()) {
                spec.put("namespace", "default");
            }
            ObjectNode rule = status.putArray("resourceRules").addObject();
            rule.putArray("verbs").add("*");
            rule.putArray("apiGroups").add("*");
            rule.putArray("resources").add("*");
            ObjectNode nonResourceRule = status.putArray("nonResourceRules").addObject();
            nonResourceRule.putArray("verbs").add("*");
            nonResourceRule.putArray("nonResourceURLs").add("*");
            status.put("incomplete", false);
        }
        ObjectNode out = F.objectNode();
        out.put("kind", kind);
        out.put("apiVersion", GROUP + "/" + VERSION);
        out.putObject("metadata").putNull("creationTimestamp");
        out.set("spec", spec);
        out.set("status", status);
        return out;
    }
}
