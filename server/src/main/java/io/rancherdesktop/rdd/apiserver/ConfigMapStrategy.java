package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.apiserver.StatusException.Cause;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Core {@code ConfigMap}s: key names, the 1 MiB size limit, and {@code immutable}. */
final class ConfigMapStrategy implements ResourceStrategy {
    static final ConfigMapStrategy INSTANCE = new ConfigMapStrategy();
    private static final Pattern CONFIG_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");

    private ConfigMapStrategy() {
    }

    @Override
    public void validateUpdate(RequestScope scope, ObjectNode old, ObjectNode obj) {
        if (old.path("immutable").asBoolean(false)) {
            List<Cause> causes = new ArrayList<>();
            if (!old.path("data").equals(obj.path("data")) || !old.path("binaryData").equals(obj.path("binaryData"))) {
                causes.add(new Cause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", "data"));
            }
            if (!obj.path("immutable").asBoolean(false)) {
                causes.add(new Cause("FieldValueForbidden", "Forbidden: field is immutable when `immutable` is set", "immutable"));
            }
            if (!causes.isEmpty()) {
                throw StatusException.invalid("", "ConfigMap", scope.name(), causes);
            }
        }
    }

    @Override
    public void validate(RequestScope scope, ObjectNode obj, List<Cause> causes) {
        Set<String> keys = new HashSet<>();
        long size = 0;
        for (String field : List.of("data", "binaryData")) {
            for (var e : obj.path(field).properties()) {
                String k = e.getKey();
                if (k.length() > 253 || !CONFIG_KEY.matcher(k).matches()) {
                    causes.add(new Cause("FieldValueInvalid", "Invalid value: \"" + k
                            + "\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
                            + "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')", field + "[" + k + "]"));
                }
                if (!keys.add(k)) {
                    causes.add(new Cause("FieldValueInvalid", "Invalid value: \"" + k + "\": duplicate of key present in data", field + "[" + k + "]"));
                }
                size += k.length() + e.getValue().asText().length();
            }
        }
        if (size > 1024 * 1024) {
            causes.add(new Cause("FieldValueTooLong", "Too long: must have at most 1048576 bytes", ""));
        }
    }
}
