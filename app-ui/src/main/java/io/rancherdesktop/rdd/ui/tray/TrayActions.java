package io.rancherdesktop.rdd.ui.tray;

/** What the tray menu does; each runs on the JavaFX application thread. */
public interface TrayActions {

    /** Start the machine if it is stopped, else stop it. */
    void toggleMachine();

    /** Show and focus the main window. */
    void open();

    /** Show the window and the Settings dialog. */
    void openSettings();

    /** Quit the GUI (and the service, if this GUI started it). */
    void quit();
}
