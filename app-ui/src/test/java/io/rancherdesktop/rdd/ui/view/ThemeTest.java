package io.rancherdesktop.rdd.ui.view;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThemeTest {

    @Test
    void theThemeFollowsTheDesktopUnlessOverridden() {
        assertEquals(Theme.DARK, Theme.choose(null, () -> "'prefer-dark'"));
        assertEquals(Theme.LIGHT, Theme.choose("system", () -> "'default'"));
        assertEquals(Theme.LIGHT, Theme.choose(null, () -> null), "no gsettings: light");
        assertEquals(Theme.LIGHT, Theme.choose("light", () -> "'prefer-dark'"), "the override wins");
        assertEquals(Theme.DARK, Theme.choose("DARK", () -> "'default'"));
    }
}
