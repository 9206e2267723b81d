package io.rancherdesktop.rdd.cli;

/** Exit codes of docs/design/upstream-cli.md §3. 2 is reserved and never emitted. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Generic error, including usage errors and bad arguments. */
    public static final int GENERIC = 1;
    /** Request rejected by admission or validation (Invalid, BadRequest, Forbidden). */
    public static final int REJECTED = 3;
    /** A wait deadline expired. */
    public static final int DEADLINE = 4;
    /**
     * A wait ended because what it waited for failed for good: a condition reported a terminal failure at the
     * awaited generation (e.g. {@code Settled=False/StartFailed}: the driver cannot run here), docs/cli.md.
     */
    public static final int FAILED = 5;

    private ExitCodes() {
    }
}
