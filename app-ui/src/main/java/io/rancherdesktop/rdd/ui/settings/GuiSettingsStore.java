package io.rancherdesktop.rdd.ui.settings;

import io.rancherdesktop.rdd.instance.InstancePaths;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The GUI settings of one instance, kept in {@code <instance dir>/gui-settings.properties} (beside the service's
 * {@code args.json}; {@code rdd svc paths} names the dir). Read once at start; every change is written at once,
 * atomically (a temporary file renamed over the old one), so a crash never leaves half a file. A missing or unreadable
 * file means the defaults; a failed write is logged and the change still applies for this run. JavaFX thread.
 */
public final class GuiSettingsStore {
    public static final String FILE_NAME = "gui-settings.properties";
    private static final Logger log = LoggerFactory.getLogger(GuiSettingsStore.class);

    private final Path file;
    private final ReadOnlyObjectWrapper<GuiSettings> current;

    private GuiSettingsStore(Path file, GuiSettings initial) {
        this.file = file;
        this.current = new ReadOnlyObjectWrapper<>(this, "settings", initial);
    }

    /** The settings file of an instance. */
    public static Path fileFor(InstancePaths paths) {
        return paths.dir().resolve(FILE_NAME);
    }

    /** The settings in {@code file} (the defaults when it does not exist or cannot be read). */
    public static GuiSettingsStore open(Path file) {
        return new GuiSettingsStore(file, read(file));
    }

    /** Settings that are never written (tests, and a GUI without an instance dir). */
    public static GuiSettingsStore inMemory(GuiSettings initial) {
        return new GuiSettingsStore(null, initial);
    }

    static GuiSettings read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return GuiSettings.DEFAULTS;
        } catch (IOException | IllegalArgumentException e) {
            log.warn("cannot read the GUI settings {} ({}); using the defaults", file, e.getMessage());
            return GuiSettings.DEFAULTS;
        }
        return GuiSettings.from(p);
    }

    public GuiSettings get() {
        return current.get();
    }

    public ReadOnlyObjectProperty<GuiSettings> property() {
        return current.getReadOnlyProperty();
    }

    /** Where the settings are kept; null when only in memory. */
    public Path file() {
        return file;
    }

    /** Changes the settings and writes them (when they differ). */
    public void set(GuiSettings settings) {
        if (settings.equals(current.get())) {
            return;
        }
        current.set(settings);
        if (file != null) {
            write(file, settings);
        }
    }

    private static void write(Path file, GuiSettings settings) {
        try {
            Files.createDirectories(file.getParent());
            StringWriter text = new StringWriter();
            settings.toProperties().store(text, "rdd desktop app settings (docs/gui.md)");
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot write the GUI settings {}: {}", file, e.getMessage());
        }
    }
}
