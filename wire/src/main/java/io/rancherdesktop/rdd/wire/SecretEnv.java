package io.rancherdesktop.rdd.wire;

import java.util.List;
import java.util.Locale;

/**
 * Which environment variables hold secrets, one rule for every place that shows a container's or a process's
 * environment (the GUI's container details, the support bundle; docs/gui.md "Container details"): a name that
 * contains {@code PASSWORD}, {@code PASSWD}, {@code SECRET}, {@code TOKEN}, {@code KEY}, {@code CREDENTIAL} (so also
 * {@code CREDENTIALS}) or {@code AUTH}, in any case. The rule errs towards masking ({@code KEYBOARD_LAYOUT} is masked
 * too).
 */
public final class SecretEnv {
    /** What a masked value shows. */
    public static final String MASK = "\u2022\u2022\u2022\u2022\u2022\u2022";

    private static final List<String> WORDS = List.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "AUTH");

    private SecretEnv() {
    }

    /** Whether a variable of this name holds a secret. */
    public static boolean isSecretName(String name) {
        if (name == null) {
            return false;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        return WORDS.stream().anyMatch(upper::contains);
    }

    /** The name of a {@code NAME=value} entry (the whole entry when it has no {@code =}). */
    public static String name(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(0, eq);
    }

    /** The value of a {@code NAME=value} entry (empty when it has no {@code =}). */
    public static String value(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? "" : entry.substring(eq + 1);
    }

    /** Whether the entry {@code NAME=value} has a secret-looking name and a non-empty value. */
    public static boolean isSecretEntry(String entry) {
        return entry != null && isSecretName(name(entry)) && !value(entry).isEmpty();
    }

    /** {@code NAME=value} with the value replaced by {@code replacement} when the name looks secret. */
    public static String mask(String entry, String replacement) {
        return isSecretEntry(entry) ? name(entry) + "=" + replacement : entry;
    }

    /** {@code NAME=value} with the value shown as {@link #MASK} when the name looks secret. */
    public static String mask(String entry) {
        return mask(entry, MASK);
    }
}
