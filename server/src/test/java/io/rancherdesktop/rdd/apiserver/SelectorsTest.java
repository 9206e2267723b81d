package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SelectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode labels(String json) throws Exception {
        return JSON.readTree(json);
    }

    @ParameterizedTest(name = "[{index}] {0} on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "app=web            | {\"app\":\"web\"}             | true",
            "app==web           | {\"app\":\"web\"}             | true",
            "app!=web           | {\"app\":\"web\"}             | false",
            "app!=web           | {}                            | true",
            "app in (web,db)    | {\"app\":\"db\"}              | true",
            "app notin (web,db) | {\"app\":\"db\"}              | false",
            "app notin (web,db) | {}                            | true",
            "app                | {\"app\":\"\"}                | true",
            "!app               | {\"app\":\"x\"}               | false",
            "!app               | {\"other\":\"x\"}             | true",
            "app=web,tier=front | {\"app\":\"web\",\"tier\":\"back\"} | false",
            "app=web, tier in (front, back) | {\"app\":\"web\",\"tier\":\"back\"} | true",
            "size>3             | {\"size\":\"4\"}              | true",
            "size<3             | {\"size\":\"4\"}              | false",
            "example.com/role=db | {\"example.com/role\":\"db\"} | true"})
    void labelSelectorsMatchLikeKubernetes(String selector, String labels, boolean expected) throws Exception {
        assertEquals(expected, LabelSelector.parse(selector).matches(labels(labels)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"=web", "app in web", "app in (web", "app=web,", "app=w b", "app=web;x=y", "my_key!/x=1", "size>x"})
    void malformedLabelSelectorsAreBadRequests(String selector) {
        StatusException e = assertThrows(StatusException.class, () -> LabelSelector.parse(selector));
        assertEquals(400, e.code());
        assertEquals("BadRequest", e.reason());
    }

    @Test
    void anEmptyLabelValueIsAValue() throws Exception {
        assertTrue(LabelSelector.parse("app=").matches(labels("{\"app\":\"\"}")));
        assertFalse(LabelSelector.parse("app=").matches(labels("{}")));
    }

    @Test
    void anEmptyLabelSelectorSelectsEverything() {
        assertTrue(LabelSelector.parse("").matches(null));
        assertTrue(LabelSelector.parse(null).isEverything());
    }

    @Test
    void fieldSelectorsParseEqualityAndInequalityWithEscapes() {
        FieldSelector f = FieldSelector.parse("metadata.name=a\\,b,status.namespace!=moby,spec.x==1");
        assertEquals(3, f.terms().size());
        assertEquals(new FieldSelector.Term("metadata.name", true, "a,b"), f.terms().get(0));
        assertEquals(new FieldSelector.Term("status.namespace", false, "moby"), f.terms().get(1));
        assertEquals("a,b", f.requiredValue("metadata.name"));
        assertFalse(f.isEverything());
    }

    @Test
    void fieldSelectorsOnUnsupportedFieldsAreBadRequests() {
        FieldSelector f = FieldSelector.parse("spec.secret=x");
        StatusException e = assertThrows(StatusException.class, () -> f.checkSupported(Set.of("metadata.name")));
        assertEquals(400, e.code());
        assertEquals("field label not supported: spec.secret", e.getMessage());
        assertThrows(StatusException.class, () -> FieldSelector.parse("justaword"));
    }
}
