package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.instance.ControllerSelection;
import io.rancherdesktop.rdd.instance.ServiceArgs;

/** Validation shared by the {@code svc} subcommands' flags. */
final class SvcOptions {
    private SvcOptions() {
    }

    /** Checks a {@code --controllers} spec (null passes: not given). */
    static String controllers(String spec) {
        if (spec != null) {
            try {
                ControllerSelection.parse(spec);
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage());
            }
        }
        return spec;
    }

    /** Parses a {@code --secure-port} (null passes: not given). */
    static Integer securePort(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ServiceArgs.parsePort(text);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }
}
