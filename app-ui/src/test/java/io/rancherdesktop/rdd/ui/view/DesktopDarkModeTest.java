package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.instance.Platform;
import io.rancherdesktop.rdd.ui.view.DesktopDarkMode.Output;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parsing of each platform's dark-mode command (the macOS and Windows commands themselves are untested). */
class DesktopDarkModeTest {

    @Test
    void gnomeColorSchemePreferDarkIsDarkPreferLightIsLightDefaultIsUnknown() {
        assertEquals(Optional.of(true), DesktopDarkMode.parseGnomeColorScheme("'prefer-dark'\n"));
        assertEquals(Optional.of(false), DesktopDarkMode.parseGnomeColorScheme("'prefer-light'"));
        assertEquals(Optional.empty(), DesktopDarkMode.parseGnomeColorScheme("'default'"));
        assertEquals(Optional.empty(), DesktopDarkMode.parseGnomeColorScheme(""));
        assertEquals(Optional.empty(), DesktopDarkMode.parseGnomeColorScheme(null));
    }

    @Test
    void aGtkThemeNameEndingInDarkIsDarkAnyOtherNameSaysNothing() {
        assertEquals(Optional.of(true), DesktopDarkMode.parseGtkThemeName("'Adwaita-dark'\n"));
        assertEquals(Optional.of(true), DesktopDarkMode.parseGtkThemeName("Adwaita:dark"), "GTK_THEME's variant form");
        assertEquals(Optional.of(true), DesktopDarkMode.parseGtkThemeName("Yaru-Dark"));
        assertEquals(Optional.empty(), DesktopDarkMode.parseGtkThemeName("'Adwaita'"));
        assertEquals(Optional.empty(), DesktopDarkMode.parseGtkThemeName("Darkroom-light"));
        assertEquals(Optional.empty(), DesktopDarkMode.parseGtkThemeName(null));
    }

    @Test
    void macOsAppleInterfaceStyleDarkIsDarkAndAMissingKeyIsLight() {
        assertEquals(Optional.of(true), DesktopDarkMode.parseMacInterfaceStyle(new Output(0, "Dark\n")));
        // Light mode: "The domain/default pair of (kCFPreferencesAnyApplication, AppleInterfaceStyle) does not exist", exit 1
        assertEquals(Optional.of(false), DesktopDarkMode.parseMacInterfaceStyle(new Output(1, "")));
        assertEquals(Optional.of(false), DesktopDarkMode.parseMacInterfaceStyle(new Output(0, "Light\n")));
    }

    @Test
    void windowsAppsUseLightTheme0x0IsDark0x1IsLightAndAMissingValueIsUnknown() {
        String dark = "\r\nHKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize\r\n"
                + "    AppsUseLightTheme    REG_DWORD    0x0\r\n\r\n";
        assertEquals(Optional.of(true), DesktopDarkMode.parseWindowsAppsUseLightTheme(new Output(0, dark)));
        assertEquals(Optional.of(false), DesktopDarkMode.parseWindowsAppsUseLightTheme(new Output(0, dark.replace("0x0", "0x1"))));
        // "ERROR: The system was unable to find the specified registry key or value." (exit 1)
        assertEquals(Optional.empty(), DesktopDarkMode.parseWindowsAppsUseLightTheme(new Output(1, "")));
        assertEquals(Optional.empty(), DesktopDarkMode.parseWindowsAppsUseLightTheme(new Output(0, "HKEY_CURRENT_USER\\…\r\n")));
    }

    /** A stand-in for the commands: answers by the command's words, records what was run. */
    private record Answers(Map<String, Output> byCommand, List<String> ran) implements DesktopDarkMode.CommandRunner {
        Answers(Map<String, Output> byCommand) {
            this(byCommand, new ArrayList<>());
        }

        @Override
        public Optional<Output> run(List<String> command, Duration timeout) {
            assertTrue(timeout.compareTo(Duration.ofSeconds(5)) <= 0, "each command is bounded");
            String key = String.join(" ", command);
            ran.add(key);
            return Optional.ofNullable(byCommand.get(key));
        }
    }

    private static final String SCHEME = "gsettings get org.gnome.desktop.interface color-scheme";
    private static final String GTK = "gsettings get org.gnome.desktop.interface gtk-theme";

    @Test
    void onLinuxTheColorSchemeWinsThenTheGtkThemeThenGtkThemeEnv() {
        assertTrue(DesktopDarkMode.detect(Platform.LINUX, Map.of(), new Answers(Map.of(SCHEME, new Output(0, "'prefer-dark'")))));
        Answers lightScheme = new Answers(Map.of(SCHEME, new Output(0, "'prefer-light'"), GTK, new Output(0, "'Adwaita-dark'")));
        assertFalse(DesktopDarkMode.detect(Platform.LINUX, Map.of("GTK_THEME", "Adwaita:dark"), lightScheme), "an explicit light scheme wins");
        assertEquals(List.of(SCHEME), lightScheme.ran());
        assertTrue(DesktopDarkMode.detect(Platform.LINUX, Map.of(),
                new Answers(Map.of(SCHEME, new Output(0, "'default'"), GTK, new Output(0, "'Adwaita-dark'")))), "the GTK theme name");
        assertTrue(DesktopDarkMode.detect(Platform.LINUX, Map.of("GTK_THEME", "Adwaita:dark"), new Answers(Map.of())),
                "no gsettings: GTK_THEME");
        assertFalse(DesktopDarkMode.detect(Platform.LINUX, Map.of(), new Answers(Map.of())), "nothing readable: light");
    }

    @Test
    void onMacOsAndWindowsTheirOwnCommandIsAsked() {
        Answers mac = new Answers(Map.of("defaults read -g AppleInterfaceStyle", new Output(0, "Dark\n")));
        assertTrue(DesktopDarkMode.detect(Platform.MACOS, Map.of(), mac));
        assertEquals(List.of("defaults read -g AppleInterfaceStyle"), mac.ran());
        Answers win = new Answers(Map.of("reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize /v AppsUseLightTheme",
                new Output(0, "    AppsUseLightTheme    REG_DWORD    0x0\r\n")));
        assertTrue(DesktopDarkMode.detect(Platform.WINDOWS, Map.of(), win));
        assertFalse(DesktopDarkMode.detect(Platform.WINDOWS, Map.of(), new Answers(Map.of())), "reg not answering: light");
    }

    @Test
    void aCommandThatDoesNotExistOrHangsGivesNoAnswerWithinItsTimeout() {
        assertEquals(Optional.empty(), DesktopDarkMode.runCommand(List.of("rdd-no-such-command-xyz"), Duration.ofSeconds(1)));
        long start = System.nanoTime();
        assertEquals(Optional.empty(), DesktopDarkMode.runCommand(List.of("sleep", "30"), Duration.ofMillis(300)));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "bounded by the timeout");
        assertEquals(Optional.of(new Output(0, "prefer-dark\n")), DesktopDarkMode.runCommand(List.of("echo", "prefer-dark"), Duration.ofSeconds(5)));
    }
}
