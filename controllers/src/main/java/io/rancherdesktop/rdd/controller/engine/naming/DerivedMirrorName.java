package io.rancherdesktop.rdd.controller.engine.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The shape every hashed mirror name has (docs/design/mirroring-rules.md §4.1, review C1): a kind prefix and the
 * lowercase hex SHA-256 of the engine-side identity. Hashing, rather than sanitising, is what makes every
 * Docker name (uppercase, {@code _}, {@code /}, {@code :}, any Unicode) a valid RFC 1123 object name.
 */
public final class DerivedMirrorName {
    /** Every image and volume mirror name matches this. */
    public static final Pattern PATTERN = Pattern.compile("^(img|vol)-[0-9a-f]{64}$");

    private DerivedMirrorName() {
    }

    /** True when {@code name} has the shape of a derived image or volume mirror name. */
    public static boolean matches(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    static String hash(String prefix, String identity) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
        return prefix + HexFormat.of().formatHex(sha256.digest(identity.getBytes(StandardCharsets.UTF_8)));
    }
}
