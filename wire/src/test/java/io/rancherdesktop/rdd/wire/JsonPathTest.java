package io.rancherdesktop.rdd.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPathTest {
    private static final Object LIST = Json.parse("""
            {"kind":"List","items":[
              {"metadata":{"name":"a","annotations":{"x.io/k":"v1"}},"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"Settled","status":"False"}],"n":3}},
              {"metadata":{"name":"b","labels":{"l":"1"}},"status":{"conditions":[{"type":"Ready","status":"False"}],"n":1}}
            ]}""");

    private static String run(String template) {
        return JsonPath.parse(template).execute(LIST);
    }

    @Test
    void fieldsWildcardsAndIndexes() {
        assertEquals("a b", run("{.items[*].metadata.name}"));
        assertEquals("b", run("{.items[1].metadata.name}"));
        assertEquals("b", run("{.items[-1].metadata.name}"));
        assertEquals("a", run("{.items[0:1].metadata.name}"));
        assertEquals("List", run("{.kind}"));
        assertEquals("List", run("{$.kind}"));
    }

    @Test
    void rangeWithLiteralsPrintsOneLinePerItem() {
        assertEquals("a=3\nb=1\n", run("{range .items[*]}{.metadata.name}={.status.n}{\"\\n\"}{end}"));
        assertEquals("a;b;", run("{range .items}{.metadata.name};{end}"));
    }

    @Test
    void filtersSelectByFieldValueOrExistence() {
        assertEquals("True False", run("{.items[*].status.conditions[?(@.type==\"Ready\")].status}"));
        assertEquals("a", run("{.items[?(@.status.n>2)].metadata.name}"));
        assertEquals("b", run("{.items[?(@.metadata.labels)].metadata.name}"));
    }

    @Test
    void escapedDotsAndQuotedKeysReachDottedKeys() {
        assertEquals("v1", run("{.items[0].metadata.annotations.x\\.io/k}"));
        assertEquals("v1", run("{.items[0].metadata.annotations['x.io/k']}"));
    }

    @Test
    void mapsPrintAsJsonAndMissingKeysPrintNothing() {
        assertEquals("{\"l\":\"1\"}", run("{.items[1].metadata.labels}"));
        assertEquals("", run("{.items[0].metadata.labels}"));
        assertEquals("x  y", run("x {.nope} y"));
    }

    @Test
    void recursiveDescentFindsNestedKeys() {
        assertEquals(List.of("a", "b"), JsonPath.parse("{..name}").select(LIST));
    }

    @Test
    void syntaxErrorsAreReported() {
        assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("{.a"));
        assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("{range .items[*]}{.x}"));
        assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("{end}"));
    }
}
