package io.rancherdesktop.rdd.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultAdmissionPluginsTest {

    @Test
    void theServerInstallsOnePluginPerRuleWithStableNames() {
        List<String> names = DefaultAdmissionPlugins.create().stream().map(AdmissionPlugin::name).toList();
        assertEquals(List.of(
                "app-defaulter.app.rancherdesktop.io",
                "app-validator.app.rancherdesktop.io",
                "container-validator.containers.rancherdesktop.io",
                "mirror-validator.containers.rancherdesktop.io",
                "containernamespace-validator.containers.rancherdesktop.io",
                "virtualmachine-validator.vm.rancherdesktop.io"), names);
    }
}
