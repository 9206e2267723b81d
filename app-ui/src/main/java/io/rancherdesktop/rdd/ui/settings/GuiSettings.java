package io.rancherdesktop.rdd.ui.settings;

import java.util.Properties;

/**
 * The desktop app's own settings for one instance (not the App's: those live in the API). Stored by
 * {@link GuiSettingsStore} as a properties file: {@code theme=system|light|dark}, {@code quit=ask|stop-machine|keep-running}.
 */
public record GuiSettings(ThemeSetting theme, QuitChoice quit) {
    public static final GuiSettings DEFAULTS = new GuiSettings(ThemeSetting.SYSTEM, QuitChoice.ASK);

    public GuiSettings {
        theme = theme == null ? ThemeSetting.SYSTEM : theme;
        quit = quit == null ? QuitChoice.ASK : quit;
    }

    public GuiSettings withTheme(ThemeSetting t) {
        return new GuiSettings(t, quit);
    }

    public GuiSettings withQuit(QuitChoice q) {
        return new GuiSettings(theme, q);
    }

    /** Unknown or missing values fall back to the defaults (a hand-edited file never stops the app). */
    public static GuiSettings from(Properties p) {
        return new GuiSettings(ThemeSetting.parse(p.getProperty("theme")).orElse(DEFAULTS.theme()),
                QuitChoice.parse(p.getProperty("quit")).orElse(DEFAULTS.quit()));
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("theme", theme.value());
        p.setProperty("quit", quit.value());
        return p;
    }
}
