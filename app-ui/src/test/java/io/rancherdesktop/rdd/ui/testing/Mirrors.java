package io.rancherdesktop.rdd.ui.testing;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rancherdesktop.rdd.admission.AdmissionPlugin;
import io.rancherdesktop.rdd.admission.MirrorCreateGuard;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.service.ServiceRuntime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes mirror objects into a real rdd API the way the engine controller does (create, then status through the
 * status subresource), for GUI tests that run before or without an engine.
 */
public final class Mirrors {

    private Mirrors() {
    }

    /**
     * {@code options} for a service whose mirrors a test writes itself, playing the engine controller: without the
     * admission rule that only the engine controller creates mirrors (its token never leaves the service).
     */
    public static ServiceRuntime.Options writtenByTheTest(ServiceRuntime.Options options) {
        List<AdmissionPlugin> plugins = new ArrayList<>(options.admission());
        plugins.removeIf(p -> p instanceof MirrorCreateGuard);
        return options.withAdmission(plugins);
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Container mirror named by a 64-hex ID derived from {@code name}, with the mirror finalizer. */
    public static Container container(KubernetesClient client, String namespace, String name, RunStatus status) {
        Container c = new Container();
        c.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(sha256(name))
                .withFinalizers(List.of("engine.rancherdesktop.io/mirror")).build());
        Container created = client.resources(Container.class).resource(c).create();
        ContainerStatus s = new ContainerStatus();
        s.setName(name);
        s.setNamespace("moby");
        s.setStatus(status);
        s.setImage("sha256:" + sha256("busybox"));
        s.setCreatedAt("2026-11-28T10:00:00Z");
        created.setStatus(s);
        return client.resources(Container.class).resource(created).updateStatus();
    }

    /** The image ID the test mirrors use for a tag. */
    public static String imageId(String tag) {
        return "sha256:" + sha256(tag);
    }

    public static Image image(KubernetesClient client, String namespace, String tag, long size) {
        Image i = new Image();
        String id = imageId(tag);
        i.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName("img-" + sha256(id + "\0" + tag)).build());
        Image created = client.resources(Image.class).resource(i).create();
        ImageStatus s = new ImageStatus();
        s.setId(id);
        s.setRepoTag(tag);
        s.setSize(size);
        s.setNamespace("moby");
        s.setCreatedAt("2026-11-27T09:00:00Z");
        s.setOs("linux");
        s.setArchitecture("amd64");
        created.setStatus(s);
        return client.resources(Image.class).resource(created).updateStatus();
    }

    /** Removes the finalizers so a Terminating mirror completes its deletion. */
    public static void release(KubernetesClient client, Container c) {
        client.resources(Container.class).inNamespace(c.getMetadata().getNamespace()).withName(c.getMetadata().getName())
                .edit(x -> {
                    x.getMetadata().setFinalizers(List.of());
                    return x;
                });
    }
}
