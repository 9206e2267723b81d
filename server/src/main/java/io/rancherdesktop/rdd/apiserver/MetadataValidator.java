package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rancherdesktop.rdd.apiserver.StatusException.Cause;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ObjectMeta rules as kube-apiserver applies them: RFC 1123 names (a DNS label for namespaces), label and
 * annotation syntax, finalizer and owner-reference shape. Also prunes unknown metadata fields (reported like
 * unknown schema fields for {@code fieldValidation}).
 */
public final class MetadataValidator {
    static final int DNS1123_SUBDOMAIN_MAX = 253;
    static final int DNS1123_LABEL_MAX = 63;
    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final Pattern DNS1123_LABEL = Pattern.compile("^" + DNS1123_LABEL_FMT + "$");
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("^" + DNS1123_SUBDOMAIN_FMT + "$");
    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern QUALIFIED_NAME = Pattern.compile("^" + QUALIFIED_NAME_FMT + "$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^(" + QUALIFIED_NAME_FMT + ")?$");
    private static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

    static final Set<String> OBJECT_META_FIELDS = Set.of("name", "generateName", "namespace", "selfLink", "uid", "resourceVersion",
            "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
            "ownerReferences", "finalizers", "managedFields");
    private static final Set<String> OWNER_REFERENCE_FIELDS = Set.of("apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion");

    private MetadataValidator() {
    }

    /** Why {@code name} is not a DNS-1123 subdomain, or {@code null} if it is one. */
    public static String subdomainError(String name) {
        if (name.length() > DNS1123_SUBDOMAIN_MAX) {
            return "must be no more than " + DNS1123_SUBDOMAIN_MAX + " characters";
        }
        if (!DNS1123_SUBDOMAIN.matcher(name).matches()) {
            return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
                    + "with an alphanumeric character (e.g. 'example.com', regex used for validation is '" + DNS1123_SUBDOMAIN_FMT + "')";
        }
        return null;
    }

    /** Why {@code name} is not a DNS-1123 label, or {@code null} if it is one. */
    public static String labelError(String name) {
        if (name.length() > DNS1123_LABEL_MAX) {
            return "must be no more than " + DNS1123_LABEL_MAX + " characters";
        }
        if (!DNS1123_LABEL.matcher(name).matches()) {
            return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an "
                    + "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" + DNS1123_LABEL_FMT + "')";
        }
        return null;
    }

