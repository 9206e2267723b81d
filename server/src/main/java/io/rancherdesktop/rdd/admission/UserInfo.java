package io.rancherdesktop.rdd.admission;

import io.rancherdesktop.rdd.instance.Identities;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who makes a request, as kube's {@code authentication.k8s.io/v1 UserInfo}: the API server authenticates every request
 * to one of these (docs/api-server.md, "Identities"), hands it to admission ({@link AdmissionRequest#userInfo()}) and
 * answers it to {@code kubectl auth whoami}.
 *
 * <p>The identities of an rdd service:
 * <ul>
 *   <li>{@link #OWNER} — the instance owner: every caller on the owner-only Unix socket whose peer uid is the
 *       service's, and every TCP caller presenting the kubeconfig's bearer token;</li>
 *   <li>one user per in-process controller ({@link #ENGINE_CONTROLLER}, {@link #APP_CONTROLLER},
 *       {@link #VM_CONTROLLER}, and {@link #CONTROLLER_MANAGER} for the shared operator's informers and finalizer
 *       patches and the discovery ConfigMap), each with its own token generated at service start and never written to
 *       disk;</li>
 *   <li>{@link #API_SERVER} — the server's own writes (garbage collector, namespace lifecycle, bootstrap), which do
 *       not go through HTTP.</li>
 * </ul>
 *
 * @param username the user name, e.g. {@code system:rdd:engine-controller}
 * @param uid      a stable id of the user ({@code ""} when none)
 * @param groups   the groups, always including {@code system:authenticated} for authenticated callers
 * @param extra    additional attributes, e.g. how the caller authenticated
 */
public record UserInfo(String username, String uid, List<String> groups, Map<String, List<String>> extra) {

    /** The instance owner (Unix socket, or TCP with the kubeconfig's token). */
    public static final String OWNER = Identities.OWNER;
    /** The engine controller: the only creator of mirror objects (Container, Image, Volume, ContainerNamespace). */
    public static final String ENGINE_CONTROLLER = Identities.ENGINE_CONTROLLER;
    /** The App controller. */
    public static final String APP_CONTROLLER = Identities.APP_CONTROLLER;
    /** The VirtualMachine controller. */
    public static final String VM_CONTROLLER = Identities.VM_CONTROLLER;
    /** The controller manager: the operator's informers and finalizer patches, and the discovery ConfigMap. */
    public static final String CONTROLLER_MANAGER = Identities.CONTROLLER_MANAGER;
    /** The API server's own writes (no HTTP request). */
    public static final String API_SERVER = Identities.API_SERVER;

    /** Every authenticated user is in this group, as in kube. */
    public static final String AUTHENTICATED = "system:authenticated";
    /** kube's group of users who may do everything (there is no RBAC here, but clients show it). */
    public static final String MASTERS = "system:masters";
    /** The group of the in-process controllers. */
    public static final String CONTROLLERS = "system:rdd:controllers";
    /** The {@link #extra} key that says how the caller authenticated: {@code unix-socket}, {@code token}. */
    public static final String EXTRA_AUTHENTICATED_BY = "rdd.rancherdesktop.io/authenticated-by";

    /** The in-process controller identities, each of which gets its own token at service start. */
    public static final List<String> CONTROLLER_USERS = Identities.CONTROLLER_USERS;

    public UserInfo {
        Objects.requireNonNull(username, "username");
        uid = uid == null ? "" : uid;
        groups = List.copyOf(groups);
        extra = Map.copyOf(extra);
    }

    /** The owner, authenticated {@code by} {@code unix-socket} or {@code token}. */
    public static UserInfo owner(String by) {
        return new UserInfo(OWNER, "", List.of(MASTERS, AUTHENTICATED), Map.of(EXTRA_AUTHENTICATED_BY, List.of(by)));
    }

    /** The in-process controller {@code username} (one of {@link #CONTROLLER_USERS}), authenticated by its token. */
    public static UserInfo controller(String username) {
        if (!CONTROLLER_USERS.contains(username)) {
            throw new IllegalArgumentException("not an rdd controller identity: " + username);
        }
        return new UserInfo(username, "", List.of(CONTROLLERS, AUTHENTICATED), Map.of(EXTRA_AUTHENTICATED_BY, List.of("token")));
    }

    /** The API server itself. */
    public static UserInfo apiServer() {
        return new UserInfo(API_SERVER, "", List.of(MASTERS, AUTHENTICATED), Map.of());
    }

    public boolean is(String name) {
        return username.equals(name);
    }
}
