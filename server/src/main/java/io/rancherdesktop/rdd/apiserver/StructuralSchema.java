package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.apiserver.StatusException.Cause;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The parts of a CRD's structural {@code openAPIV3Schema} that the API server enforces: pruning of unknown
 * fields (reported for {@code fieldValidation}), defaults, and validation of types, enums, required fields,
 * formats, bounds, patterns and list uniqueness. {@code x-kubernetes-validations} (CEL) is not evaluated;
 * the admission plugins implement those rules. Errors are reported as kube field causes.
 *
 * <p>The root level of an object is special as in kube: {@code apiVersion}, {@code kind} and
 * {@code metadata} are always allowed and {@code metadata} is not checked against the schema (the metadata
 * validator handles it).
 */
public final class StructuralSchema {
    private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    // ------------------------------------------------------------------------------------------------ prune

    /**
     * Removes the fields the schema does not declare, and {@code null}s of fields that are not nullable and
     * have no default, adding the paths of removed fields to {@code unknown} (e.g. {@code spec.foo}).
     */
    public void prune(ObjectNode obj, JsonNode schema, List<String> unknown) {
        if (schema == null) {
            return;
        }
        pruneObject(obj, schema, "", unknown, true);
    }

    private void pruneValue(JsonNode value, JsonNode schema, String path, List<String> unknown) {
        if (value instanceof ObjectNode o) {
            pruneObject(o, schema, path, unknown, schema.path("x-kubernetes-embedded-resource").asBoolean(false));
        } else if (value instanceof ArrayNode a && schema.has("items")) {
            for (int i = 0; i < a.size(); i++) {
                pruneValue(a.get(i), schema.get("items"), path + "[" + i + "]", unknown);
            }
        }
    }

