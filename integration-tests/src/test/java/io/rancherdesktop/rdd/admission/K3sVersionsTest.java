package io.rancherdesktop.rdd.admission;

import static io.rancherdesktop.rdd.admission.Requests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class K3sVersionsTest {

    private final K3sVersions bundled = K3sVersions.bundled();

    @Test
    void theBundledDataSupports1320AndEveryChannelPointsAtASupportedVersion() {
        assertTrue(bundled.supported().contains("1.32.0"));
        assertTrue(bundled.supported().contains(bundled.stable()));
        assertTrue(bundled.channels().containsKey("latest"));
        bundled.channels().values().forEach(v -> assertTrue(bundled.supported().contains(v), v));
        assertEquals(Optional.empty(), bundled.resolve("1.31.99"));
    }

    @Test
    void aLeadingVAndTheK3sBuildSuffixAreIgnored() {
        assertEquals(Optional.of("1.32.0"), bundled.resolve("v1.32.0"));
        assertEquals(Optional.of("1.32.0"), bundled.resolve(" V1.32.0+k3s1 "));
        assertEquals(bundled.resolve("v1.32"), bundled.resolve("1.32"));
        assertEquals(Optional.of(bundled.stable()), bundled.resolve("stable"));
    }

    @Test
    void parsingTheRancherDesktopLayoutCanonicalisesVersions() {
        K3sVersions v = K3sVersions.parse(json("{\"cacheVersion\":2,\"channels\":{\"stable\":\"v1.2.3+k3s1\","
                + "\"v1.2\":\"1.2.3\"},\"versions\":[\"v1.2.3+k3s1\",\"v1.2.4+k3s2\"]}"));
        assertEquals("1.2.3", v.stable());
        assertEquals(java.util.List.of("1.2.3", "1.2.4"), v.supported());
        assertEquals(Optional.of("1.2.3"), v.resolve("v1.2"));
    }

    @Test
    void dataWhoseChannelsPointOutsideTheVersionListIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> K3sVersions.parse(
                json("{\"channels\":{\"stable\":\"1.9.9\"},\"versions\":[\"v1.2.3+k3s1\"]}")));
        assertTrue(e.getMessage().contains("1.9.9"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> K3sVersions.parse(
                json("{\"channels\":{\"latest\":\"1.2.3\"},\"versions\":[\"v1.2.3+k3s1\"]}")), "stable is required");
    }
}
