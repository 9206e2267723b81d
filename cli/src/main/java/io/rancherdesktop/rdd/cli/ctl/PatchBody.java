package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;
import io.rancherdesktop.rdd.wire.Json;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** A patch given as JSON or YAML (kubectl accepts both), as JSON text. */
final class PatchBody {
    private PatchBody() {
    }

    static String toJson(String text) {
        try {
            Object v = Json.parse(text);
            return Json.write(v);
        } catch (IllegalArgumentException notJson) {
            try {
                Object v = Manifests.normalize(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
                if (v instanceof Map<?, ?> || v instanceof List<?>) {
                    return Json.write(v);
                }
            } catch (YAMLException e) {
                // reported below
            }
            throw CliException.plain(ExitCodes.GENERIC, "error: unable to parse \"" + text + "\": " + notJson.getMessage());
        }
    }
}
