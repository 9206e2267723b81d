package io.rancherdesktop.rdd.ui.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuiSettingsStoreTest {

    @Test
    void aMissingFileMeansTheDefaultsAndNothingIsWrittenUntilAChange(@TempDir Path dir) {
        Path file = dir.resolve("inst").resolve(GuiSettingsStore.FILE_NAME);
        GuiSettingsStore store = GuiSettingsStore.open(file);
        assertEquals(GuiSettings.DEFAULTS, store.get());
        assertEquals(ThemeSetting.SYSTEM, store.get().theme());
        assertEquals(QuitChoice.ASK, store.get().quit());
        assertFalse(Files.exists(file));
    }

    @Test
    void aChangeIsWrittenAtOnceAtomicallyAndReadBackByTheNextRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("inst").resolve(GuiSettingsStore.FILE_NAME);
        GuiSettingsStore store = GuiSettingsStore.open(file);
        store.set(store.get().withTheme(ThemeSetting.DARK).withQuit(QuitChoice.KEEP_RUNNING));
        String text = Files.readString(file);
        assertTrue(text.contains("theme=dark") && text.contains("quit=keep-running"), text);
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        assertEquals(new GuiSettings(ThemeSetting.DARK, QuitChoice.KEEP_RUNNING), GuiSettingsStore.open(file).get());
    }

    @Test
    void unknownValuesFallBackToTheDefaultsOneByOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(GuiSettingsStore.FILE_NAME);
        Files.writeString(file, "theme=purple\nquit=stop-machine\n");
        assertEquals(new GuiSettings(ThemeSetting.SYSTEM, QuitChoice.STOP_MACHINE), GuiSettingsStore.open(file).get());
    }

    @Test
    void inMemorySettingsAreNeverWritten() {
        GuiSettingsStore store = GuiSettingsStore.inMemory(GuiSettings.DEFAULTS);
        store.set(store.get().withTheme(ThemeSetting.LIGHT));
        assertEquals(ThemeSetting.LIGHT, store.get().theme());
        assertNull(store.file());
    }
}
