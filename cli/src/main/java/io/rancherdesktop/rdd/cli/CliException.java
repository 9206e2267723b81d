package io.rancherdesktop.rdd.cli;

/** A command failure with the exit code of docs/design/upstream-cli.md §3 and the message of its fatal log line. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final boolean plain;

    public CliException(int exitCode, String message) {
        this(exitCode, message, false);
    }

    private CliException(int exitCode, String message, boolean plain) {
        super(message);
        this.exitCode = exitCode;
        this.plain = plain;
    }

    /**
     * A failure printed as-is on stderr rather than as a fatal log line: {@code rdd ctl} speaks like kubectl
     * ({@code Error from server (NotFound): …}, {@code error: …}).
     */
    public static CliException plain(int exitCode, String message) {
        return new CliException(exitCode, message, true);
    }

    /** Whether the message is printed verbatim (kubectl style) instead of logged. */
    public boolean plain() {
        return plain;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.plain = false;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCodes.GENERIC, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
