package io.rancherdesktop.rdd.ui.tray;

import io.rancherdesktop.rdd.ui.model.TrayState;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class TrayIconPainterTest {

    @Test
    void eachStateHasItsOwnColourAtTheIconsEdge() {
        Set<Integer> colours = new HashSet<>();
        for (TrayState s : TrayState.values()) {
            BufferedImage img = TrayIconPainter.paint(s, 24);
            assertEquals(24, img.getWidth());
            // left middle of the disc, outside the glyph
            colours.add(img.getRGB(3, 12) & 0xffffff);
            assertEquals(TrayIconPainter.colorOf(s).getRGB() & 0xffffff, img.getRGB(3, 12) & 0xffffff, s.name());
        }
        assertEquals(TrayState.values().length, colours.size());
    }

    @Test
    void noTrayIsAvailableInAHeadlessJvm() {
        // Surefire runs with java.awt.headless=true: the GUI must then go without a tray, not fail.
        assertFalse(DesktopTray.isAvailable());
    }
}
