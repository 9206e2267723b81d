package io.rancherdesktop.rdd.cli.ctl;

import io.rancherdesktop.rdd.cli.CliException;
import io.rancherdesktop.rdd.cli.ExitCodes;

/** kubectl's {@code --dry-run=none|server|client}; only the server strategy is supported (client would need local defaulting). */
final class DryRun {
    private DryRun() {
    }

    static boolean server(String value) {
        if (value == null || value.equals("none") || value.equals("false")) {
            return false;
        }
        if (value.equals("server")) {
            return true;
        }
        if (value.equals("client") || value.equals("true")) {
            throw CliException.plain(ExitCodes.GENERIC, "error: --dry-run=client is not supported by rdd ctl; use --dry-run=server");
        }
        throw CliException.plain(ExitCodes.GENERIC, "error: Invalid dry-run value (" + value + "). Must be \"none\", \"server\", or \"client\".");
    }
}
