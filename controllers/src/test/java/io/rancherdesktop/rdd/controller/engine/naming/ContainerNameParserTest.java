package io.rancherdesktop.rdd.controller.engine.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The six required cases of docs/design/mirroring-rules.md §4.2 (review gap 9). */
class ContainerNameParserTest {

    @ParameterizedTest(name = "gap9: \"{0}\" -> ({1}, {2})")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "/plain                 | moby   | plain",
        "plain                  | moby   | plain",
        "/k8s.io/magical_gates  | k8s.io | magical_gates",
        "/ns/name/with/slashes  | ns     | name/with/slashes",
        "''                     | moby   | ''",
        "/                      | moby   | ''",
    })
    void gap9ParsesNamespaceAndName(String docker, String namespace, String name) {
        assertEquals(new ContainerName(namespace, name), ContainerNameParser.parse(docker));
    }
}
