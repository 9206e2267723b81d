package io.rancherdesktop.rdd.controller;

import io.rancherdesktop.rdd.instance.Identities;

import io.fabric8.kubernetes.client.Config;
import io.rancherdesktop.rdd.instance.ControllerSelection;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.rancherdesktop.rdd.instance.InstancePaths;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;

/**
 * A group of reconcilers the {@link ControllerManager} registers with its operator: each module registers the
 * controllers of {@link ControllerSelection#ALL} it provides and that the selection enables. The App and
 * VirtualMachine controllers are built in; the engine controllers plug in the same way.
 */
public interface ControllerModule extends AutoCloseable {

    /**
     * What a module gets to build and register its reconcilers. {@code client} is the operator's (the controller
     * manager's identity); a reconciler that writes builds its own client from {@code identity}, the configuration of
     * its own identity (a {@code Identities.*_CONTROLLER} name → the API with that identity's token), so admission knows
     * which controller writes.
     */
    record Registration(Operator operator, KubernetesClient client, ControllerSelection selection, InstancePaths paths,
                        Map<String, String> env, Clock clock, Function<String, Config> identity) {
    }

    /** Registers the enabled reconcilers; called once, before the operator starts. */
    void register(Registration registration);

    /** Releases what the reconcilers hold (threads, engine connections), after the operator stopped. */
    @Override
    default void close() {
    }
}