    /** Why {@code key} is not a qualified name ({@code [prefix/]name}), or {@code null}. */
    public static String qualifiedNameError(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty()) {
                return "prefix part must be non-empty";
            }
            String pe = subdomainError(prefix);
            if (pe != null) {
                return "prefix part " + pe;
            }
        }
        if (name.isEmpty()) {
            return "name part must be non-empty";
        }
        if (name.length() > 63) {
            return "name part must be no more than 63 characters";
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                    + "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QUALIFIED_NAME_FMT + "')";
        }
        return null;
    }

    /** Why {@code value} is not a valid label value, or {@code null}. */
    public static String labelValueError(String value) {
        if (value.length() > 63) {
            return "must be no more than 63 characters";
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                    + "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '("
                    + QUALIFIED_NAME_FMT + ")?')";
        }
        return null;
    }

    /** Removes unknown fields of {@code metadata} (and of its owner references), recording their paths. */
    static void prune(ObjectNode obj, List<String> unknown) {
        if (!(obj.get("metadata") instanceof ObjectNode meta)) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = meta.properties().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (!OBJECT_META_FIELDS.contains(e.getKey())) {
                unknown.add("metadata." + e.getKey());
                it.remove();
            } else if (e.getValue().isNull()) {
                it.remove();
            }
        }
        if (meta.get("ownerReferences") instanceof com.fasterxml.jackson.databind.node.ArrayNode refs) {
            for (int i = 0; i < refs.size(); i++) {
                if (refs.get(i) instanceof ObjectNode ref) {
                    Iterator<String> names = ref.fieldNames();
                    while (names.hasNext()) {
                        String n = names.next();
                        if (!OWNER_REFERENCE_FIELDS.contains(n)) {
                            unknown.add("metadata.ownerReferences[" + i + "]." + n);
                            names.remove();
                        }
                    }
                }
            }
        }
    }

    /** Checks the shape of {@code metadata} fields (types) before anything reads them. */
    static void checkTypes(ObjectNode meta, List<Cause> causes) {
        for (String f : List.of("name", "generateName", "namespace", "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp")) {
            JsonNode v = meta.get(f);
            if (v != null && !v.isTextual()) {
                causes.add(new Cause("FieldValueTypeInvalid", "Invalid value: \"" + StructuralSchema.typeName(v) + "\": must be a string", "metadata." + f));
            }
        }
        for (String f : List.of("labels", "annotations")) {
            JsonNode v = meta.get(f);
            if (v != null && !v.isObject()) {
                causes.add(new Cause("FieldValueTypeInvalid", "Invalid value: \"" + StructuralSchema.typeName(v) + "\": must be an object of strings", "metadata." + f));
            } else if (v != null) {
                v.properties().forEach(e -> {
                    if (!e.getValue().isTextual()) {
                        causes.add(new Cause("FieldValueTypeInvalid", "Invalid value: \"" + StructuralSchema.typeName(e.getValue()) + "\": must be a string",
                                "metadata." + f + "." + e.getKey()));
                    }
                });
            }
        }
        for (String f : List.of("finalizers", "ownerReferences", "managedFields")) {
            JsonNode v = meta.get(f);
            if (v != null && !v.isArray()) {
                causes.add(new Cause("FieldValueTypeInvalid", "Invalid value: \"" + StructuralSchema.typeName(v) + "\": must be a list", "metadata." + f));
            } else if (v != null) {
                // Each entry has its type too: later steps (managed fields, the garbage collector) read them as such, and a
                // managedFields entry that was not an object failed with a ClassCastException, a 500 (found by ApiFuzzIT).
                boolean strings = f.equals("finalizers");
                for (int i = 0; i < v.size(); i++) {
                    JsonNode e = v.get(i);
                    if (strings ? !e.isTextual() : !e.isObject()) {
                        causes.add(new Cause("FieldValueTypeInvalid", "Invalid value: \"" + StructuralSchema.typeName(e) + "\": must be "
                                + (strings ? "a string" : "an object"), "metadata." + f + "[" + i + "]"));
                    } else if (f.equals("managedFields")) {
                        checkManagedFieldsEntry(e, "metadata.managedFields[" + i + "]", causes);
                    }
                }
            }
        }
        JsonNode gen = meta.get("generation");
        if (gen != null && !gen.isIntegralNumber()) {
            causes.add(new Cause("FieldValueTypeInvalid", "Invalid value: \"" + StructuralSchema.typeName(gen) + "\": must be an integer", "metadata.generation"));
        }
    }

    /** The field types of one managedFields entry (ManagedFields reads them as such). */
    private static void checkManagedFieldsEntry(JsonNode e, String at, List<Cause> causes) {
        e.properties().forEach(p -> {
            JsonNode v = p.getValue();
            boolean ok = switch (p.getKey()) {
                case "fieldsV1" -> v.isObject() || v.isNull();
                case "manager", "operation", "apiVersion", "time", "fieldsType", "subresource" -> v.isTextual() || v.isNull();
                default -> true;
            };
            if (!ok) {
                causes.add(new Cause("FieldValueTypeInvalid", "Invalid value: \"" + StructuralSchema.typeName(v) + "\": must be "
                        + (p.getKey().equals("fieldsV1") ? "an object" : "a string"), at + "." + p.getKey()));
            }
        });
    }

    /** Validates names, labels, annotations, finalizers and owner references of an object about to be stored. */
    static void validate(ObjectNode meta, ResourceDef resource, List<Cause> causes) {
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            causes.add(new Cause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name"));
        } else {
            String err = resource.group().isEmpty() && resource.plural().equals("namespaces") ? labelError(name) : subdomainError(name);
            if (err != null) {
                causes.add(new Cause("FieldValueInvalid", "Invalid value: " + StructuralSchema.display(meta.get("name")) + ": " + err, "metadata.name"));
            }
        }
        String ns = meta.path("namespace").asText("");
        if (!ns.isEmpty()) {
            String err = labelError(ns);
            if (err != null) {
                causes.add(new Cause("FieldValueInvalid", "Invalid value: " + StructuralSchema.display(meta.get("namespace")) + ": " + err, "metadata.namespace"));
            }
        }
        if (meta.get("labels") instanceof ObjectNode labels) {
            labels.properties().forEach(e -> {
                String ke = qualifiedNameError(e.getKey());
                if (ke != null) {
                    causes.add(new Cause("FieldValueInvalid", "Invalid value: \"" + e.getKey() + "\": " + ke, "metadata.labels"));
                }
                String ve = labelValueError(e.getValue().asText());
                if (ve != null) {
                    causes.add(new Cause("FieldValueInvalid", "Invalid value: \"" + e.getValue().asText() + "\": " + ve, "metadata.labels"));
                }
            });
        }
        if (meta.get("annotations") instanceof ObjectNode annotations) {
            long total = 0;
            for (var e : annotations.properties()) {
                String ke = qualifiedNameError(e.getKey().toLowerCase(java.util.Locale.ROOT));
                if (ke != null) {
                    causes.add(new Cause("FieldValueInvalid", "Invalid value: \"" + e.getKey() + "\": " + ke, "metadata.annotations"));
                }
                total += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
            }
            if (total > ANNOTATIONS_MAX_BYTES) {
                causes.add(new Cause("FieldValueTooLong", "Too long: must have at most " + ANNOTATIONS_MAX_BYTES + " bytes", "metadata.annotations"));
            }
        }
        JsonNode finalizers = meta.path("finalizers");
        for (int i = 0; i < finalizers.size(); i++) {
            JsonNode f = finalizers.get(i);
            String fe = f.isTextual() ? qualifiedNameError(f.asText()) : "must be a string";
            if (fe != null) {
                causes.add(new Cause("FieldValueInvalid", "Invalid value: " + StructuralSchema.display(f) + ": " + fe, "metadata.finalizers[" + i + "]"));
            }
        }
        JsonNode refs = meta.path("ownerReferences");
        int controllers = 0;
        for (int i = 0; i < refs.size(); i++) {
            JsonNode r = refs.get(i);
            String p = "metadata.ownerReferences[" + i + "]";
            for (String f : List.of("apiVersion", "kind", "name", "uid")) {
                if (r.path(f).asText("").isEmpty()) {
                    causes.add(new Cause("FieldValueRequired", "Required value: " + f + " must not be empty", p + "." + f));
                }
            }
            if (r.path("controller").asBoolean(false)) {
                controllers++;
            }
        }
        if (controllers > 1) {
            causes.add(new Cause("FieldValueInvalid", "Invalid value: " + refs + ": Only one reference can have Controller set to true", "metadata.ownerReferences"));
        }
    }
}
