package io.rancherdesktop.rdd.controller.engine.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.rancherdesktop.rdd.api.ConditionReasons;
import io.rancherdesktop.rdd.api.ConditionTypes;
import io.rancherdesktop.rdd.api.Conditions;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePullRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePullRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePushRequest;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImagePushRequestSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageRequestStatus;
import io.rancherdesktop.rdd.controller.engine.EngineControllerSettings;
import io.rancherdesktop.rdd.controller.engine.naming.ImageMirrorName;
import io.rancherdesktop.rdd.controller.engine.testing.Await;
import io.rancherdesktop.rdd.controller.engine.testing.EngineControllerHarness;
import io.rancherdesktop.rdd.controller.engine.testing.TestApiServer;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import io.rancherdesktop.rdd.testing.LoopbackRegistry;
import io.rancherdesktop.rdd.testing.RealDockerEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ImagePullRequest and ImagePushRequest against a real dockerd and two loopback {@code docker-registry} instances,
 * one anonymous and one behind htpasswd (docs/api.md §3.5): progress in status, the Image mirror named in
 * {@code status.imageRef}, credentials from the service user's Docker config ({@code auths}, a credential helper via
 * {@code credHelpers}) and from a dockerconfigjson Secret, wrong credentials and an unknown image Failed with
 * Docker's message, and no credential in any status.
 */
