package io.rancherdesktop.rdd.ui.settings;

import java.util.Locale;
import java.util.Optional;

/** The theme asked for: follow the desktop, or always light, or always dark. */
public enum ThemeSetting {
    SYSTEM("system", "System"),
    LIGHT("light", "Light"),
    DARK("dark", "Dark");

    private final String value;
    private final String label;

    ThemeSetting(String value, String label) {
        this.value = value;
        this.label = label;
    }

    /** As written in the settings file and in {@code RDD_GUI_THEME}. */
    public String value() {
        return value;
    }

    public String label() {
        return label;
    }

    /** {@code light}, {@code dark} or {@code system} in any case; empty for anything else (or null). */
    public static Optional<ThemeSetting> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (ThemeSetting s : values()) {
            if (s.value.equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
