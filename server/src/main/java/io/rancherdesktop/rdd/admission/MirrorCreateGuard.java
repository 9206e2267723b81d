package io.rancherdesktop.rdd.admission;

import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainersGroup;
import java.util.List;
import java.util.Map;

/**
 * Validating admission for creates of mirror objects (docs/api.md, "Who creates mirrors"): a Container, Image, Volume
 * or ContainerNamespace mirrors an engine object, so only the engine controller ({@link UserInfo#ENGINE_CONTROLLER})
 * creates one. Anyone else gets 403 Forbidden pointing at the request kind that asks the engine instead; before this
 * guard a hand-made Container was stored and then ignored (or pruned by the next full sync). Updates (e.g. a
 * Container's {@code spec.state}), {@code /status} writes and deletes are not this plugin's concern.
 */
public final class MirrorCreateGuard implements AdmissionPlugin {

    public static final String NAME = "mirror-validator.containers.rancherdesktop.io";

    /** Mirror kind → what a user creates instead. */
    private static final Map<String, String> INSTEAD = Map.of(
            "Container", "create a ContainerCreateRequest to create and start a container",
            "Image", "create an ImagePullRequest to pull an image",
            "Volume", "create a VolumeCreateRequest to create a volume",
            "ContainerNamespace", "engine namespaces appear when the engine has them");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AdmissionRule> rules() {
        return List.of(new AdmissionRule(List.of(Operation.CREATE), List.of(ContainersGroup.GROUP), List.of("*"),
                List.of("containers", "images", "volumes", "containernamespaces")));
    }

    @Override
    public boolean handles(AdmissionRequest request) {
        return request.operation() == Operation.CREATE && request.group().equals(ContainersGroup.GROUP) && INSTEAD.containsKey(request.kind());
    }

    @Override
    public AdmissionResult validate(AdmissionRequest request) {
        if (request.userInfo().is(UserInfo.ENGINE_CONTROLLER)) {
            return AdmissionResult.allowed();
        }
        return AdmissionResult.forbidden("user \"" + request.userInfo().username() + "\" cannot create " + request.kind() + " \""
                + request.name() + "\": " + request.kind() + " objects mirror the container engine and only the engine controller ("
                + UserInfo.ENGINE_CONTROLLER + ") creates them; " + INSTEAD.get(request.kind()));
    }
}
