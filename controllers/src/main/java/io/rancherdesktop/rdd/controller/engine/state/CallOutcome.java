package io.rancherdesktop.rdd.controller.engine.state;

/** The result of one Docker state call, classified: only {@link Failed} is an error. */
public sealed interface CallOutcome {

    /** Docker did it (or answered 304: it was already so). */
    record Done() implements CallOutcome {
    }

    /** The container is gone (HTTP 404). */
    record NotFound() implements CallOutcome {
    }

    /** Docker refused or failed; {@code engineMessage} is Docker's own error text. */
    record Failed(int httpStatus, String engineMessage) implements CallOutcome {
    }
}
