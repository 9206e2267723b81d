package io.rancherdesktop.rdd.controller.engine.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mirror names (docs/design/mirroring-rules.md §4.1; review C1 and gap 1). */
class MirrorNamingTest {
    private static final String ID = "sha256:" + "ab".repeat(32);

    private static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void c1VolumeWithUppercaseAndUnderscoreGetsAValidHashedName() throws Exception {
        String name = VolumeMirrorName.of("My_Vol_Ume");
        assertEquals("vol-" + sha256Hex("My_Vol_Ume"), name);
        assertTrue(DerivedMirrorName.matches(name), name);
    }

    @Test
    void gap1UppercaseImageTagGetsAValidHashedNameOfIdNulTag() throws Exception {
        String name = ImageMirrorName.of(ID, "example/app:Tag_UPPER_1");
        assertEquals("img-" + sha256Hex(ID + "\0" + "example/app:Tag_UPPER_1"), name);
        assertTrue(DerivedMirrorName.matches(name), name);
    }

    @Test
    void namesMatchValuesComputedIndependentlyWithSha256sum() {
        // printf 'My_Vol_Ume' | sha256sum ; printf '<ID>\0example/app:Tag_UPPER_1' | sha256sum ; printf '<ID>' | sha256sum
        assertEquals("vol-4c6005b7bf450fd4e00b17a61c957f961d464d4314fd86fc96c47c79ff2da19d", VolumeMirrorName.of("My_Vol_Ume"));
        assertEquals("img-8b51a0474dde3e0927331ff21825030776c07890f25c2f8317e32818b74e895d",
                ImageMirrorName.of(ID, "example/app:Tag_UPPER_1"));
        assertEquals("img-7b28e61bc1d292234192478f2c9d3b56c10ca6a386801f8d2975ea6235e674cd", ImageMirrorName.dangling(ID));
    }

    @Test
    void danglingImageIsNamedByTheHashOfItsIdAlone() throws Exception {
        assertEquals("img-" + sha256Hex(ID), ImageMirrorName.dangling(ID));
    }

    @Test
    void placeholderNullAndEmptyTagsAllMeanDanglingSoListAndInspectNamesAgree() {
        String dangling = ImageMirrorName.dangling(ID);
        assertEquals(dangling, ImageMirrorName.of(ID, ImageMirrorName.PLACEHOLDER_TAG));
        assertEquals(dangling, ImageMirrorName.of(ID, null));
        assertEquals(dangling, ImageMirrorName.of(ID, ""));
    }

    @Test
    void differentTagsOfOneImageAndOneTagOfDifferentImagesGetDifferentNames() {
        String other = "sha256:" + "cd".repeat(32);
        assertNotEquals(ImageMirrorName.of(ID, "a:1"), ImageMirrorName.of(ID, "a:2"));
        assertNotEquals(ImageMirrorName.of(ID, "a:1"), ImageMirrorName.of(other, "a:1"));
        assertNotEquals(ImageMirrorName.of(ID, "a:1"), ImageMirrorName.dangling(ID));
    }

    @Test
    void hashingUsesUtf8Bytes() throws Exception {
        assertEquals("vol-" + sha256Hex("données_ümlaut_日本"), VolumeMirrorName.of("données_ümlaut_日本"));
    }

    @Test
    void everyDerivedNameMatchesThePattern() {
        for (String v : List.of("a", "My_Vol_Ume", "x".repeat(300), "vol with spaces", "UPPER", "_")) {
            assertTrue(DerivedMirrorName.matches(VolumeMirrorName.of(v)), v);
        }
        for (String t : List.of("example/app:Tag_UPPER_1", "registry:5000/ns/app:v1.0", "A:B", "<none>:<none>")) {
            assertTrue(DerivedMirrorName.matches(ImageMirrorName.of(ID, t)), t);
        }
    }

    @Test
    void namesAreAtMost68CharactersSoTheyFitRfc1123() {
        assertEquals(68, VolumeMirrorName.of("x".repeat(1000)).length());
        assertEquals(68, ImageMirrorName.of(ID, "y".repeat(1000)).length());
    }

    @Test
    void missingIdentityIsRejectedWithAClearMessage() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> VolumeMirrorName.of(""));
        assertTrue(e1.getMessage().contains("volume name"), e1.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VolumeMirrorName.of(null));
        var e2 = assertThrows(IllegalArgumentException.class, () -> ImageMirrorName.of(" ", "a:b"));
        assertTrue(e2.getMessage().contains("image ID"), e2.getMessage());
    }
}
