package io.rancherdesktop.rdd.logging;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** SLF4J markers with a meaning in rdd's log format. */
public final class Markers {
    /** Marks the one error line a command prints before it exits non-zero; printed as {@code level=fatal}. */
    public static final Marker FATAL = MarkerFactory.getMarker("FATAL");

    private Markers() {
    }
}
