package io.rancherdesktop.rdd.instance;

import java.util.List;

/**
 * The user names of an rdd service (docs/api-server.md, "Identities"). The API server authenticates every request to
 * one of them and admission decides by them ({@code admission.UserInfo}); the in-process controllers pick theirs to
 * build their clients. Names only: they live here, below both, so the controllers never import the server.
 */
public final class Identities {
    /** The instance owner (Unix socket, or TCP with the kubeconfig's token). */
    public static final String OWNER = "rdd:owner";
    /** The engine controller: the only creator of mirror objects (Container, Image, Volume, ContainerNamespace). */
    public static final String ENGINE_CONTROLLER = "system:rdd:engine-controller";
    /**
     * The request controllers (ContainerCreateRequest, VolumeCreateRequest, ImagePullRequest, ImagePushRequest,
     * ImageScanRequest): writes the requests' status and deletes finished requests; never creates mirrors
     * (docs/api.md §3.5).
     */
    public static final String REQUEST_CONTROLLER = "system:rdd:request-controller";
    /** The App controller. */
    public static final String APP_CONTROLLER = "system:rdd:app-controller";
    /** The VirtualMachine controller. */
    public static final String VM_CONTROLLER = "system:rdd:vm-controller";
    /** The controller manager: the operator's informers and finalizer patches, and the discovery ConfigMap. */
    public static final String CONTROLLER_MANAGER = "system:rdd:controller-manager";
    /** The API server's own writes (no HTTP request). */
    public static final String API_SERVER = "system:apiserver";

    /** The in-process controller identities, each of which gets its own token at service start. */
    public static final List<String> CONTROLLER_USERS = List.of(ENGINE_CONTROLLER, REQUEST_CONTROLLER, APP_CONTROLLER, VM_CONTROLLER, CONTROLLER_MANAGER);

    private Identities() {
    }
}
