package io.rancherdesktop.rdd.ui.view;

import io.rancherdesktop.rdd.instance.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whether the desktop asks for dark apps (docs/gui.md "Look"), read with each platform's own command, each bounded
 * by {@link #TIMEOUT}. {@link #detectAsync} runs off the JavaFX thread. Only the parsing of each command's output is
 * unit-tested; the macOS and Windows commands have not been run on those systems.
 * <ul>
 *   <li>Linux: {@code gsettings get org.gnome.desktop.interface color-scheme} ({@code 'prefer-dark'} / {@code 'prefer-light'}),
 *       else the GTK theme name ({@code gsettings get org.gnome.desktop.interface gtk-theme}) ending in {@code -dark},
 *       else {@code GTK_THEME} ({@code Adwaita:dark}, {@code Adwaita-dark});</li>
 *   <li>macOS: {@code defaults read -g AppleInterfaceStyle} prints {@code Dark} (and fails when the key is absent: light);</li>
 *   <li>Windows: {@code reg query HKCU\Software\Microsoft\Windows\CurrentVersion\Themes\Personalize /v AppsUseLightTheme},
 *       {@code 0x0} = dark.</li>
 * </ul>
 */
public final class DesktopDarkMode {
    private static final Logger log = LoggerFactory.getLogger(DesktopDarkMode.class);
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** What a command printed on stdout, and its exit code. */
    public record Output(int exitCode, String stdout) {
    }

    /** Runs a command with a deadline; empty when it cannot run or does not finish in time. */
    @FunctionalInterface
    public interface CommandRunner {
        Optional<Output> run(List<String> command, Duration timeout);
    }

    private DesktopDarkMode() {
    }

    // ---- parsers (pure) ----

    /** {@code gsettings get … color-scheme}: dark for {@code 'prefer-dark'}, light for {@code 'prefer-light'}, else unknown. */
    public static Optional<Boolean> parseGnomeColorScheme(String out) {
        String v = unquote(out);
        return switch (v) {
            case "prefer-dark" -> Optional.of(true);
            case "prefer-light" -> Optional.of(false);
            default -> Optional.empty(); // 'default' (no preference) or nothing
        };
    }

    /**
     * A GTK theme name, from {@code gsettings get … gtk-theme} ({@code 'Adwaita-dark'}) or {@code GTK_THEME}
     * ({@code Adwaita:dark}, {@code Adwaita-dark}): dark when it names a dark variant, else unknown (a theme name
     * alone does not say it is light).
     */
    public static Optional<Boolean> parseGtkThemeName(String name) {
        String v = unquote(name).toLowerCase(Locale.ROOT);
        return v.endsWith("-dark") || v.endsWith(":dark") || v.endsWith("-darker") ? Optional.of(true) : Optional.empty();
    }

    /**
     * {@code defaults read -g AppleInterfaceStyle}: prints {@code Dark} in dark mode; in light mode the key does not
     * exist and the command fails (exit 1, "does not exist" on stderr).
     */
    public static Optional<Boolean> parseMacInterfaceStyle(Output out) {
        if (out.exitCode() != 0) {
            return Optional.of(false);
        }
        return Optional.of(out.stdout().trim().equalsIgnoreCase("Dark"));
    }

    /**
     * {@code reg query … /v AppsUseLightTheme}: the line {@code AppsUseLightTheme    REG_DWORD    0x0} means dark,
     * {@code 0x1} light; anything else (the value is absent on old Windows) is unknown.
     */
    public static Optional<Boolean> parseWindowsAppsUseLightTheme(Output out) {
        if (out.exitCode() != 0) {
            return Optional.empty();
        }
        for (String line : out.stdout().split("\\R")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[0].equalsIgnoreCase("AppsUseLightTheme") && words[1].equalsIgnoreCase("REG_DWORD")) {
                try {
                    String hex = words[2].toLowerCase(Locale.ROOT);
                    long v = hex.startsWith("0x") ? Long.parseLong(hex.substring(2), 16) : Long.parseLong(hex);
                    return Optional.of(v == 0);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static String unquote(String s) {
        if (s == null) {
            return "";
        }
        String v = s.trim();
        if (v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))) {
            v = v.substring(1, v.length() - 1);
        }
        return v.trim();
    }

    // ---- detection ----

    /** Whether the desktop asks for dark apps; false when it cannot be read. Blocks up to a few seconds. */
    public static boolean detect(Platform platform, Map<String, String> env, CommandRunner runner) {
        Optional<Boolean> dark = switch (platform) {
            case MACOS -> runner.run(List.of("defaults", "read", "-g", "AppleInterfaceStyle"), TIMEOUT)
                    .flatMap(DesktopDarkMode::parseMacInterfaceStyle);
            case WINDOWS -> runner.run(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme"), TIMEOUT).flatMap(DesktopDarkMode::parseWindowsAppsUseLightTheme);
            case LINUX -> linux(env, runner);
        };
        log.debug("desktop dark mode on {}: {}", platform, dark.map(String::valueOf).orElse("unknown (light)"));
        return dark.orElse(false);
    }

    private static Optional<Boolean> linux(Map<String, String> env, CommandRunner runner) {
        Optional<Boolean> scheme = runner.run(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"), TIMEOUT)
                .filter(o -> o.exitCode() == 0).flatMap(o -> parseGnomeColorScheme(o.stdout()));
        if (scheme.isPresent()) {
            return scheme;
        }
        Optional<Boolean> gtk = runner.run(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"), TIMEOUT)
                .filter(o -> o.exitCode() == 0).flatMap(o -> parseGtkThemeName(o.stdout()));
        if (gtk.isPresent()) {
            return gtk;
        }
        return parseGtkThemeName(env.get("GTK_THEME"));
    }

    /** {@link #detect} for this process, on a new thread (never the JavaFX thread). */
    public static CompletableFuture<Boolean> detectAsync() {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread.ofVirtual().name("rdd-ui-dark-mode").start(() -> {
            try {
                result.complete(detect(Platform.current(), System.getenv(), DesktopDarkMode::runCommand));
            } catch (RuntimeException e) {
                log.debug("reading the desktop's dark mode", e);
                result.complete(false);
            }
        });
        return result;
    }

    /** Runs {@code command}, stderr discarded; empty when it is not installed or outlives {@code timeout} (then killed). */
    public static Optional<Output> runCommand(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null")))
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                log.debug("{} did not answer within {} ms", command, timeout.toMillis());
                return Optional.empty();
            }
            return Optional.of(new Output(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
