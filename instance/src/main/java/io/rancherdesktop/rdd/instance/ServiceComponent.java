package io.rancherdesktop.rdd.instance;

/**
 * A part of the service started once the API is up (e.g. the controllers), stopped before it goes down.
 * Components talk to the API through a client built from {@link ServiceContext#kubeconfig()}, never to the
 * store, and report readiness through {@link ServiceContext#readiness()}.
 */
public interface ServiceComponent extends AutoCloseable {
    String name();

    void start(ServiceContext context) throws Exception;

    @Override
    void close();
}
