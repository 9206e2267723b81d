package io.rancherdesktop.rdd.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultAdmissionPluginsTest {
    /** The kinds of the plurals the plugins' rules name. */
    private static final Map<String, String> KINDS = Map.of("apps", "App", "containers", "Container", "images", "Image", "volumes", "Volume",
            "containernamespaces", "ContainerNamespace", "virtualmachines", "VirtualMachine");

    @Test
    void theServerInstallsOnePluginPerRuleWithStableNames() {
        List<String> names = DefaultAdmissionPlugins.create().stream().map(AdmissionPlugin::name).toList();
        assertEquals(List.of(
                "app-defaulter.app.rancherdesktop.io",
                "app-validator.app.rancherdesktop.io",
                "container-validator.containers.rancherdesktop.io",
                "mirror-validator.containers.rancherdesktop.io",
                "containernamespace-validator.containers.rancherdesktop.io",
                "inuse-delete-validator.containers.rancherdesktop.io",
                "virtualmachine-validator.vm.rancherdesktop.io"), names);
    }

    /** The published rules (issue 14 item 12) say what handles() does: every rule's request is handled, other operations are not. */
    @Test
    void everyPluginsRulesDescribeWhatItHandles() {
        for (AdmissionPlugin p : DefaultAdmissionPlugins.create()) {
            assertFalse(p.rules().isEmpty(), p.name() + " declares no rules");
            for (AdmissionRule r : p.rules()) {
                for (String group : r.apiGroups()) {
                    for (String plural : r.resources()) {
                        for (Operation op : Operation.values()) {
                            AdmissionRequest req = new AdmissionRequest(op, group, "v1alpha1", KINDS.get(plural), plural, "default", "x", "",
                                    op == Operation.DELETE ? null : JsonNodeFactory.instance.objectNode(),
                                    op == Operation.CREATE ? null : JsonNodeFactory.instance.objectNode(), false, UserInfo.owner("token"));
                            assertEquals(r.operations().contains(op), p.handles(req), p.name() + " " + op + " " + plural);
                        }
                    }
                }
            }
        }
        assertEquals(List.of("app-defaulter.app.rancherdesktop.io"),
                DefaultAdmissionPlugins.create().stream().filter(AdmissionPlugin::mutating).map(AdmissionPlugin::name).toList());
    }
}
