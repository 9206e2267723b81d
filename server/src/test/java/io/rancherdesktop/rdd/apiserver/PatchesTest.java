package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PatchesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode j(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void mergePatchFollowsRfc7386() throws Exception {
        // The RFC's own example.
        JsonNode target = j("{'a':'b','c':{'d':'e','f':'g'}}");
        JsonNode patch = j("{'a':'z','c':{'f':null}}");
        assertEquals(j("{'a':'z','c':{'d':'e'}}"), Patches.mergePatch(target, patch));
        assertEquals(j("{'a':['x']}"), Patches.mergePatch(j("{'a':[1,2]}"), j("{'a':['x']}")), "lists are replaced");
        assertEquals(j("['c']"), Patches.mergePatch(j("{'a':'b'}"), j("['c']")));
        assertEquals(j("{'e':{'f':1}}"), Patches.mergePatch(j("{}"), j("{'e':{'f':1,'g':null}}")));
    }

    @Test
    void jsonPatchAppliesEveryOperationOfRfc6902() throws Exception {
        JsonNode doc = j("{'spec':{'a':1,'list':[1,2,3]}}");
        JsonNode out = Patches.jsonPatch(doc, j("[{'op':'add','path':'/spec/b','value':2},"
                + "{'op':'remove','path':'/spec/list/0'},"
                + "{'op':'replace','path':'/spec/a','value':10},"
                + "{'op':'add','path':'/spec/list/-','value':4},"
                + "{'op':'copy','from':'/spec/a','path':'/spec/c'},"
                + "{'op':'move','from':'/spec/b','path':'/spec/d'},"
                + "{'op':'test','path':'/spec/d','value':2},"
                + "{'op':'add','path':'/spec/x~1y','value':'slash'}]"));
        assertEquals(j("{'spec':{'a':10,'list':[2,3,4],'c':10,'d':2,'x/y':'slash'}}"), out);
    }

    @Test
    void aJsonPatchThatCannotApplyFailsAndAMalformedOneIsABadRequest() throws Exception {
        assertThrows(Patches.PatchFailure.class, () -> Patches.jsonPatch(j("{'a':1}"), j("[{'op':'test','path':'/a','value':2}]")));
        assertThrows(Patches.PatchFailure.class, () -> Patches.jsonPatch(j("{'a':1}"), j("[{'op':'replace','path':'/missing','value':2}]")));
        assertThrows(Patches.PatchFailure.class, () -> Patches.jsonPatch(j("{'a':[1]}"), j("[{'op':'remove','path':'/a/5'}]")));
        assertEquals(400, assertThrows(StatusException.class, () -> Patches.jsonPatch(j("{}"), j("{'op':'add'}"))).code());
        assertEquals(400, assertThrows(StatusException.class, () -> Patches.jsonPatch(j("{}"), j("[{'op':'frobnicate','path':'/a'}]"))).code());
        assertEquals(400, assertThrows(StatusException.class, () -> Patches.jsonPatch(j("{}"), j("[{'op':'add','path':'/a'}]"))).code());
    }

    @Test
    void strategicMergePatchMergesFinalizersAndOwnerReferencesAndHonoursDirectives() throws Exception {
        JsonNode cm = j("{'metadata':{'finalizers':['a'],'ownerReferences':[{'uid':'1','name':'x'}],'labels':{'k':'v'}},'data':{'x':'1','y':'2'}}");
        JsonNode out = Patches.strategicMergePatch(cm, j("{'metadata':{'finalizers':['b'],'ownerReferences':[{'uid':'2','name':'y'},{'uid':'1','name':'x2'}],"
                + "'$setElementOrder/finalizers':['a','b']},'data':{'y':null,'z':'3'},'$deleteFromPrimitiveList/none':[]}"));
        assertEquals(j("['a','b']"), out.path("metadata").path("finalizers"));
        assertEquals(j("[{'uid':'1','name':'x2'},{'uid':'2','name':'y'}]"), out.path("metadata").path("ownerReferences"));
        assertEquals(j("{'x':'1','z':'3'}"), out.path("data"));
        JsonNode out2 = Patches.strategicMergePatch(out, j("{'metadata':{'$deleteFromPrimitiveList/finalizers':['a']},'data':{'$patch':'replace','only':'1'}}"));
        assertEquals(j("['b']"), out2.path("metadata").path("finalizers"));
        assertEquals(j("{'only':'1'}"), out2.path("data"));
    }
}
