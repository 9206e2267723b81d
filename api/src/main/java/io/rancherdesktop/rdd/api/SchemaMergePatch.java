package io.rancherdesktop.rdd.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.Map;

/**
 * A build-time schema customizer for the CRD generator: applies the annotation's input as an RFC 7386 JSON merge
 * patch to the generated object schema, recursing into nested objects. (fabric8's own merge-patch customizer
 * replaces nested property schemas wholesale, which would drop their types.) Never loaded at run time.
 */
public final class SchemaMergePatch implements SchemaCustomizer.Customizer {

    @Override
    public JSONSchemaProps apply(JSONSchemaProps props, String input, KubernetesSerialization serialization) {
        JsonNode target = serialization.convertValue(props, JsonNode.class);
        JsonNode patch = serialization.unmarshal(input, JsonNode.class);
        return serialization.convertValue(merge(target, patch), JSONSchemaProps.class);
    }

    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : ((ObjectNode) patch).objectNode();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
