package io.rancherdesktop.rdd.instance;

import java.util.Locale;

/** The host operating system families whose path conventions rdd follows (docs/design/upstream-cli.md §2). */
public enum Platform {
    LINUX, MACOS, WINDOWS;

    /** The platform this JVM runs on; anything that is not macOS or Windows follows Linux conventions. */
    public static Platform current() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return MACOS;
        }
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        return LINUX;
    }
}
