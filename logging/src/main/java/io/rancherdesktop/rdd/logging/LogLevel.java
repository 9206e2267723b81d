package io.rancherdesktop.rdd.logging;

import ch.qos.logback.classic.Level;
import java.util.Locale;
import java.util.Optional;

/** The logrus-compatible level names that {@code --log-level} and {@code RDD_LOG_LEVEL} accept. */
public enum LogLevel {
    FATAL("fatal", Level.ERROR, 0),
    ERROR("error", Level.ERROR, 0),
    WARN("warning", Level.WARN, 0),
    INFO("info", Level.INFO, 0),
    DEBUG("debug", Level.DEBUG, 2),
    TRACE("trace", Level.TRACE, 4);

    private final String logrusName;
    private final Level logbackLevel;
    private final int verbosity;

    LogLevel(String logrusName, Level logbackLevel, int verbosity) {
        this.logrusName = logrusName;
        this.logbackLevel = logbackLevel;
        this.verbosity = verbosity;
    }

    /** Parses {@code fatal, error, warn, warning, info, debug, trace} (case-insensitive). */
    public static Optional<LogLevel> parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "fatal", "panic" -> Optional.of(FATAL);
            case "error" -> Optional.of(ERROR);
            case "warn", "warning" -> Optional.of(WARN);
            case "info" -> Optional.of(INFO);
            case "debug" -> Optional.of(DEBUG);
            case "trace" -> Optional.of(TRACE);
            default -> Optional.empty();
        };
    }

    /** The name printed as {@code level=<name>}. */
    public String logrusName() { return logrusName; }

    public Level logbackLevel() { return logbackLevel; }

    /** The klog-style {@code -v} value saved in args.json: 2 for debug, 4 for trace, 0 otherwise. */
    public int verbosity() { return verbosity; }

    /** The logrus name for a logback level of a logged event. */
    public static String nameOf(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "error";
            case Level.WARN_INT -> "warning";
            case Level.INFO_INT -> "info";
            case Level.DEBUG_INT -> "debug";
            default -> "trace";
        };
    }
}
