package io.rancherdesktop.rdd.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML that kubectl prints (go-yaml v2 via sigs.k8s.io/yaml). */
class YamlTest {
    @Test
    void objectLooksLikeKubectlYaml() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", "demo");
        meta.put("resourceVersion", "42");
        meta.put("creationTimestamp", "2024-05-06T07:08:09Z");
        meta.put("labels", Map.of("app", "x"));
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("kind", "ConfigMap");
        obj.put("apiVersion", "v1");
        obj.put("metadata", meta);
        obj.put("data", Map.of("script", "echo hi\nexit 0\n", "empty", "", "flag", "true", "colon", "a: b"));
        obj.put("items", List.of(Map.of("a", 1L, "b", List.of("x", "y")), List.of()));
        String expected = """
                apiVersion: v1
                data:
                  colon: 'a: b'
                  empty: ""
                  flag: "true"
                  script: |
                    echo hi
                    exit 0
                items:
                - a: 1
                  b:
                  - x
                  - "y"
                - []
                kind: ConfigMap
                metadata:
                  creationTimestamp: "2024-05-06T07:08:09Z"
                  labels:
                    app: x
                  name: demo
                  resourceVersion: "42"
                """;
        assertEquals(expected, Yaml.write(obj));
    }

    @Test
    void stringsWithoutTrailingNewlineUseStripChomping() {
        assertEquals("k: |-\n  a\n  b\n", Yaml.write(Map.of("k", "a\nb")));
    }

    @Test
    void emptyCollectionsAndNullsAreInline() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("c", null);
        m.put("b", List.of());
        m.put("a", Map.of());
        assertEquals("a: {}\nb: []\nc: null\n", Yaml.write(m));
    }

    @Test
    void stringsThatReadAsOtherTypesAreDoubleQuoted() {
        for (String s : List.of("yes", "No", "on", "null", "~", "12", "1.5", "0x1F", "1e3", "2024-01-02")) {
            assertEquals("k: \"" + s + "\"\n", Yaml.write(Map.of("k", s)), s);
        }
        assertEquals("k: v1.2\n", Yaml.write(Map.of("k", "v1.2")));
        assertEquals("k: '- x'\n", Yaml.write(Map.of("k", "- x")));
        assertEquals("k: '#x'\n", Yaml.write(Map.of("k", "#x")));
    }
}
