package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.ui.settings.GuiSettingsStore;
import io.rancherdesktop.rdd.ui.settings.ThemeSetting;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Scene;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Which theme shows, applied live (docs/gui.md "Look"): {@code RDD_GUI_THEME} when set, else the Settings choice;
 * {@code system} follows the desktop ({@link DesktopDarkMode}), read off the JavaFX thread — light shows until the
 * answer arrives. Every change of the settings re-applies the theme to the window at once. JavaFX thread.
 */
public final class ThemeController {
    public static final String ENV = "RDD_GUI_THEME";

    private final GuiSettingsStore settings;
    private final Optional<ThemeSetting> override;
    private final Supplier<CompletableFuture<Boolean>> desktopDark;
    private final Executor fx;
    private final List<Scene> scenes = new ArrayList<>();
    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>(this, "theme", Theme.LIGHT);
    private boolean desktopIsDark;
    private boolean detecting;

    /**
     * @param env the process environment ({@link #ENV} is read from it)
     * @param desktopDark asks the desktop whether it is dark, off the JavaFX thread ({@link DesktopDarkMode#detectAsync})
     * @param fx the JavaFX thread ({@code Platform::runLater})
     */
    public ThemeController(GuiSettingsStore settings, Map<String, String> env, Supplier<CompletableFuture<Boolean>> desktopDark, Executor fx) {
        this.settings = settings;
        this.override = ThemeSetting.parse(env.get(ENV));
        this.desktopDark = desktopDark;
        this.fx = fx;
        settings.property().addListener((obs, was, now) -> {
            if (was.theme() != now.theme()) {
                refresh(now.theme() == ThemeSetting.SYSTEM);
            }
        });
    }

    /** Shows {@code scene} in the current theme and keeps it following. */
    public void manage(Scene scene) {
        scenes.add(scene);
        refresh(true);
    }

    /** The {@link #ENV} value in force, if any (the Settings dialog says that it overrides the choice). */
    public Optional<ThemeSetting> override() {
        return override;
    }

    /** The setting in force: the override, else the saved choice. */
    public ThemeSetting effectiveSetting() {
        return override.orElse(settings.get().theme());
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public Theme theme() {
        return theme.get();
    }

    /** @param askDesktop read the desktop's setting again (when the setting is, or became, {@code system}) */
    private void refresh(boolean askDesktop) {
        ThemeSetting setting = effectiveSetting();
        show(Theme.of(setting, desktopIsDark));
        if (setting == ThemeSetting.SYSTEM && askDesktop && !detecting) {
            detecting = true;
            desktopDark.get().whenCompleteAsync((dark, error) -> {
                detecting = false;
                desktopIsDark = error == null && Boolean.TRUE.equals(dark);
                show(Theme.of(effectiveSetting(), desktopIsDark));
            }, fx);
        }
    }

    private void show(Theme t) {
        theme.set(t);
        if (!scenes.isEmpty()) {
            t.apply(scenes.getFirst());
            scenes.forEach(t::mark);
        }
    }
}
