package io.rancherdesktop.rdd.ui.fake;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.rancherdesktop.rdd.api.ContainerEngine;
import io.rancherdesktop.rdd.api.VmDriverKind;
import io.rancherdesktop.rdd.api.app.v1alpha1.App;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.AppStatus;
import io.rancherdesktop.rdd.api.app.v1alpha1.ContainerEngineSpec;
import io.rancherdesktop.rdd.api.app.v1alpha1.VmSpec;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ActionOutcome;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ContainerStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.LastAction;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestedState;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.api.containers.v1alpha1.Volume;
import io.rancherdesktop.rdd.api.containers.v1alpha1.VolumeStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** API objects as the service would send them, for unit tests. */
public final class Objects {
    private static final AtomicLong VERSION = new AtomicLong(100);

    private Objects() {
    }

    public static String hex64(String seed) {
        StringBuilder b = new StringBuilder();
        while (b.length() < 64) {
            b.append(Integer.toHexString(Math.abs((seed + b.length()).hashCode())));
        }
        return b.substring(0, 64);
    }

    public static Container container(String name, RunStatus status) {
        Container c = new Container();
        c.setMetadata(new ObjectMetaBuilder().withNamespace("default").withName(hex64(name))
                .withResourceVersion(Long.toString(VERSION.incrementAndGet())).withGeneration(1L).build());
        ContainerStatus s = new ContainerStatus();
        s.setName(name);
        s.setNamespace("moby");
        s.setStatus(status);
        s.setImage("sha256:" + hex64("busybox"));
        s.setCreatedAt("2026-11-28T10:00:00Z");
        c.setStatus(s);
        return c;
    }

    /** A copy of {@code c} with a new resourceVersion (what the next watch event carries). */
    public static Container changed(Container c, java.util.function.Consumer<Container> change) {
        Container copy = container(c.getStatus().getName(), c.getStatus().getStatus());
        copy.getMetadata().setGeneration(c.getMetadata().getGeneration());
        copy.getMetadata().setDeletionTimestamp(c.getMetadata().getDeletionTimestamp());
        copy.getStatus().setLastAction(c.getStatus().getLastAction());
        change.accept(copy);
        return copy;
    }

    public static LastAction lastAction(RequestedState action, ActionOutcome outcome, long generation, String error) {
        LastAction a = new LastAction();
        a.setAction(action);
        a.setState(outcome);
        a.setObservedGeneration(generation);
        a.setError(error);
        return a;
    }

    public static Image image(String tag, long size) {
        Image i = new Image();
        i.setMetadata(new ObjectMetaBuilder().withNamespace("default").withName("img-" + hex64(tag))
                .withResourceVersion(Long.toString(VERSION.incrementAndGet())).build());
        ImageStatus s = new ImageStatus();
        s.setId("sha256:" + hex64(tag.substring(0, tag.indexOf(':'))));
        s.setRepoTag(tag);
        s.setSize(size);
        s.setNamespace("moby");
        s.setCreatedAt("2026-11-27T09:00:00Z");
        i.setStatus(s);
        return i;
    }

    public static Image terminating(Image i) {
        Image copy = image(i.getStatus().getRepoTag(), i.getStatus().getSize());
        copy.getMetadata().setDeletionTimestamp("2026-11-28T11:00:00Z");
        copy.getMetadata().setFinalizers(List.of("engine.rancherdesktop.io/mirror"));
        return copy;
    }

    public static Volume volume(String name) {
        Volume v = new Volume();
        v.setMetadata(new ObjectMetaBuilder().withNamespace("default").withName("vol-" + hex64(name))
                .withResourceVersion(Long.toString(VERSION.incrementAndGet())).build());
        VolumeStatus s = new VolumeStatus();
        s.setName(name);
        s.setDriver("local");
        s.setMountpoint("/var/lib/docker/volumes/" + name + "/_data");
        s.setNamespace("moby");
        v.setStatus(s);
        return v;
    }

    public static Event warning(String kind, String objectName, String reason, String message, String time) {
        return new EventBuilder()
                .withMetadata(new ObjectMetaBuilder().withNamespace("default").withName(objectName + "." + time.hashCode())
                        .withResourceVersion(Long.toString(VERSION.incrementAndGet())).build())
                .withType("Warning").withReason(reason).withMessage(message).withLastTimestamp(time)
                .withNewInvolvedObject().withKind(kind).withNamespace("default").withName(objectName).endInvolvedObject()
                .build();
    }

    /** An App with the given spec and conditions ({@code type/status/reason/observedGeneration} quadruples). */
    public static App app(boolean running, ContainerEngine engine, VmDriverKind driver, long generation, Object... conditions) {
        App app = new App();
        app.setMetadata(new ObjectMetaBuilder().withName("app").withGeneration(generation)
                .withResourceVersion(Long.toString(VERSION.incrementAndGet())).build());
        AppSpec spec = new AppSpec();
        spec.setRunning(running);
        spec.setContainerEngine(new ContainerEngineSpec(engine));
        spec.setVm(new VmSpec(driver, null));
        app.setSpec(spec);
        AppStatus status = new AppStatus();
        List<Condition> list = new ArrayList<>();
        for (int i = 0; i + 3 < conditions.length; i += 4) {
            list.add(new Condition("2026-11-28T10:00:00Z", "detail of " + conditions[i + 2],
                    ((Number) conditions[i + 3]).longValue(), (String) conditions[i + 2], (String) conditions[i + 1],
                    (String) conditions[i]));
        }
        status.setConditions(list);
        app.setStatus(status);
        return app;
    }
}
