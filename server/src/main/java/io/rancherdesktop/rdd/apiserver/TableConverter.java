package io.rancherdesktop.rdd.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side printing ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}): the CRD's
 * {@code additionalPrinterColumns} after Name (and Age when the CRD has none), or the columns kubectl shows
 * for the builtin kinds. Rows carry the object's metadata ({@code includeObject=Metadata}, the default), the
 * whole object ({@code Object}) or nothing ({@code None}).
 */
public final class TableConverter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating resources, although "
            + "some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended "
            + "for creation idempotence and configuration definition. Cannot be updated.";
    private static final String AGE_DESCRIPTION = "CreationTimestamp is a timestamp representing the server time when this object was created.";

    /** {@code includeObject}. */
    public enum Include { NONE, METADATA, OBJECT }

    private final Clock clock;
    private final Map<String, List<Column>> columns = new ConcurrentHashMap<>();

    private record Column(PrinterColumn definition, CrdJsonPath path, Computed computed) {
    }

    /** Cells the builtin kinds compute instead of reading one path. */
    private enum Computed { NONE, NAME, CONFIGMAP_DATA, EVENT_LAST_SEEN, EVENT_OBJECT, WEBHOOKS }

    public TableConverter(Clock clock) {
        this.clock = clock;
    }

    /** A Table of {@code objects} (each already in the requested version). */
    public ObjectNode table(RequestScope scope, List<? extends JsonNode> objects, long resourceVersion, String continueToken, Include include) {
        ObjectNode t = F.objectNode();
        t.put("kind", "Table");
        t.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = t.putObject("metadata");
        if (resourceVersion > 0) {
            meta.put("resourceVersion", Long.toString(resourceVersion));
        }
        if (continueToken != null) {
            meta.put("continue", continueToken);
        }
        List<Column> cols = columnsOf(scope);
        ArrayNode defs = t.putArray("columnDefinitions");
        for (Column c : cols) {
            ObjectNode d = defs.addObject();
            d.put("name", c.definition().name());
            d.put("type", c.definition().type());
            d.put("format", c.definition().format());
            d.put("description", c.definition().description());
            d.put("priority", c.definition().priority());
        }
        ArrayNode rows = t.putArray("rows");
        Instant now = clock.instant();
        for (JsonNode obj : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Column c : cols) {
                cells.add(cell(c, obj, now));
            }
            switch (include) {
                case METADATA -> {
                    ObjectNode partial = row.putObject("object");
                    partial.put("kind", "PartialObjectMetadata");
                    partial.put("apiVersion", "meta.k8s.io/v1");
                    partial.set("metadata", obj.path("metadata").deepCopy());
                }
                case OBJECT -> row.set("object", obj);
                case NONE -> {
                }
            }
        }
        return t;
    }

    private List<Column> columnsOf(RequestScope scope) {
        return columns.computeIfAbsent(scope.resource().storageKey() + "/" + scope.version().name(), k -> build(scope));
    }

    private static List<Column> build(RequestScope scope) {
        ResourceDef r = scope.resource();
        List<Column> cols = new ArrayList<>();
        Column name = new Column(new PrinterColumn("Name", "string", "name", NAME_DESCRIPTION, 0, ".metadata.name"), null, Computed.NAME);
        Column age = new Column(new PrinterColumn("Age", "date", "", AGE_DESCRIPTION, 0, ".metadata.creationTimestamp"),
                CrdJsonPath.parse(".metadata.creationTimestamp"), Computed.NONE);
        if (r.group().isEmpty() && r.plural().equals("configmaps")) {
            return List.of(name, new Column(new PrinterColumn("Data", "integer", "", "Data contains the configuration data.", 0, ""), null,
                    Computed.CONFIGMAP_DATA), age);
        }
        if (r.group().isEmpty() && r.plural().equals("secrets")) {
            return List.of(name, new Column(new PrinterColumn("Type", "string", "", "The type of the secret", 0, ".type"), CrdJsonPath.parse(".type"),
                    Computed.NONE), new Column(new PrinterColumn("Data", "string", "", "The number of entries in the secret's data", 0, ""), null,
                    Computed.CONFIGMAP_DATA), age);
        }
        if (r.group().equals(WebhookConfigurationGuard.GROUP) && r.plural().endsWith("webhookconfigurations")) {
            return List.of(name, new Column(new PrinterColumn("Webhooks", "integer", "", "The number of webhooks in the configuration", 0, ""),
                    null, Computed.WEBHOOKS), age);
        }
        if (r.group().isEmpty() && r.plural().equals("namespaces")) {
            return List.of(name, new Column(new PrinterColumn("Status", "string", "", "The status of the namespace", 0, ".status.phase"),
                    CrdJsonPath.parse(".status.phase"), Computed.NONE), age);
        }
        if (r.group().isEmpty() && r.plural().equals("events")) {
            return List.of(
                    new Column(new PrinterColumn("Last Seen", "string", "", "Time of the last occurrence.", 0, ""), null, Computed.EVENT_LAST_SEEN),
                    new Column(new PrinterColumn("Type", "string", "", "Type of this event.", 0, ".type"), CrdJsonPath.parse(".type"), Computed.NONE),
                    new Column(new PrinterColumn("Reason", "string", "", "Why the action was taken.", 0, ".reason"), CrdJsonPath.parse(".reason"), Computed.NONE),
                    new Column(new PrinterColumn("Object", "string", "", "The object this event is about.", 0, ""), null, Computed.EVENT_OBJECT),
                    new Column(new PrinterColumn("Message", "string", "", "A human-readable description of the status of this operation.", 0, ".message"),
                            CrdJsonPath.parse(".message"), Computed.NONE),
                    new Column(new PrinterColumn("Name", "string", "name", NAME_DESCRIPTION, 1, ".metadata.name"), null, Computed.NAME));
        }
        cols.add(name);
        boolean hasAge = false;
        for (PrinterColumn pc : scope.version().printerColumns()) {
            CrdJsonPath p;
            try {
                p = CrdJsonPath.parse(pc.jsonPath());
            } catch (IllegalArgumentException e) {
                p = null; // a column the subset cannot evaluate shows <none> rather than failing every get
            }
            cols.add(new Column(pc, p, Computed.NONE));
            hasAge |= pc.name().equalsIgnoreCase("Age");
        }
        if (!hasAge && r.origin() != ResourceDef.Origin.READ_ONLY) {
            cols.add(age);
        }
        return cols;
    }

    private static JsonNode cell(Column c, JsonNode obj, Instant now) {
        switch (c.computed()) {
            case NAME -> {
                return F.textNode(obj.path("metadata").path("name").asText());
            }
            case CONFIGMAP_DATA -> { // also a Secret's, which has no binaryData
                return F.numberNode(obj.path("data").size() + obj.path("binaryData").size());
            }
            case WEBHOOKS -> {
                return F.numberNode(obj.path("webhooks").size());
            }
            case EVENT_LAST_SEEN -> {
                for (String f : List.of("lastTimestamp", "eventTime", "firstTimestamp")) {
                    var t = Timestamps.parse(obj.path(f).asText(""));
                    if (t.isPresent()) {
                        return F.textNode(Timestamps.age(Duration.between(t.get(), now)));
                    }
                }
                return F.textNode("<unknown>");
            }
            case EVENT_OBJECT -> {
                JsonNode io = obj.path("involvedObject");
                return F.textNode(io.path("kind").asText("").toLowerCase(Locale.ROOT) + "/" + io.path("name").asText(""));
            }
            case NONE -> {
            }
        }
        if (c.path() == null) {
            return F.nullNode();
        }
        List<JsonNode> values = c.path().evaluate(obj);
        if (values.isEmpty()) {
            return F.nullNode();
        }
        if (values.size() > 1) {
            StringBuilder b = new StringBuilder();
            for (JsonNode v : values) {
                b.append(b.isEmpty() ? "" : ",").append(v.isValueNode() ? v.asText() : v.toString());
            }
            return F.textNode(b.toString());
        }
        JsonNode v = values.getFirst();
        return switch (c.definition().type()) {
            case "date" -> {
                var t = Timestamps.parse(v.asText(""));
                yield t.isPresent() ? F.textNode(Timestamps.age(Duration.between(t.get(), now))) : F.nullNode();
            }
            case "integer" -> v.canConvertToLong() ? F.numberNode(v.asLong()) : v.isTextual() ? F.textNode(v.asText()) : F.nullNode();
            case "number" -> v.isNumber() ? v : F.nullNode();
            case "boolean" -> v.isBoolean() ? v : v.isTextual() ? F.textNode(v.asText()) : F.nullNode();
            default -> v.isValueNode() ? F.textNode(v.asText()) : F.textNode(v.toString());
        };
    }
}
