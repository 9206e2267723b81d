package io.rancherdesktop.rdd.controller.engine.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records core/v1 Events about mirrors ({@code StateChangeFailed}, {@code EngineDeleteFailed}), the way
 * {@code kubectl describe} shows them. A repeat of the same reason and message for the same object bumps the
 * count of the earlier Event instead of adding one per retry. Recording is best effort: a failure is logged and
 * never fails the caller.
 */
public final class EngineEventRecorder {
    public static final String COMPONENT = "engine-controller";
    public static final String WARNING = "Warning";
    public static final String NORMAL = "Normal";
    private static final Logger LOG = LoggerFactory.getLogger(EngineEventRecorder.class);
    private static final int REMEMBERED = 512;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private final KubernetesClient client;
    private final Clock clock;
    private final String instance;
    /** (uid, reason, message) → the Event recorded for it and its count; bounded, oldest first out. */
    private final Map<String, Recorded> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
            return size() > REMEMBERED;
        }
    };

    private record Recorded(String namespace, String name, int count) {
    }

    public EngineEventRecorder(KubernetesClient client, Clock clock, String instance) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instance = Objects.requireNonNull(instance, "instance");
    }

    public void warning(HasMetadata object, String reason, String message) {
        record(object, WARNING, reason, message);
    }

    public void normal(HasMetadata object, String reason, String message) {
        record(object, NORMAL, reason, message);
    }

    private void record(HasMetadata object, String type, String reason, String message) {
        String namespace = object.getMetadata().getNamespace();
        String key = object.getMetadata().getUid() + "\u0000" + type + "\u0000" + reason + "\u0000" + message;
        String now = TIME.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
        try {
            Recorded previous;
            synchronized (recent) {
                previous = recent.get(key);
            }
            if (previous != null && bump(previous, now)) {
                synchronized (recent) {
                    recent.put(key, new Recorded(previous.namespace(), previous.name(), previous.count() + 1));
                }
                return;
            }
            String name = object.getMetadata().getName() + "." + Long.toHexString(clock.millis())
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000));
            Event event = new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder()
                            .withApiVersion(object.getApiVersion()).withKind(object.getKind())
                            .withName(object.getMetadata().getName()).withNamespace(namespace)
                            .withUid(object.getMetadata().getUid())
                            .withResourceVersion(object.getMetadata().getResourceVersion()).build())
                    .withType(type).withReason(reason).withMessage(message)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .withReportingComponent(COMPONENT).withReportingInstance(instance)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .build();
            client.v1().events().inNamespace(namespace).resource(event).create();
            synchronized (recent) {
                recent.put(key, new Recorded(namespace, name, 1));
            }
        } catch (KubernetesClientException e) {
            LOG.warn("Recording the {} event {} for {}/{} failed: {}", type, reason, namespace,
                    object.getMetadata().getName(), e.getMessage());
        }
    }

    private boolean bump(Recorded previous, String now) {
        String patch = "{\"count\":" + (previous.count() + 1) + ",\"lastTimestamp\":\"" + now + "\"}";
        try {
            client.v1().events().inNamespace(previous.namespace()).withName(previous.name())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return false; // the Event was deleted meanwhile: record a new one
            }
            throw e;
        }
    }
}
