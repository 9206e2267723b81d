package io.rancherdesktop.rdd.cli;

import io.rancherdesktop.rdd.wire.GoDuration;
import java.time.Duration;

/** A duration flag ({@code --timeout=90s}) read as Go's pflag reads it, with its error for a bad value. */
public final class DurationFlag {
    private DurationFlag() {
    }

    public static Duration parse(String flag, String text) {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("invalid argument " + GoDuration.quote(text) + " for \"" + flag + "\" flag: " + e.getMessage());
        }
    }
}
