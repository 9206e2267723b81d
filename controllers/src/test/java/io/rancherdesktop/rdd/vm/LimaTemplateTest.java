package io.rancherdesktop.rdd.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rancherdesktop.rdd.instance.Instance;
import io.rancherdesktop.rdd.instance.InstancePaths;
import io.rancherdesktop.rdd.instance.Platform;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimaTemplateTest {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final InstancePaths paths = new InstancePaths(new Instance("42"), Platform.LINUX, Path.of("/home/u"), Map.of());

    private JsonNode render(EngineConfig cfg) throws Exception {
        String text = LimaTemplate.render(cfg, paths).yaml();
        assertFalse(text.contains("@@"), "no placeholder left");
        return yaml.readTree(text);
    }

    @Test
    void mobyTemplateRunsDockerAndForwardsItsSocketToTheInstanceSocket() throws Exception {
        JsonNode t = render(EngineConfig.of(EngineKind.MOBY));

        assertEquals("/var/run/docker.sock", t.at("/portForwards/0/guestSocket").asText());
        assertEquals("/home/u/.rd42/docker.sock", t.at("/portForwards/0/hostSocket").asText());
        assertFalse(t.at("/containerd/system").asBoolean(), "moby does not use Lima's containerd");
        String provision = t.at("/provision/0/script").asText();
        assertTrue(provision.contains("engine=\"moby\""), provision);
        assertTrue(provision.contains("systemctl enable --now docker.socket docker.service"), provision);
        assertTrue(t.at("/cpus").isNull(), "Lima's default CPU count without RDD_VM_CPUS");
    }

    @Test
    void containerdTemplateEnablesLimasContainerdAndDisablesDocker() throws Exception {
        JsonNode t = render(EngineConfig.of(EngineKind.CONTAINERD));

        assertTrue(t.at("/containerd/system").asBoolean());
        String provision = t.at("/provision/0/script").asText();
        assertTrue(provision.contains("engine=\"containerd\""), provision);
        assertTrue(provision.contains("systemctl disable --now docker.service docker.socket"), provision);
    }

    @Test
    void rddVmCpusBecomesTheCpusLine() throws Exception {
        EngineConfig cfg = EngineConfig.fromEnvironment(EngineKind.MOBY, null, Map.of("RDD_VM_CPUS", "6"));
        assertEquals(6, render(cfg).at("/cpus").asInt());
    }

    @Test
    void shellVariablesInProvisionScriptsAreLeftAlone() throws Exception {
        String script = render(EngineConfig.of(EngineKind.MOBY)).at("/provision/0/script").asText();
        assertTrue(script.contains("${LIMA_CIDATA_USER:-$(id -un 1000)}"), script);
    }

    @Test
    void anUnknownPlaceholderIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LimaTemplate.fill("cpus: @@MEMORY@@", Map.of("CPUS", "2")));
        assertTrue(e.getMessage().contains("@@MEMORY@@"), e.getMessage());
    }
}
