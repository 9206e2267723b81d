package io.rancherdesktop.rdd.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** kubectl's {@code -o go-template=…} (issue 14 item 9): Go text/template over the JSON tree, printed as Go prints. */
class GoTemplateTest {
    private static final Object LIST = Json.parse("""
            {"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[
             {"kind":"ConfigMap","metadata":{"name":"a","labels":{"app":"x","tier":"db"}},"data":{"k":"1"},"n":3,"f":1.5,"t":true,"z":null},
             {"kind":"ConfigMap","metadata":{"name":"b"},"data":{"c2VjcmV0":"c2VjcmV0"},"n":0}]}""");

    private static String run(String template) {
        return GoTemplate.parse(template).execute(LIST);
    }

    @Test
    void fieldsRangeAndText() {
        assertEquals("a\nb\n", run("{{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}"));
        assertEquals("List", run("{{.kind}}"));
        assertEquals("<no value>", run("{{.nothing}}"));
        assertEquals("<no value>", run("{{.nothing.deeper}}"));
    }

    @Test
    void anEmptyListPrintsNothingThroughRangeAndItsKindOtherwise() {
        Object empty = Json.parse("{\"apiVersion\":\"v1\",\"items\":[],\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"\"}}");
        assertEquals("", GoTemplate.parse("{{range .items}}{{.metadata.name}}{{end}}").execute(empty));
        assertEquals("none", GoTemplate.parse("{{range .items}}x{{else}}none{{end}}").execute(empty));
        assertEquals("List", GoTemplate.parse("{{.kind}}").execute(empty));
    }

    @Test
    void valuesPrintAsGoPrintsThem() {
        assertEquals("map[app:x tier:db]", run("{{(index .items 0).metadata.labels}}"));
        assertEquals("3 1.5 true <nil>", run("{{with index .items 0}}{{.n}} {{.f}} {{.t}} {{.z}}{{end}}"));
        assertEquals("[a b]", run("{{$names := \"\"}}[{{range $i, $o := .items}}{{if $i}} {{end}}{{$o.metadata.name}}{{end}}]"));
    }

    @Test
    void conditionsVariablesAndFunctions() {
        assertEquals("a:x b:-", run("{{range $i, $o := .items}}{{if $i}} {{end}}{{$o.metadata.name}}:{{if $o.metadata.labels}}{{$o.metadata.labels.app}}{{else}}-{{end}}{{end}}"));
        assertEquals("yes", run("{{if eq .kind \"Pod\" \"List\"}}yes{{else if .kind}}no{{end}}"));
        assertEquals("other", run("{{if eq .kind \"Pod\"}}pod{{else if eq .kind \"Node\"}}node{{else}}other{{end}}"));
        assertEquals("2", run("{{len .items}}"));
        assertEquals("x", run("{{index (index .items 0).metadata.labels \"app\"}}"));
        assertEquals("secret", run("{{range .items}}{{range $k, $v := .data}}{{if eq $k \"c2VjcmV0\"}}{{$v | base64decode}}{{end}}{{end}}{{end}}"));
        assertEquals("a=  3|", run("{{with index .items 0}}{{printf \"%s=%3d|\" .metadata.name .n}}{{end}}"));
        assertEquals("true 0 List", run("{{not .nothing}} {{and .kind 0}} {{or 0 \"\" .kind}}"));
        assertEquals("true", run("{{gt (len .items) 1}}"));
        assertEquals("%!q(<nil>) <nil>", run("{{printf \"%q %v\" .nothing .nothing.deeper}}"));
    }

    @Test
    void trimMarkersAndComments() {
        assertEquals("a,b,", run("{{- range .items -}}\n  {{ .metadata.name }},\n{{- end }}{{/* a comment */}}"));
    }

    @Test
    void errorsReadLikeGos() {
        assertEquals("template: output: function \"nope\" not defined", assertThrows(IllegalArgumentException.class, () -> run("{{nope .kind}}")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> GoTemplate.parse("{{range .items}}"));
        assertThrows(IllegalArgumentException.class, () -> GoTemplate.parse("{{end}}"));
        assertEquals("template: output: can't evaluate field x in type string", assertThrows(IllegalArgumentException.class, () -> run("{{.kind.x}}")).getMessage());
    }
}
