package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.apiserver.StatusException.Cause;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Core {@code Secret}s, as kube-apiserver's Secret strategy:
 * <ul>
 *   <li>{@code stringData} is write-only: its values are base64-encoded into {@code data} (overriding keys there) and
 *       the field is dropped, so it is never stored nor returned, as kube's v1 → internal conversion does;</li>
 *   <li>{@code data} values must be base64 (the schema's {@code format: byte}), keys valid config keys, the whole at
 *       most 1 MiB decoded;</li>
 *   <li>the well-known types carry their required keys ({@code kubernetes.io/dockerconfigjson} needs a JSON
 *       {@code .dockerconfigjson}, {@code kubernetes.io/tls} needs {@code tls.crt} and {@code tls.key}, …); any other
 *       type is an opaque string;</li>
 *   <li>an empty {@code type} is {@code Opaque}; {@code type} cannot change, and an {@code immutable} Secret keeps its data and stays immutable.</li>
 * </ul>
 * Failures are kube's 422 Invalid: they are the kind's rules, not an admission plugin's.
 */
final class SecretStrategy implements ResourceStrategy {
    static final SecretStrategy INSTANCE = new SecretStrategy();
    private static final Pattern CONFIG_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");
    private static final long MAX_SIZE = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMMUTABLE = "Forbidden: field is immutable when `immutable` is set";
    /** Type → the data keys it requires (all of them; basic-auth is checked separately: one of two). */
    private static final Map<String, List<String>> REQUIRED_KEYS = Map.of(
            "kubernetes.io/dockerconfigjson", List.of(".dockerconfigjson"),
            "kubernetes.io/dockercfg", List.of(".dockercfg"),
            "kubernetes.io/tls", List.of("tls.crt", "tls.key"),
            "kubernetes.io/ssh-auth", List.of("ssh-privatekey"));

    private SecretStrategy() {
    }

    @Override
    public void prepareForCreate(ObjectNode obj) {
        prepare(obj);
    }

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
        prepare(obj);
    }

    /** kube's defaulting and v1 → internal conversion: an empty type is Opaque, stringData goes into data. */
    private static void prepare(ObjectNode obj) {
        if (obj.path("type").asText("").isEmpty()) {
            obj.put("type", "Opaque"); // kube's SetDefaults_Secret; typed clients (kubectl create secret generic) send ""
        }
        JsonNode stringData = obj.get("stringData");
        if (stringData != null && stringData.isNull()) {
            obj.remove("stringData");
        } else if (stringData instanceof ObjectNode sd && sd.valueStream().allMatch(JsonNode::isTextual)) {
            // Not a string map: left in place for the schema to reject with a field error.
            ObjectNode data = obj.get("data") instanceof ObjectNode d ? d : obj.putObject("data");
            sd.properties().forEach(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
            obj.remove("stringData");
        }
    }

    @Override
    public void validate(RequestScope scope, ObjectNode obj, List<Cause> causes) {
        long size = 0;
        for (var e : obj.path("data").properties()) {
            String k = e.getKey();
            if (k.length() > 253 || !CONFIG_KEY.matcher(k).matches()) {
                causes.add(new Cause("FieldValueInvalid", "Invalid value: \"" + k
                        + "\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
                        + "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')", "data[" + k + "]"));
            }
            size += k.length() + decoded(e.getValue()).length;
        }
        if (size > MAX_SIZE) {
            causes.add(new Cause("FieldValueTooLong", "Too long: must have at most 1048576 bytes", "data"));
        }
        String type = obj.path("type").asText("Opaque");
        for (String key : REQUIRED_KEYS.getOrDefault(type, List.of())) {
            if (!obj.path("data").has(key)) {
                causes.add(new Cause("FieldValueRequired", "Required value", "data[" + key + "]"));
            }
        }
        if (type.equals("kubernetes.io/basic-auth") && !obj.path("data").has("username") && !obj.path("data").has("password")) {
            causes.add(new Cause("FieldValueRequired", "Required value", "data[username]"));
        }
        for (String key : List.of(".dockerconfigjson", ".dockercfg")) {
            if (type.equals("kubernetes.io/" + key.substring(1)) && obj.path("data").has(key)) {
                try {
                    JSON.readTree(decoded(obj.path("data").path(key)));
                } catch (IOException ex) {
                    causes.add(new Cause("FieldValueInvalid", "Invalid value: \"<secret contents redacted>\": not valid JSON: "
                            + (ex instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : ex.getMessage()), "data[" + key + "]"));
                }
            }
        }
    }

    @Override
    public void validateUpdate(RequestScope scope, ObjectNode old, ObjectNode obj) {
        List<Cause> causes = new ArrayList<>();
        if (!old.path("type").equals(obj.path("type"))) {
            causes.add(new Cause("FieldValueInvalid", "Invalid value: " + obj.path("type") + ": field is immutable", "type"));
        }
        if (old.path("immutable").asBoolean(false)) {
            if (!old.path("data").equals(obj.path("data"))) {
                causes.add(new Cause("FieldValueForbidden", IMMUTABLE, "data"));
            }
            if (!obj.path("immutable").asBoolean(false)) {
                causes.add(new Cause("FieldValueForbidden", IMMUTABLE, "immutable"));
            }
        }
        if (!causes.isEmpty()) {
            throw StatusException.invalid("", "Secret", scope.name(), causes);
        }
    }

    /** The bytes of a {@code data} value (the schema has already checked it is base64). */
    private static byte[] decoded(JsonNode v) {
        try {
            return Base64.getDecoder().decode(v.asText(""));
        } catch (IllegalArgumentException e) {
            return v.asText("").getBytes(StandardCharsets.UTF_8);
        }
    }
}
