package io.rancherdesktop.rdd.ui.view.settings;

import io.rancherdesktop.rdd.ui.settings.GuiSettingsStore;
import io.rancherdesktop.rdd.ui.settings.QuitChoice;
import io.rancherdesktop.rdd.ui.settings.ThemeSetting;
import io.rancherdesktop.rdd.ui.view.MainWindow;
import io.rancherdesktop.rdd.ui.view.Theme;
import io.rancherdesktop.rdd.ui.view.ThemeController;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.EnumMap;
import java.util.Map;

/**
 * The desktop app's own settings (docs/gui.md "Settings"): the theme (System / Light / Dark, applied at once; the
 * dialog says when {@code RDD_GUI_THEME} overrides it) and what Quit does with the machine when this GUI started the
 * service. Each change is saved at once ({@link GuiSettingsStore}); Close only closes. One dialog at a time.
 */
public final class SettingsDialog {
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final Map<ThemeSetting, RadioButton> themeButtons = new EnumMap<>(ThemeSetting.class);
    private final Map<QuitChoice, RadioButton> quitButtons = new EnumMap<>(QuitChoice.class);
    private final GuiSettingsStore store;

    private SettingsDialog(Window owner, GuiSettingsStore store, ThemeController themes) {
        this.store = store;
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.initModality(javafx.stage.Modality.NONE);
        dialog.setTitle("Settings");
        dialog.setResizable(true);
        DialogPane pane = dialog.getDialogPane();
        pane.setId("settings-dialog");
        pane.getStylesheets().add(MainWindow.STYLESHEET);
        pane.getButtonTypes().setAll(ButtonType.CLOSE);
        pane.lookupButton(ButtonType.CLOSE).setId("settings-close");
        pane.setHeaderText("Settings of this desktop app");

        ToggleGroup themeGroup = new ToggleGroup();
        HBox themeRow = new HBox(12);
        for (ThemeSetting t : ThemeSetting.values()) {
            RadioButton b = new RadioButton(t.label());
            b.setId("settings-theme-" + t.value());
            b.setToggleGroup(themeGroup);
            b.setUserData(t);
            themeButtons.put(t, b);
            themeRow.getChildren().add(b);
        }
        Label themeNote = note(themes.override()
                .map(o -> ThemeController.ENV + "=" + o.value() + " is set in this app's environment: it overrides this "
                        + "choice (now " + o.label() + ") until it is unset.")
                .orElse("System follows the desktop's light or dark setting where it can be read (GNOME/GTK, macOS, Windows)."));
        themeNote.setId("settings-theme-note");

        ToggleGroup quitGroup = new ToggleGroup();
        VBox quitRows = new VBox(4);
        for (QuitChoice q : QuitChoice.values()) {
            RadioButton b = new RadioButton(q.label());
            b.setId("settings-quit-" + q.value());
            b.setToggleGroup(quitGroup);
            b.setUserData(q);
            quitButtons.put(q, b);
            quitRows.getChildren().add(b);
        }
        Label quitNote = note("Only when this window started the rdd service: Quit then stops the service, and the "
                + "machine with it if you choose so. A service started with rdd svc start is never stopped by Quit.");

        Label where = note(store.file() == null ? "Settings are kept for this run only."
                : "Saved in " + store.file() + " as soon as you change them.");
        where.setId("settings-file");

        VBox content = new VBox(8, title("Theme"), themeRow, themeNote, title("When quitting"), quitRows, quitNote, where);
        content.setPadding(new Insets(4, 12, 0, 12));
        content.setPrefWidth(480);
        pane.setContent(content);

        show(store.get().theme(), store.get().quit());
        themeGroup.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                store.set(store.get().withTheme((ThemeSetting) now.getUserData()));
            }
        });
        quitGroup.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now != null) {
                store.set(store.get().withQuit((QuitChoice) now.getUserData()));
            }
        });
        // Quit's "remember" may change the settings while the dialog is open.
        ChangeListener<io.rancherdesktop.rdd.ui.settings.GuiSettings> follow = (obs, was, now) -> show(now.theme(), now.quit());
        store.property().addListener(follow);
        ChangeListener<Theme> restyle = (obs, was, now) -> mark(pane, now);
        themes.themeProperty().addListener(restyle);
        mark(pane, themes.theme());
        dialog.setOnHidden(e -> {
            store.property().removeListener(follow);
            themes.themeProperty().removeListener(restyle);
            open = null;
        });
    }

    private static SettingsDialog open;

    /** Opens the dialog (or brings the open one to the front). JavaFX thread. */
    public static SettingsDialog show(Window owner, GuiSettingsStore store, ThemeController themes) {
        if (open != null && open.dialog.isShowing()) {
            ((javafx.stage.Stage) open.dialog.getDialogPane().getScene().getWindow()).toFront();
            return open;
        }
        open = new SettingsDialog(owner, store, themes);
        open.dialog.show();
        return open;
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }

    private void show(ThemeSetting theme, QuitChoice quit) {
        themeButtons.get(theme).setSelected(true);
        quitButtons.get(quit).setSelected(true);
    }

    private static void mark(DialogPane pane, Theme theme) {
        pane.getStyleClass().removeAll("light", "dark");
        pane.getStyleClass().add(theme == Theme.DARK ? "dark" : "light");
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("details-title");
        return l;
    }

    private static Label note(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add("details-label");
        return l;
    }
}
