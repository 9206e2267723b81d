package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static ObjectNode o(String json) throws Exception {
        return (ObjectNode) j(json);
    }

    private static JsonNode j(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    private static List<ManagedFields.Conflict> apply(ObjectNode current, String config, String manager, boolean force) throws Exception {
        return ManagedFields.apply(current, o(config), manager, "v1", "", force, NOW);
    }

    @Test
    void finalizersAreASetOwnedItemByItem() throws Exception {
        ObjectNode obj = o("{'metadata':{'name':'x'},'spec':{'a':1}}");
        assertEquals(List.of(), apply(obj, "{'metadata':{'name':'x','finalizers':['one.io/f']}}", "one", false));
        assertEquals(List.of(), apply(obj, "{'metadata':{'name':'x','finalizers':['two.io/f']}}", "two", false));
        assertEquals(j("['one.io/f','two.io/f']"), obj.path("metadata").path("finalizers"), "applying one finalizer keeps the others'");
        assertEquals(List.of(), apply(obj, "{'metadata':{'name':'x','finalizers':[]}}", "one", false));
        assertEquals(j("['two.io/f']"), obj.path("metadata").path("finalizers"), "dropping it from the config removes only one's own");
        assertEquals(1, obj.path("spec").path("a").asInt(), "fields nobody applied stay");
    }

    @Test
    void anUpdateThatAddsAFinalizerOwnsOnlyThatItem() throws Exception {
        ObjectNode before = o("{'metadata':{'name':'x','finalizers':['a.io/f']}}");
        ObjectNode after = o("{'metadata':{'name':'x','finalizers':['a.io/f','b.io/f']}}");
        ManagedFields.recordUpdate(before, after, "ctrl", "v1", "", NOW);
        JsonNode fields = after.path("metadata").path("managedFields").get(0).path("fieldsV1");
        assertEquals(o("{'f:metadata':{'f:finalizers':{'v:\\\"b.io/f\\\"':{}}}}"), fields);
    }

    @Test
    void applyConflictsOnValuesOwnedByOthersUnlessForced() throws Exception {
        ObjectNode before = o("{'metadata':{'name':'x'},'spec':{'size':1,'color':'red'}}");
        ObjectNode after = o("{'metadata':{'name':'x'},'spec':{'size':2,'color':'red'}}");
        ManagedFields.recordUpdate(before, after, "patcher", "v1", "", NOW);
        List<ManagedFields.Conflict> conflicts = apply(after, "{'spec':{'size':5,'color':'blue'}}", "applier", false);
        assertEquals(1, conflicts.size(), "color has no owner: no conflict; size is owned by patcher");
        assertEquals(".spec.size", conflicts.getFirst().path().display());
        assertEquals(2, after.path("spec").path("size").asInt(), "nothing changed");
        apply(after, "{'spec':{'size':5,'color':'blue'}}", "applier", true);
        assertEquals(5, after.path("spec").path("size").asInt());
        JsonNode entries = after.path("metadata").path("managedFields");
        assertTrue(entries.toString().contains("\"manager\":\"applier\""));
        assertTrue(!entries.toString().contains("\"manager\":\"patcher\""), "forcing took patcher's only field: its entry is gone");
    }

    @Test
    void sharedValuesDoNotConflictAndDroppedFieldsGoAwayOnlyWhenUnowned() throws Exception {
        ObjectNode obj = o("{'metadata':{'name':'x'}}");
        apply(obj, "{'spec':{'a':1,'b':2}}", "alice", false);
        assertEquals(List.of(), apply(obj, "{'spec':{'a':1}}", "bob", false), "the same value is co-owned, not a conflict");
        assertEquals(List.of(), apply(obj, "{'spec':{}}", "alice", false));
        assertEquals(o("{'a':1}"), obj.path("spec"), "b (alice only) is removed; a (also bob's) stays");
    }
}
