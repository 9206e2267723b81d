package io.rancherdesktop.rdd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Version facts stamped into the jar at build time ({@code version.properties}). */
public record BuildInfo(String version, String gitCommit, String buildDate) {
    public static final String DEV_VERSION = "v0.0.0-dev";

    public static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading version.properties", e);
        }
        return new BuildInfo(
                clean(p.getProperty("version"), DEV_VERSION),
                clean(p.getProperty("gitCommit"), "unknown"),
                clean(p.getProperty("buildDate"), "unknown"));
    }

    private static String clean(String v, String fallback) {
        return v == null || v.isBlank() || v.startsWith("${") ? fallback : v.trim();
    }

    public String platform() {
        return System.getProperty("os.name", "unknown").toLowerCase(java.util.Locale.ROOT) + "/" + System.getProperty("os.arch", "unknown");
    }

    public String runtimeVersion() {
        return "java" + Runtime.version();
    }

    public String compiler() {
        return System.getProperty("java.vm.name", "unknown");
    }
}