@ExtendWith(RealDockerEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageTransferRequestIT {
    private static final Duration T = EngineControllerHarness.TIMEOUT;
    private static final String R = "xferreqs";
    private static final String USER = "rdduser";
    private static final String PASSWORD = "s3cret-Passw0rd";

    private TestApiServer api;
    private EngineControllerHarness harness;
    private DockerClient docker;
    private LoopbackRegistry open;
    private LoopbackRegistry locked;
    private Path home;
    private final List<String> tags = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start(DockerdProcess engine) throws IOException {
        docker = engine.client();
        open = LoopbackRegistry.start();
        locked = LoopbackRegistry.start(USER, PASSWORD);
        home = Files.createTempDirectory("rdd-xfer-home");
        Files.createDirectories(home.resolve("docker"));
        Files.createDirectories(home.resolve("bin"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DOCKER_CONFIG", home.resolve("docker").toString());
        env.put("PATH", home.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        api = TestApiServer.start();
        harness = EngineControllerHarness.start(api, R, engine::host, true, ContainerEngine.MOBY, "*",
                EngineControllerSettings.defaults(), env);
        harness.awaitEngineReady(Conditions.TRUE, ConditionReasons.ContainerEngineReady.CONNECTED);
    }

    @AfterAll
    void stop() throws IOException {
        try {
            if (harness != null) {
                harness.close();
            }
            if (api != null) {
                api.close();
            }
        } finally {
            for (String t : tags) {
                try {
                    docker.removeImageCmd(t).withForce(true).exec();
                } catch (RuntimeException ignored) {
                    // gone
                }
            }
            if (open != null) {
                open.close();
            }
            if (locked != null) {
                locked.close();
            }
            try (var walk = Files.walk(home)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private String tag(String ref) {
        int colon = ref.lastIndexOf(':');
        docker.tagImageCmd(DockerdProcess.TEST_IMAGE, ref.substring(0, colon), ref.substring(colon + 1)).exec();
        tags.add(ref);
        return ref;
    }

    private void writeDockerConfig(String json) throws IOException {
        Files.writeString(home.resolve("docker/config.json"), json);
    }

    private static ObjectMeta meta(String name) {
        ObjectMeta m = new ObjectMeta();
        m.setName(name);
        m.setNamespace(R);
        return m;
    }

    private ImageRequestStatus push(String name, String repoTag, String secret) {
        ImagePushRequest r = new ImagePushRequest();
        r.setMetadata(meta(name));
        ImagePushRequestSpec spec = new ImagePushRequestSpec();
        spec.setRepoTag(repoTag);
        spec.setSecretRef(secret);
        r.setSpec(spec);
        harness.client().resource(r).create();
        return Await.value(name + " finished", T, () -> {
            ImagePushRequest x = harness.client().resources(ImagePushRequest.class).inNamespace(R).withName(name).get();
            return x != null && RequestReconciler.finished(x.getStatus()) ? x.getStatus() : null;
        });
    }

    private ImageRequestStatus pull(String name, String repoTag, String secret) {
        ImagePullRequest r = new ImagePullRequest();
        r.setMetadata(meta(name));
        ImagePullRequestSpec spec = new ImagePullRequestSpec();
        spec.setRepoTag(repoTag);
        spec.setSecretRef(secret);
        r.setSpec(spec);
        harness.client().resource(r).create();
        return Await.value(name + " finished", T, () -> {
            ImagePullRequest x = harness.client().resources(ImagePullRequest.class).inNamespace(R).withName(name).get();
            return x != null && RequestReconciler.finished(x.getStatus()) ? x.getStatus() : null;
        });
    }

    private static Condition complete(ImageRequestStatus s) {
        Condition c = Conditions.find(s.getConditions(), ConditionTypes.COMPLETE).orElseThrow();
        assertEquals(Conditions.TRUE, c.getStatus(), () -> Conditions.find(s.getConditions(), ConditionTypes.FAILED)
                .map(Condition::getMessage).orElse(c.getMessage()));
        return c;
    }

    private static Condition failed(ImageRequestStatus s) {
        return Conditions.find(s.getConditions(), ConditionTypes.FAILED).filter(c -> Conditions.TRUE.equals(c.getStatus()))
                .orElseThrow(() -> new AssertionError("not Failed: " + s.getConditions()));
    }

    private static void noCredentialIn(Object status) {
        String json = Serialization.asJson(status);
        assertFalse(json.contains(PASSWORD), json);
        assertFalse(json.contains(Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))), json);
    }

    @Test
    void aPushThenAPullRoundTripsAnImageWithProgressAndNamesItsMirror() {
        String ref = tag(open.host() + "/rdd/roundtrip:1");
        String id = docker.inspectImageCmd(ref).exec().getId();
        ImageRequestStatus pushed = push("push-open", ref, null);
        assertEquals(ConditionReasons.Request.PUSHED, complete(pushed).getReason());
        assertTrue(pushed.getDigest() != null && pushed.getDigest().startsWith("sha256:"), pushed.getDigest());
        assertNotNull(pushed.getProgress());
        assertEquals(pushed.getProgress().getLayersTotal(), pushed.getProgress().getLayersDone());
        assertTrue(pushed.getProgress().getLayersTotal() >= 1);

        docker.removeImageCmd(ref).exec();
        ImageRequestStatus pulled = pull("pull-open", ref, null);
        assertEquals(ConditionReasons.Request.PULLED, complete(pulled).getReason());
        assertEquals(id, pulled.getImageID());
        assertEquals(ImageMirrorName.of(id, ref), pulled.getImageRef());
        assertEquals(pushed.getDigest(), pulled.getDigest());
        assertEquals("Pulling", pulled.getProgress().getPhase());
        assertEquals(pulled.getProgress().getLayersTotal(), pulled.getProgress().getLayersDone());
        // Docker reports byte counts only for layers it streams "Downloading" progress for (not for a ~1 MB one):
        // whatever was counted is all done.
        assertEquals(pulled.getProgress().getBytesTotal(), pulled.getProgress().getBytesDone());
        Image mirror = Await.value("image mirror", T, () -> harness.client().resources(Image.class).inNamespace(R)
                .withName(pulled.getImageRef()).get());
        assertEquals(ref, mirror.getStatus().getRepoTag());
    }

    @Test
    void anUnknownImageAndAnUnreachableRegistryEndFailedImagePullFailedWithDockersMessage() {
        Condition unknown = failed(pull("pull-unknown", open.host() + "/rdd/nothing:here", null));
        assertEquals(ConditionReasons.Request.IMAGE_PULL_FAILED, unknown.getReason());
        assertTrue(unknown.getMessage().contains("not found") || unknown.getMessage().contains("unknown"), unknown.getMessage());
        Condition unreachable = failed(pull("pull-unreachable", "127.0.0.1:1/rdd/x:1", null));
        assertTrue(unreachable.getMessage().contains("127.0.0.1:1"), unreachable.getMessage());
    }

    @Test
    void theLockedRegistryWantsCredentialsAndGetsThemFromTheDockerConfigsAuths() throws IOException {
        String ref = tag(locked.host() + "/rdd/auths:1");
        writeDockerConfig("{}");
        Condition refused = failed(push("push-noauth", ref, null));
        assertTrue(refused.getMessage().contains("auth") || refused.getMessage().contains("unauthorized"), refused.getMessage());

        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        writeDockerConfig("{\"auths\":{\"http://" + locked.host() + "\":{\"auth\":\"" + auth + "\"}}}");
        ImageRequestStatus pushed = push("push-auths", ref, null);
        complete(pushed);
        noCredentialIn(pushed);

        String wrong = Base64.getEncoder().encodeToString((USER + ":wrong").getBytes(StandardCharsets.UTF_8));
        writeDockerConfig("{\"auths\":{\"" + locked.host() + "\":{\"auth\":\"" + wrong + "\"}}}");
        docker.removeImageCmd(ref).exec();
        Condition denied = failed(pull("pull-wrong", ref, null));
        assertEquals(ConditionReasons.Request.IMAGE_PULL_FAILED, denied.getReason());
        assertFalse(denied.getMessage().contains("wrong"), denied.getMessage());
    }

    @Test
    void aCredentialHelperNamedInCredHelpersIsAskedThroughTheHelperProtocol() throws IOException {
        Path helper = home.resolve("bin/docker-credential-rddtest");
        Path asked = home.resolve("asked");
        Files.writeString(helper, "#!/bin/sh\n[ \"$1\" = get ] || exit 1\ncat > " + asked + "\n"
                + "printf '{\"ServerURL\":\"%s\",\"Username\":\"" + USER + "\",\"Secret\":\"" + PASSWORD + "\"}' \"$(cat " + asked + ")\"\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        writeDockerConfig("{\"credHelpers\":{\"" + locked.host() + "\":\"rddtest\"}}");
        String ref = tag(locked.host() + "/rdd/helper:1");
        ImageRequestStatus pushed = push("push-helper", ref, null);
        complete(pushed);
        noCredentialIn(pushed);
        assertEquals(locked.host(), Files.readString(asked).strip(), "the helper got the registry on stdin");
    }

    @Test
    void aDockerconfigjsonSecretNamedInTheRequestIsUsedAndAMissingOneFails() throws IOException {
        writeDockerConfig("{}");
        String ref = tag(locked.host() + "/rdd/secret:1");
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String config = "{\"auths\":{\"" + locked.host() + "\":{\"auth\":\"" + auth + "\"}}}";
        Secret secret = new SecretBuilder().withNewMetadata().withName("regcred").withNamespace(R).endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(".dockerconfigjson", Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8))))
                .build();
        harness.client().resource(secret).create();
        ImageRequestStatus pushed = push("push-secret", ref, "regcred");
        complete(pushed);
        noCredentialIn(pushed);
        Condition missing = failed(push("push-nosecret", ref, "no-such-secret"));
        assertEquals(ConditionReasons.Request.CREDENTIALS_FAILED, missing.getReason());
    }
}
