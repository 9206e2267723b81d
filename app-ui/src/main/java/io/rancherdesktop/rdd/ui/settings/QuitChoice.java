package io.rancherdesktop.rdd.ui.settings;

import java.util.Optional;

/**
 * What Quit does with the machine when this GUI started the service (docs/gui.md "Closing and quitting"); a GUI
 * that only attached to a service never stops anything.
 */
public enum QuitChoice {
    /** Ask each time (the default). */
    ASK("ask", "Ask each time"),
    /** Stop the machine (App {@code spec.running=false}), then the service. */
    STOP_MACHINE("stop-machine", "Stop the machine"),
    /** Stop the service only; the machine and its containers keep running, and the next service adopts them. */
    KEEP_RUNNING("keep-running", "Keep the machine running");

    private final String value;
    private final String label;

    QuitChoice(String value, String label) {
        this.value = value;
        this.label = label;
    }

    /** As written in the settings file. */
    public String value() {
        return value;
    }

    public String label() {
        return label;
    }

    public static Optional<QuitChoice> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (QuitChoice c : values()) {
            if (c.value.equals(text.trim())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
