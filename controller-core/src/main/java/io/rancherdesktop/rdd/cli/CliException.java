package io.rancherdesktop.rdd.cli;

/** A command failure with the exit code of spec/cli.md §3 and the message of its fatal log line. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCodes.GENERIC, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
