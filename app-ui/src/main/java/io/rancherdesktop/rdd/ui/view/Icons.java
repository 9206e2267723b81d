package io.rancherdesktop.rdd.ui.view;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

import java.util.Map;
import java.util.Optional;

/**
 * The app's icons: glyphs of the Material Design Icons font (Ikonli), drawn in the text colour of the control they
 * sit in, so they follow the light and dark themes and the text scale (docs/gui.md "Look").
 */
public final class Icons {
    public static final Ikon START = MaterialDesignP.PLAY;
    public static final Ikon STOP = MaterialDesignS.STOP;
    public static final Ikon PAUSE = MaterialDesignP.PAUSE;
    public static final Ikon RESUME = MaterialDesignP.PLAY_CIRCLE_OUTLINE;
    public static final Ikon RESTART = MaterialDesignR.RESTART;
    public static final Ikon LOGS = MaterialDesignT.TEXT_LONG;
    public static final Ikon TERMINAL = MaterialDesignC.CONSOLE;
    public static final Ikon DELETE = MaterialDesignD.DELETE_OUTLINE;
    public static final Ikon WARNING = MaterialDesignA.ALERT_OUTLINE;
    public static final Ikon GROUP = MaterialDesignL.LAYERS_OUTLINE;

    /** The toolbar buttons' icons, by the id suffix their tab gives them ({@code containers-start}, …). */
    private static final Map<String, Ikon> TOOLBAR = Map.ofEntries(
            Map.entry("start", START), Map.entry("stop", STOP), Map.entry("pause", PAUSE), Map.entry("resume", RESUME),
            Map.entry("restart", RESTART), Map.entry("delete", DELETE), Map.entry("terminal", TERMINAL),
            Map.entry("run", MaterialDesignR.ROCKET_LAUNCH_OUTLINE), Map.entry("pull", MaterialDesignD.DOWNLOAD),
            Map.entry("push", MaterialDesignU.UPLOAD), Map.entry("prune", MaterialDesignB.BROOM),
            Map.entry("new", MaterialDesignP.PLUS));

    private Icons() {
    }

    /**
     * A glyph with the {@code icon} style class, 1.15 times the text size of the control it sits in (so it scales
     * with Ctrl+Plus/Minus like the text; Ikonli's {@code -fx-icon-size} does not resolve em against that text).
     */
    public static FontIcon icon(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("icon");
        icon.setIconSize(16);
        javafx.beans.value.ChangeListener<javafx.scene.text.Font> follow = (obs, was, font) ->
                icon.setIconSize((int) Math.round(font.getSize() * 1.15));
        javafx.scene.control.Labeled[] followed = new javafx.scene.control.Labeled[1];
        icon.parentProperty().addListener((obs, was, parent) -> {
            javafx.scene.Node owner = parent;
            while (owner != null && !(owner instanceof javafx.scene.control.Labeled)) {
                owner = owner.getParent();
            }
            if (owner == followed[0]) {
                return;
            }
            if (followed[0] != null) {
                followed[0].fontProperty().removeListener(follow);
            }
            followed[0] = (javafx.scene.control.Labeled) owner;
            if (followed[0] != null) {
                followed[0].fontProperty().addListener(follow);
                follow.changed(null, null, followed[0].getFont());
            }
        });
        return icon;
    }

    /** Whether a toolbar button shows its icon alone (the state changes), its word in the tooltip. */
    public static boolean iconOnly(String idSuffix) {
        return java.util.Set.of("start", "stop", "pause", "resume", "restart").contains(idSuffix);
    }

    /** The icon of a toolbar button, by its id suffix, if it has one. */
    public static Optional<Ikon> forToolbar(String idSuffix) {
        return Optional.ofNullable(TOOLBAR.get(idSuffix));
    }
}
