package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrdLoaderTest {
    private static String crd(String plural, String group) {
        return """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: %1$s.%2$s}
                spec:
                  group: %2$s
                  names: {kind: K%1$s, plural: %1$s}
                  scope: Namespaced
                  versions:
                  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
                """.formatted(plural, group);
    }

    @Test
    void findsCrdsInClassPathDirectoriesAndJars(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("classes/META-INF/fabric8");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("dirthings.x.io-v1.yml"), crd("dirthings", "x.io"));
        Files.writeString(dir.resolve("ignored.x.io-v1beta1.yml"), crd("ignored", "x.io"));
        Path jar = tmp.resolve("model.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/"));
            out.putNextEntry(new JarEntry("META-INF/fabric8/"));
            out.putNextEntry(new JarEntry("META-INF/fabric8/jarthings.y.io-v1.yml"));
            out.write(crd("jarthings", "y.io").getBytes(StandardCharsets.UTF_8));
        }
        try (URLClassLoader cl = new URLClassLoader(new URL[] {tmp.resolve("classes").toUri().toURL(), jar.toUri().toURL()}, null)) {
            List<ResourceDef> found = new CrdLoader().fromClassPath(cl);
            assertEquals(List.of("dirthings.x.io", "jarthings.y.io"), found.stream().map(ResourceDef::storageKey).sorted().toList());
        }
    }

    @Test
    void readsTheTestCrdsWithColumnsSelectableFieldsAndVersions() {
        List<ResourceDef> defs = new CrdLoader().fromDirectory(ApiServerExtension.testCrdDirectory());
        ResourceDef widgets = defs.stream().filter(d -> d.plural().equals("widgets")).findFirst().orElseThrow();
        assertTrue(widgets.statusSubresource());
        assertEquals(List.of("wd"), widgets.shortNames());
        assertEquals(List.of(".spec.color", ".status.phase"), widgets.storageVersion().selectableFields());
        assertEquals(4, widgets.storageVersion().printerColumns().size());
        ResourceDef gadgets = defs.stream().filter(d -> d.plural().equals("gadgets")).findFirst().orElseThrow();
        assertEquals("v1alpha1", gadgets.storageVersion().name());
        assertEquals(2, gadgets.versions().size());
    }

    /** Every schema under "properties" must be an object: a stray string (e.g. an unresolved YAML alias) breaks kubectl's OpenAPI parser. */
    @Test
    void builtinSchemasAreWellFormed() {
        for (ResourceDef r : new CrdLoader().builtins()) {
            for (ResourceVersionDef v : r.versions()) {
                checkSchema(r.plural(), v.schema());
            }
        }
    }

    private static void checkSchema(String where, JsonNode schema) {
        if (schema == null) {
            return;
        }
        assertTrue(schema.isObject(), where + " is not a schema object: " + schema);
        schema.path("properties").properties().forEach(e -> checkSchema(where + "." + e.getKey(), e.getValue()));
        if (schema.has("items")) {
            checkSchema(where + "[]", schema.get("items"));
        }
        if (schema.path("additionalProperties").isObject()) {
            checkSchema(where + "{}", schema.get("additionalProperties"));
        }
    }

    @Test
    void rejectsACrdWhoseNameDoesNotMatchItsPluralAndGroup(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("bad.yaml"), crd("things", "z.io").replace("name: things.z.io", "name: wrong.z.io"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CrdLoader().fromDirectory(tmp));
        assertTrue(e.getMessage().contains("must be \"things.z.io\""), e.getMessage());
    }
}
