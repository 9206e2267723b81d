package io.rancherdesktop.rdd.support;

/** What happened to one part of a support bundle; the manifest lists every one. */
public sealed interface BundleItem {
    /** The entry name in the bundle (or, for a part not written, the name it would have had). */
    String name();

    /** Written, possibly cut to its newest part, with this many secrets removed. */
    record Collected(String name, long bytes, boolean truncated, int redactions) implements BundleItem {
    }

    /** Deliberately not collected, e.g. the API parts while the service is down. */
    record Skipped(String name, String reason) implements BundleItem {
    }

    /** Tried and failed; the bundle is still written. */
    record Failed(String name, String error) implements BundleItem {
    }
}
