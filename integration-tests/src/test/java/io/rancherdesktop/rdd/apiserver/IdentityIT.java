package io.rancherdesktop.rdd.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rancherdesktop.rdd.admission.DefaultAdmissionPlugins;
import io.rancherdesktop.rdd.admission.MirrorCreateGuard;
import io.rancherdesktop.rdd.admission.UserInfo;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.controller.ControllerManager;
import io.rancherdesktop.rdd.testing.ApiServerExtension;
import io.rancherdesktop.rdd.testing.RawApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Identities (docs/api-server.md, "Identities"; issue 14 item 7): who the server says a caller is, over each listener
 * and for each in-process controller token; and the first decision that depends on it: only the engine controller
 * creates mirror objects.
 */
class IdentityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WHOAMI = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
    private static final String REVIEW = "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}";

    @RegisterExtension
    static final ApiServerExtension API = ApiServerExtension.builder().admission(DefaultAdmissionPlugins.create()).build();

    private static RawApiClient as(String controllerUser) {
        var rt = API.running().runtime();
        return new RawApiClient(rt.serverUrl(), rt.tls().caCertificate(), rt.identities().tokenFor(controllerUser));
    }

    @Test
    void theKubeconfigTokenIsTheOwnerOverTcp() {
        RawApiClient.Reply r = API.running().raw().post(WHOAMI, REVIEW);
        assertEquals(201, r.status(), r.body());
        JsonNode user = r.json().path("status").path("userInfo");
        assertEquals(UserInfo.OWNER, user.path("username").asText());
        assertEquals(List.of(UserInfo.MASTERS, UserInfo.AUTHENTICATED), JSON.convertValue(user.path("groups"), List.class));
        assertEquals("token", user.path("extra").path(UserInfo.EXTRA_AUTHENTICATED_BY).path(0).asText());
    }

    @Test
    void eachControllerTokenIsThatController() {
        for (String controller : UserInfo.CONTROLLER_USERS) {
            RawApiClient.Reply r = as(controller).post(WHOAMI, REVIEW);
            assertEquals(201, r.status(), r.body());
            assertEquals(controller, r.json().path("status").path("userInfo").path("username").asText());
            assertTrue(r.json().path("status").path("userInfo").path("groups").toString().contains(UserInfo.CONTROLLERS));
        }
    }

    @Test
    void anUnknownTokenIsUnauthorized() {
        var rt = API.running().runtime();
        RawApiClient.Reply r = new RawApiClient(rt.serverUrl(), rt.tls().caCertificate(), "not-a-token").post(WHOAMI, REVIEW);
        assertEquals(401, r.status(), r.body());
    }

    @Test
    void theUnixSocketCallerIsTheOwner() throws Exception {
        Result r = run(List.of("curl", "-sS", "--unix-socket", API.running().paths().apiSocket().toString(), "-X", "POST",
                "-H", "Content-Type: application/json", "-d", REVIEW, "http://localhost" + WHOAMI));
        assertEquals(0, r.code(), r.output());
        JsonNode user = JSON.readTree(r.output()).path("status").path("userInfo");
        assertEquals(UserInfo.OWNER, user.path("username").asText());
        assertEquals("unix-socket", user.path("extra").path(UserInfo.EXTRA_AUTHENTICATED_BY).path(0).asText());
    }

    @Test
    void kubectlAuthWhoamiNamesTheOwner() throws Exception {
        Result r = run(List.of("kubectl", "--kubeconfig", API.running().runtime().kubeconfig().toString(), "auth", "whoami", "-o", "json"));
        assertEquals(0, r.code(), r.output());
        assertEquals(UserInfo.OWNER, JSON.readTree(r.output()).path("status").path("userInfo").path("username").asText());
    }

    /**
     * The socket is 0600 in a 0700 directory; were it reachable anyway (a looser mode, a passed descriptor), a peer
     * of another uid is still refused: SO_PEERCRED is checked. Needs root to connect as another user.
     */
    @Test
    void aUnixSocketPeerOfAnotherUidIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to connect as another uid");
        Path socket = API.running().paths().apiSocket();
        for (Path dir = socket.getParent(); dir != null; dir = dir.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(dir, perms);
        }
        Set<PosixFilePermission> open = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        Files.setPosixFilePermissions(socket, open);
        try {
            Result r = run(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "curl", "-sS", "-w", "\n%{http_code}",
                    "--unix-socket", socket.toString(), "http://localhost/api/v1/namespaces"));
            assertEquals(0, r.code(), r.output());
            assertTrue(r.output().endsWith("\n401"), r.output());
            assertTrue(r.output().contains("is not the owner of this rdd instance"), r.output());
        } finally {
            Files.setPosixFilePermissions(socket, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
    }

    @Test
    void aUserCannotCreateMirrorsAndIsToldWhichRequestKindToUse() throws Exception {
        String ns = "/apis/containers.rancherdesktop.io/v1alpha1/namespaces/default/";
        String id = "ab".repeat(32);
        RawApiClient.Reply c = API.running().raw().post(ns + "containers",
                "{\"apiVersion\":\"containers.rancherdesktop.io/v1alpha1\",\"kind\":\"Container\",\"metadata\":{\"name\":\"" + id + "\"},"
                        + "\"spec\":{\"state\":\"running\"}}");
        assertEquals(403, c.status(), c.body());
        assertEquals("Forbidden", c.reason());
        String message = c.json().path("message").asText();
        assertTrue(message.contains(MirrorCreateGuard.NAME) && message.contains("ContainerCreateRequest")
                && message.contains(UserInfo.ENGINE_CONTROLLER) && message.contains("\"" + UserInfo.OWNER + "\""), message);
        for (String[] k : List.of(new String[] {"images", "Image", "ImagePullRequest"}, new String[] {"volumes", "Volume", "VolumeCreateRequest"},
                new String[] {"containernamespaces", "ContainerNamespace", "engine namespaces"})) {
            RawApiClient.Reply r = API.running().raw().post(ns + k[0],
                    "{\"apiVersion\":\"containers.rancherdesktop.io/v1alpha1\",\"kind\":\"" + k[1] + "\",\"metadata\":{\"name\":\"x-1\"}}");
            assertEquals(403, r.status(), r.body());
            assertTrue(r.json().path("message").asText().contains(k[2]), r.body());
        }
        // Another controller may not either; server-side apply of a missing mirror is a create too.
        assertEquals(403, as(UserInfo.APP_CONTROLLER).post(ns + "volumes",
                "{\"apiVersion\":\"containers.rancherdesktop.io/v1alpha1\",\"kind\":\"Volume\",\"metadata\":{\"name\":\"x-2\"}}").status());
        assertEquals(403, API.running().raw().patch(ns + "volumes/x-3?fieldManager=me", "application/apply-patch+yaml",
                "{\"apiVersion\":\"containers.rancherdesktop.io/v1alpha1\",\"kind\":\"Volume\",\"metadata\":{\"name\":\"x-3\"}}").status());
        assertTrue(API.running().client().resources(Container.class).inNamespace("default").list().getItems().isEmpty());
    }

    @Test
    void theEngineControllersFabric8ClientCreatesMirrorsAndAUsersIsRefused() {
        var rt = API.running().runtime();
        Container c = new Container();
        c.setMetadata(new ObjectMetaBuilder().withName("cd".repeat(32)).withNamespace("default").build());
        c.setSpec(new ContainerSpec(RequestedState.UNKNOWN));
        c.setStatus(null);
        KubernetesClientException refused = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class,
                () -> API.running().client().resource(c).create());
        assertEquals(403, refused.getCode());
        try (KubernetesClient engine = new KubernetesClientBuilder().withConfig(ControllerManager.withToken(
                API.running().client().getConfiguration(), rt.identities().tokenFor(UserInfo.ENGINE_CONTROLLER))).build()) {
            assertNotNull(engine.resource(c).create().getMetadata().getUid());
            // Users still update and delete mirrors (spec.state requests; deletes remove the engine object).
            API.running().client().resources(Container.class).inNamespace("default").withName(c.getMetadata().getName()).delete();
        }
    }

    @Test
    void kubectlCreateOfAContainerIsForbidden() throws Exception {
        Path manifest = Files.createTempFile("container", ".yaml");
        Files.writeString(manifest, """
                apiVersion: containers.rancherdesktop.io/v1alpha1
                kind: Container
                metadata:
                  name: %s
                spec:
                  state: running
                """.formatted("ef".repeat(32)));
        Result r = run(List.of("kubectl", "--kubeconfig", API.running().runtime().kubeconfig().toString(), "create", "-f", manifest.toString()));
        Files.delete(manifest);
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("Forbidden") && r.output().contains("ContainerCreateRequest"), r.output());
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish");
        }
        return new Result(p.exitValue(), out.strip());
    }
}