    private void pruneObject(ObjectNode o, JsonNode schema, String path, List<String> unknown, boolean resourceRoot) {
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        JsonNode props = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String childPath = path.isEmpty() ? name : path + "." + name;
            if (resourceRoot && ROOT_FIELDS.contains(name)) {
                continue;
            }
            JsonNode childSchema = props != null ? props.get(name) : null;
            if (childSchema == null && additional != null && additional.isObject()) {
                childSchema = additional;
                childPath = path + "[" + name + "]";
            }
            if (childSchema == null) {
                if (!preserve && !(additional != null && additional.asBoolean(false))) {
                    unknown.add(childPath);
                    it.remove();
                }
                continue;
            }
            if (e.getValue().isNull() && !childSchema.path("nullable").asBoolean(false) && !childSchema.has("default")) {
                it.remove(); // kube drops nulls of non-nullable fields before validation
                continue;
            }
            pruneValue(e.getValue(), childSchema, childPath, unknown);
        }
    }

    // ----------------------------------------------------------------------------------------------- defaults

    /** Sets the schema defaults of absent fields (and of {@code null}s of non-nullable ones) in every present object. */
    public void applyDefaults(ObjectNode obj, JsonNode schema) {
        if (schema != null) {
            defaultValue(obj, schema);
        }
    }

    private void defaultValue(JsonNode value, JsonNode schema) {
        if (value instanceof ObjectNode o) {
            JsonNode props = schema.get("properties");
            if (props != null) {
                for (Map.Entry<String, JsonNode> p : props.properties()) {
                    JsonNode child = o.get(p.getKey());
                    JsonNode def = p.getValue().get("default");
                    if (def != null && (child == null || (child.isNull() && !p.getValue().path("nullable").asBoolean(false)))) {
                        o.set(p.getKey(), def.deepCopy());
                    }
                }
                for (Map.Entry<String, JsonNode> p : props.properties()) {
                    JsonNode child = o.get(p.getKey());
                    if (child != null && (child.isContainerNode())) {
                        defaultValue(child, p.getValue());
                    }
                }
            }
            JsonNode additional = schema.get("additionalProperties");
            if (additional != null && additional.isObject()) {
                for (Map.Entry<String, JsonNode> e : o.properties()) {
                    if (props == null || !props.has(e.getKey())) {
                        defaultValue(e.getValue(), additional);
                    }
                }
            }
        } else if (value instanceof ArrayNode a && schema.has("items")) {
            for (JsonNode item : a) {
                defaultValue(item, schema.get("items"));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- validation

    /** Validates {@code obj} against {@code schema}, adding one cause per violation. */
    public void validate(ObjectNode obj, JsonNode schema, List<Cause> causes) {
        if (schema == null) {
            return;
        }
        validateObjectRoot(obj, schema, causes);
    }

    private void validateObjectRoot(ObjectNode obj, JsonNode schema, List<Cause> causes) {
        // The root: like any object, except that apiVersion/kind/metadata are the server's business.
        ObjectNode copy = obj.deepCopy();
        ROOT_FIELDS.forEach(copy::remove);
        JsonNode rootSchema = schema;
        if (schema.has("required") || schema.has("properties")) {
            ObjectNode s = schema.deepCopy();
            if (s.get("properties") instanceof ObjectNode props) {
                ROOT_FIELDS.forEach(props::remove);
            }
            if (s.get("required") instanceof ArrayNode req) {
                ArrayNode filtered = s.putArray("required");
                req.forEach(r -> {
                    if (!ROOT_FIELDS.contains(r.asText())) {
                        filtered.add(r);
                    }
                });
            }
            rootSchema = s;
        }
        validateValue(copy, rootSchema, "", causes);
    }

    private void validateValue(JsonNode v, JsonNode s, String path, List<Cause> causes) {
        if (v.isNull()) {
            if (!s.path("nullable").asBoolean(false)) {
                causes.add(new Cause("FieldValueRequired", "Required value", path));
            }
            return;
        }
        String type = s.path("type").asText("");
        boolean intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
        if (intOrString) {
            if (!(v.isIntegralNumber() || v.isTextual())) {
                causes.add(typeError(v, path, "integer or string"));
                return;
            }
        } else if (!type.isEmpty() && !hasType(v, type)) {
            causes.add(typeError(v, path, type));
            return;
        }
        JsonNode en = s.get("enum");
        if (en != null && en.isArray()) {
            boolean ok = false;
            for (JsonNode e : en) {
                if (jsonEquals(e, v)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                StringBuilder supported = new StringBuilder();
                for (JsonNode e : en) {
                    supported.append(supported.isEmpty() ? "" : ", ").append(display(e));
                }
                causes.add(new Cause("FieldValueNotSupported", "Unsupported value: " + display(v) + ": supported values: " + supported, path));
                return;
            }
        }
        switch (v.getNodeType()) {
            case OBJECT -> validateObject((ObjectNode) v, s, path, causes);
            case ARRAY -> validateArray((ArrayNode) v, s, path, causes);
            case STRING -> validateString(v.asText(), s, path, causes);
            case NUMBER -> validateNumber(v, s, path, causes);
            default -> {
            }
        }
        for (JsonNode sub : s.path("allOf")) {
            validateValue(v, sub, path, causes);
        }
        if (s.get("anyOf") instanceof ArrayNode any && !any.isEmpty()) {
            boolean ok = false;
            for (JsonNode sub : any) {
                List<Cause> tmp = new ArrayList<>();
                validateValue(v, sub, path, tmp);
                ok |= tmp.isEmpty();
            }
            if (!ok) {
                causes.add(new Cause("FieldValueInvalid", "Invalid value: " + display(v) + ": " + describe(path) + " in body must match at least one schema (anyOf)", path));
            }
        }
        if (s.get("oneOf") instanceof ArrayNode one && !one.isEmpty()) {
            int matched = 0;
            for (JsonNode sub : one) {
                List<Cause> tmp = new ArrayList<>();
                validateValue(v, sub, path, tmp);
                matched += tmp.isEmpty() ? 1 : 0;
            }
            if (matched != 1) {
                causes.add(new Cause("FieldValueInvalid", "Invalid value: " + display(v) + ": " + describe(path) + " in body must match exactly one schema (oneOf)", path));
            }
        }
        if (s.get("not") instanceof ObjectNode not) {
            List<Cause> tmp = new ArrayList<>();
            validateValue(v, not, path, tmp);
            if (tmp.isEmpty()) {
                causes.add(new Cause("FieldValueInvalid", "Invalid value: " + display(v) + ": " + describe(path) + " in body must not match the schema (not)", path));
            }
        }
    }

    private void validateObject(ObjectNode o, JsonNode s, String path, List<Cause> causes) {
        for (JsonNode r : s.path("required")) {
            if (!o.has(r.asText())) {
                causes.add(new Cause("FieldValueRequired", "Required value", join(path, r.asText())));
            }
        }
        if (s.has("maxProperties") && o.size() > s.get("maxProperties").asInt()) {
            causes.add(new Cause("FieldValueTooMany", "Too many: " + o.size() + ": must have at most " + s.get("maxProperties").asInt() + " items", path));
        }
        if (s.has("minProperties") && o.size() < s.get("minProperties").asInt()) {
            causes.add(new Cause("FieldValueInvalid", "Invalid value: " + o.size() + ": " + describe(path) + " in body should have at least "
                    + s.get("minProperties").asInt() + " properties", path));
        }
        JsonNode props = s.get("properties");
        JsonNode additional = s.get("additionalProperties");
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            JsonNode child = props != null ? props.get(e.getKey()) : null;
            if (child != null) {
                validateValue(e.getValue(), child, join(path, e.getKey()), causes);
            } else if (additional != null && additional.isObject()) {
                validateValue(e.getValue(), additional, path + "[" + e.getKey() + "]", causes);
            }
        }
    }

    private void validateArray(ArrayNode a, JsonNode s, String path, List<Cause> causes) {
        if (s.has("maxItems") && a.size() > s.get("maxItems").asInt()) {
            causes.add(new Cause("FieldValueTooMany", "Too many: " + a.size() + ": must have at most " + s.get("maxItems").asInt() + " items", path));
        }
        if (s.has("minItems") && a.size() < s.get("minItems").asInt()) {
            causes.add(new Cause("FieldValueInvalid", "Invalid value: " + a.size() + ": " + describe(path) + " in body should have at least "
                    + s.get("minItems").asInt() + " items", path));
        }
        JsonNode items = s.get("items");
        if (items != null) {
            for (int i = 0; i < a.size(); i++) {
                validateValue(a.get(i), items, path + "[" + i + "]", causes);
            }
        }
        String listType = s.path("x-kubernetes-list-type").asText("");
        if (listType.equals("set") || s.path("uniqueItems").asBoolean(false)) {
            Set<JsonNode> seen = new HashSet<>();
            for (int i = 0; i < a.size(); i++) {
                if (!seen.add(a.get(i))) {
                    causes.add(new Cause("FieldValueDuplicate", "Duplicate value: " + display(a.get(i)), path + "[" + i + "]"));
                }
            }
        } else if (listType.equals("map")) {
            List<String> keys = new ArrayList<>();
            s.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
            Set<List<JsonNode>> seen = new HashSet<>();
            for (int i = 0; i < a.size(); i++) {
                List<JsonNode> key = new ArrayList<>();
                for (String k : keys) {
                    key.add(a.get(i).path(k));
                }
                if (!seen.add(key)) {
                    causes.add(new Cause("FieldValueDuplicate", "Duplicate value: " + display(a.get(i)), path + "[" + i + "]"));
                }
            }
        }
    }

    private void validateString(String v, JsonNode s, String path, List<Cause> causes) {
        int len = v.codePointCount(0, v.length());
        if (s.has("maxLength") && len > s.get("maxLength").asInt()) {
            causes.add(new Cause("FieldValueTooLong", "Too long: may not be more than " + s.get("maxLength").asInt() + " bytes", path));
        }
        if (s.has("minLength") && len < s.get("minLength").asInt()) {
            causes.add(new Cause("FieldValueInvalid", "Invalid value: " + display(v) + ": " + describe(path) + " in body should be at least "
                    + s.get("minLength").asInt() + " chars long", path));
        }
        if (s.has("pattern")) {
            String p = s.get("pattern").asText();
            Pattern pat = patterns.computeIfAbsent(p, StructuralSchema::compileOrNever);
            if (!pat.matcher(v).find()) {
                causes.add(new Cause("FieldValueInvalid", "Invalid value: " + display(v) + ": " + describe(path) + " in body should match '" + p + "'", path));
            }
        }
        String format = s.path("format").asText("");
        boolean ok = switch (format) {
            case "date-time" -> v.isEmpty() || Timestamps.parse(v).isPresent();
            case "date" -> isDate(v);
            case "byte" -> isBase64(v);
            default -> true;
        };
        if (!ok) {
            causes.add(new Cause("FieldValueInvalid", "Invalid value: " + display(v) + ": " + describe(path) + " in body must be of type " + format
                    + ": " + display(v), path));
        }
    }

    private void validateNumber(JsonNode v, JsonNode s, String path, List<Cause> causes) {
        double d = v.asDouble();
        if (s.has("maximum")) {
            double max = s.get("maximum").asDouble();
            boolean excl = s.path("exclusiveMaximum").asBoolean(false);
            if (excl ? d >= max : d > max) {
                causes.add(new Cause("FieldValueInvalid", "Invalid value: " + v + ": " + describe(path) + " in body should be less than "
                        + (excl ? "" : "or equal to ") + num(s.get("maximum")), path));
            }
        }
        if (s.has("minimum")) {
            double min = s.get("minimum").asDouble();
            boolean excl = s.path("exclusiveMinimum").asBoolean(false);
            if (excl ? d <= min : d < min) {
                causes.add(new Cause("FieldValueInvalid", "Invalid value: " + v + ": " + describe(path) + " in body should be greater than "
                        + (excl ? "" : "or equal to ") + num(s.get("minimum")), path));
            }
        }
        if (s.has("multipleOf")) {
            double m = s.get("multipleOf").asDouble();
            if (m > 0 && Math.abs(Math.IEEEremainder(d, m)) > 1e-9) {
                causes.add(new Cause("FieldValueInvalid", "Invalid value: " + v + ": " + describe(path) + " in body should be a multiple of " + num(s.get("multipleOf")), path));
            }
        }
        String format = s.path("format").asText("");
        if (format.equals("int32") && v.isIntegralNumber() && !v.canConvertToInt()) {
            causes.add(new Cause("FieldValueInvalid", "Invalid value: " + v + ": " + describe(path) + " in body must be of type int32: " + v, path));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static boolean hasType(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()) && !Double.isInfinite(v.asDouble()));
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            default -> true;
        };
    }

    private static Cause typeError(JsonNode v, String path, String type) {
        String actual = typeName(v);
        return new Cause("FieldValueTypeInvalid", "Invalid value: \"" + actual + "\": " + describe(path) + " in body must be of type " + type + ": \""
                + actual + "\"", path);
    }

    static String typeName(JsonNode v) {
        JsonNodeType t = v.getNodeType();
        return switch (t) {
            case OBJECT, POJO -> "object";
            case ARRAY -> "array";
            case STRING, BINARY -> "string";
            case NUMBER -> v.isIntegralNumber() ? "integer" : "number";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
        };
    }

    /** kube's rendering of a value in messages: strings quoted, everything else as JSON. */
    static String display(JsonNode v) {
        return v.isTextual() ? "\"" + v.asText().replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : v.toString();
    }

    private static String display(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String describe(String path) {
        return path.isEmpty() ? "body" : path;
    }

    private static String num(JsonNode n) {
        double d = n.asDouble();
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static boolean jsonEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static boolean isDate(String v) {
        try {
            java.time.LocalDate.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isBase64(String v) {
        try {
            Base64.getDecoder().decode(v);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Pattern compileOrNever(String p) {
        try {
            return Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            // An invalid pattern in a CRD must not make every write fail with a server error.
            return Pattern.compile("[\\s\\S]*");
        }
    }
}
