package io.rancherdesktop.rdd.ui.model;

/** Tells the person about outcomes they cannot see in the tables, above all failures. JavaFX thread. */
public interface Notifier {

    /** A failure, with the server's or the engine's own message. Never dropped silently. */
    void error(String message);

    /** A success worth a word (e.g. "Engine settings applied"). */
    void info(String message);
}
