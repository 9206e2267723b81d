package io.rancherdesktop.rdd.controller.engine;

import io.rancherdesktop.rdd.instance.Identities;

import io.rancherdesktop.rdd.controller.ControllerModule;
import io.rancherdesktop.rdd.controller.engine.request.RequestControllers;
import java.util.Objects;

/**
 * Plugs the engine controllers ({@code engine}, {@code container}, {@code image}, {@code volume},
 * {@code containernamespace}) and the request controllers ({@code request}, as {@code system:rdd:request-controller},
 * sharing the engine session) into the service's {@code ControllerManager}: they register on its operator and
 * reach the API through their own counted client as {@code system:rdd:engine-controller} (the only identity that may
 * create mirrors); the Docker endpoint defaults
 * to the instance's ({@code InstancePaths.dockerEndpoint()}, docs/design/mirroring-rules.md §1.5).
 */
public final class EngineControllerModule implements ControllerModule {
    private final EngineControllerSettings settings;
    private EngineController controller;
    private RequestControllers requests;

    public EngineControllerModule(EngineControllerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public EngineControllerModule() {
        this(EngineControllerSettings.defaults());
    }

    @Override
    public void register(Registration r) {
        controller = EngineController.register(r.operator(), r.identity().apply(Identities.ENGINE_CONTROLLER), r.paths()::dockerEndpoint,
                r.selection(), settings, r.clock());
        requests = RequestControllers.register(r.operator(), r.identity().apply(Identities.REQUEST_CONTROLLER),
                controller.sessions(), r.selection(), r.clock(), r.env());
    }

    /** The registered controller (after {@link #register}); tests and diagnostics. */
    public EngineController controller() {
        return controller;
    }

    @Override
    public void close() {
        if (requests != null) {
            requests.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    @Override
    public String toString() {
        return "engine controllers";
    }
}
