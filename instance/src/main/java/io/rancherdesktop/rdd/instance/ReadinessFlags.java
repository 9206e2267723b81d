package io.rancherdesktop.rdd.instance;

/**
 * How a {@link ServiceComponent} takes part in the service's {@code /readyz}: it asks for a named flag, starts not
 * ready (with the reason {@code /readyz?verbose} shows), and sets the flag once it is ready. The API server implements
 * it; components see only this contract, never the server.
 */
@FunctionalInterface
public interface ReadinessFlags {
    Flag flag(String name, String notReadyReason);

    /** A settable readiness condition. */
    interface Flag {
        void set();

        void clear();
    }
}
