package io.rancherdesktop.rdd.ui.view;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * The look: AtlantaFX's Primer theme, light or dark. It follows the desktop where it can read it
 * ({@link DesktopDarkMode}: GNOME/GTK, macOS, Windows), or the Settings dialog's choice, and {@code RDD_GUI_THEME=light|dark|system}
 * overrides both ({@link ThemeController}).
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

    /**
     * The theme for this process: {@code RDD_GUI_THEME}, else the desktop's setting, else light. Blocks while the
     * desktop is asked (up to a few seconds): never on the JavaFX thread; the app uses {@link ThemeController}.
     */
    public static Theme fromEnvironment() {
        return choose(System.getenv("RDD_GUI_THEME"), () -> DesktopDarkMode.detect(io.rancherdesktop.rdd.instance.Platform.current(),
                System.getenv(), DesktopDarkMode::runCommand) ? "dark" : "light");
    }

    /** The theme for a setting, given whether the desktop is dark (for {@code SYSTEM}). */
    public static Theme of(io.rancherdesktop.rdd.ui.settings.ThemeSetting setting, boolean desktopDark) {
        return switch (setting) {
            case LIGHT -> LIGHT;
            case DARK -> DARK;
            case SYSTEM -> desktopDark ? DARK : LIGHT;
        };
    }

    /** The theme marker ({@code dark}/{@code light} style class) of {@code owner}'s scene, copied onto a dialog's root. */
    public static void styleLike(javafx.scene.Node owner, javafx.scene.Parent dialogRoot) {
        boolean dark = owner != null && owner.getScene() != null && owner.getScene().getRoot().getStyleClass().contains("dark");
        dialogRoot.getStyleClass().removeAll("light", "dark");
        dialogRoot.getStyleClass().add(dark ? "dark" : "light");
    }

    /** Sets the theme for every window of the process and marks {@code scene}'s root. JavaFX thread. */
    public void apply(Scene scene) {
        Application.setUserAgentStylesheet(this == DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        mark(scene);
    }

    /** Marks {@code scene}'s root with this theme's style class (the stylesheet itself is process-wide). */
    public void mark(Scene scene) {
        scene.getRoot().getStyleClass().removeAll("light", "dark");
        scene.getRoot().getStyleClass().add(this == DARK ? "dark" : "light");
        log.debug("theme {}", this);
    }
}
