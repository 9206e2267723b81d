package io.rancherdesktop.rdd.ui.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MirrorFactsTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void relativeTimesReadAsPeopleSayThem() {
        assertEquals("just now", MirrorFacts.relativeTime("2026-11-28T11:59:40Z", NOW));
        assertEquals("just now", MirrorFacts.relativeTime("2026-11-28T12:05:00Z", NOW), "a clock skew is not \"in the future\"");
        assertEquals("a minute ago", MirrorFacts.relativeTime("2026-11-28T11:59:00Z", NOW));
        assertEquals("3 minutes ago", MirrorFacts.relativeTime("2026-11-28T11:57:00Z", NOW));
        assertEquals("an hour ago", MirrorFacts.relativeTime("2026-11-28T11:00:00Z", NOW));
        assertEquals("5 hours ago", MirrorFacts.relativeTime("2026-11-28T07:00:00Z", NOW));
        assertEquals("a day ago", MirrorFacts.relativeTime("2026-11-27T12:00:00Z", NOW));
        assertEquals("2 days ago", MirrorFacts.relativeTime("2026-11-26T10:00:00Z", NOW));
        assertEquals("3 months ago", MirrorFacts.relativeTime("2026-08-28T12:00:00Z", NOW));
        assertEquals("2 years ago", MirrorFacts.relativeTime("2024-11-20T12:00:00Z", NOW));
        assertEquals("", MirrorFacts.relativeTime(null, NOW));
        assertEquals("", MirrorFacts.relativeTime("", NOW));
        assertEquals("yesterday-ish", MirrorFacts.relativeTime("yesterday-ish", NOW), "an unreadable time is shown as is");
    }

    @Test
    void sizesAreHumanReadableInTheDockerClisDecimalUnits() {
        assertEquals("512B", MirrorFacts.size(512L));
        assertEquals("4.26MB", MirrorFacts.size(4_260_000L));
        assertEquals("193MB", MirrorFacts.size(192_900_000L));
        assertEquals("1.20GB", MirrorFacts.size(1_200_000_000L));
        assertEquals("7.80kB", MirrorFacts.size(7_800L));
        assertEquals("", MirrorFacts.size(null));
    }
}
