package io.rancherdesktop.rdd.ui.view;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The look: AtlantaFX's Primer theme, light or dark. It follows the desktop where it can read it (GNOME/GTK
 * {@code org.gnome.desktop.interface color-scheme}) and can be overridden with {@code RDD_GUI_THEME=light|dark|system}.
 * rdd.css adds the app's own rules on top; the {@code dark} style class on the root adapts its few colours.
 */
public enum Theme {
    LIGHT,
    DARK;

    private static final Logger log = LoggerFactory.getLogger(Theme.class);

    /**
     * @param setting {@code light}, {@code dark}, {@code system} or null (= system)
     * @param desktopScheme the desktop's colour scheme ({@code 'prefer-dark'}, {@code 'default'}…), or null when unknown
     */
    public static Theme choose(String setting, Supplier<String> desktopScheme) {
        String s = setting == null ? "system" : setting.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "light" -> LIGHT;
            case "dark" -> DARK;
            default -> {
                String scheme = desktopScheme.get();
                yield scheme != null && scheme.contains("dark") ? DARK : LIGHT;
            }
        };
    }

    /** The theme for this process: {@code RDD_GUI_THEME}, else the desktop's setting, else light. */
    public static Theme fromEnvironment() {
        return choose(System.getenv("RDD_GUI_THEME"), Theme::gnomeColorScheme);
    }

    /** {@code gsettings get org.gnome.desktop.interface color-scheme}, or null where there is no gsettings. */
    static String gnomeColorScheme() {
        try {
            Process p = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Sets the theme for every window of the process and marks {@code scene}'s root. JavaFX thread. */
    public void apply(Scene scene) {
        Application.setUserAgentStylesheet(this == DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        scene.getRoot().getStyleClass().removeAll("light", "dark");
        scene.getRoot().getStyleClass().add(this == DARK ? "dark" : "light");
        log.debug("theme {}", this);
    }
}
