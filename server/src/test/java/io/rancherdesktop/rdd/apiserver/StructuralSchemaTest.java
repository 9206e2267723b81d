package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuralSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA;

    static {
        try {
            SCHEMA = new YAMLMapper().readTree("""
                    type: object
                    properties:
                      spec:
                        type: object
                        required: [color]
                        properties:
                          color: {type: string, enum: [red, green]}
                          size: {type: integer, minimum: 0, maximum: 10, default: 1}
                          note: {type: string, maxLength: 3, pattern: '^[a-z]*$'}
                          labels: {type: object, additionalProperties: {type: string}}
                          items: {type: array, maxItems: 2, items: {type: object, properties: {n: {type: string}}}, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [n]}
                          tags: {type: array, items: {type: string}, x-kubernetes-list-type: set}
                          free: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {known: {type: integer}}}
                          port: {x-kubernetes-int-or-string: true}
                          when: {type: string, format: date-time}
                          opts: {type: object, default: {}, properties: {verbose: {type: boolean, default: false}}}
                          maybe: {type: string, nullable: true}
                      status:
                        type: object
                        properties:
                          phase: {type: string}
                    """);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final StructuralSchema schema = new StructuralSchema();

    private static ObjectNode obj(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    private List<StatusException.Cause> validate(ObjectNode o) {
        List<StatusException.Cause> causes = new ArrayList<>();
        schema.validate(o, SCHEMA, causes);
        return causes;
    }

    @Test
    void unknownFieldsArePrunedAndReportedWithTheirPaths() throws Exception {
        ObjectNode o = obj("{'apiVersion':'x','kind':'K','metadata':{'name':'n'},'spec':{'color':'red','bogus':1,'items':[{'n':'a','extra':true}],"
                + "'free':{'anything':{'goes':1}},'labels':{'any':'thing'}},'top':1}");
        List<String> unknown = new ArrayList<>();
        schema.prune(o, SCHEMA, unknown);
        assertEquals(List.of("spec.bogus", "spec.items[0].extra", "top"), unknown);
        assertEquals(obj("{'anything':{'goes':1}}"), o.path("spec").path("free"), "preserve-unknown-fields keeps everything under it");
        assertTrue(o.has("metadata"), "metadata is not the schema's business");
    }

    @Test
    void defaultsFillAbsentFieldsInsidePresentObjects() throws Exception {
        ObjectNode o = obj("{'spec':{'color':'red','maybe':null}}");
        schema.applyDefaults(o, SCHEMA);
        assertEquals(obj("{'spec':{'color':'red','maybe':null,'size':1,'opts':{'verbose':false}}}"), o);
        ObjectNode noSpec = obj("{'status':{}}");
        schema.applyDefaults(noSpec, SCHEMA);
        assertEquals(obj("{'status':{}}"), noSpec, "defaults are not invented for absent parents");
    }

    @Test
    void aValidObjectHasNoCauses() throws Exception {
        assertEquals(List.of(), validate(obj("{'spec':{'color':'green','size':10,'note':'abc','port':'http','when':'2024-01-02T03:04:05Z',"
                + "'tags':['a','b'],'maybe':null},'status':{'phase':'x'}}")));
        assertEquals(List.of(), validate(obj("{'spec':{'color':'green','port':8080}}")));
    }

    @Test
    void violationsAreReportedAsKubeFieldCauses() throws Exception {
        List<StatusException.Cause> causes = validate(obj("{'spec':{'color':'kvm','size':11,'note':'ABCD','items':[{'n':'a'},{'n':'a'},{'n':'b'}],"
                + "'tags':['x','x'],'port':true,'when':'yesterday','labels':{'k':1}}}"));
        List<String> fields = causes.stream().map(StatusException.Cause::field).toList();
        assertEquals(List.of("spec.color", "spec.size", "spec.note", "spec.note", "spec.items", "spec.items[1]", "spec.tags[1]", "spec.port",
                "spec.when", "spec.labels[k]"), fields);
        assertEquals(new StatusException.Cause("FieldValueNotSupported", "Unsupported value: \"kvm\": supported values: \"red\", \"green\"", "spec.color"),
                causes.getFirst());
        assertEquals("Invalid value: 11: spec.size in body should be less than or equal to 10", causes.get(1).message());
    }

    @Test
    void requiredFieldsAndTypesAreChecked() throws Exception {
        List<StatusException.Cause> causes = validate(obj("{'spec':{'size':'big'}}"));
        assertEquals(2, causes.size());
        assertEquals(new StatusException.Cause("FieldValueRequired", "Required value", "spec.color"), causes.get(0));
        assertEquals("FieldValueTypeInvalid", causes.get(1).reason());
        assertEquals("Invalid value: \"string\": spec.size in body must be of type integer: \"string\"", causes.get(1).message());
        assertEquals(1, validate(obj("{'spec':'flat'}")).size());
    }
}
