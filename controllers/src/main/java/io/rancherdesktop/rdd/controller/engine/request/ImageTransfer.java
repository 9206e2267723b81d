package io.rancherdesktop.rdd.controller.engine.request;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.ResponseItem;
import io.rancherdesktop.rdd.api.containers.v1alpha1.LayerProgress;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RequestProgress;
import io.rancherdesktop.rdd.controller.engine.docker.DockerEngineClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pull or push through the Engine API with its JSON progress stream turned into {@code status.progress} (layers
 * done/total, bytes done/total, per layer), reported to a {@link Serving.ProgressSink} which writes at most about 3
 * times a second. Docker's error in the stream ends it as a {@link RequestFailure} with Docker's message.
 */
final class ImageTransfer {
    private static final Set<String> DONE = Set.of("Pull complete", "Already exists", "Pushed", "Layer already exists");

    private final String phase;
    private final Serving.ProgressSink sink;
    private final Map<String, LayerProgress> layers = new LinkedHashMap<>();
    private String digest;
    private String error;

    private ImageTransfer(String phase, Serving.ProgressSink sink) {
        this.phase = phase;
        this.sink = sink;
    }

    /** Pulls {@code ref}; returns the digest Docker reported (may be null). */
    static String pull(DockerEngineClient engine, ImageRef ref, AuthConfig auth, Serving.ProgressSink sink, String failReason) {
        ImageTransfer t = new ImageTransfer("Pulling", sink);
        var cmd = engine.docker().pullImageCmd(ref.digest() == null ? ref.repository() : ref.repository() + "@" + ref.digest())
                .withAuthConfig(auth);
        if (ref.digest() == null) {
            cmd.withTag(ref.tag());
        }
        t.await(cmd.exec(t.callback()), failReason);
        return t.digest;
    }

    /** Pushes {@code ref}; returns the digest Docker reported. */
    static String push(DockerEngineClient engine, ImageRef ref, AuthConfig auth, Serving.ProgressSink sink, String failReason) {
        ImageTransfer t = new ImageTransfer("Pushing", sink);
        var cmd = engine.docker().pushImageCmd(ref.repository()).withTag(ref.tag()).withAuthConfig(auth);
        t.await(cmd.exec(t.callback()), failReason);
        return t.digest;
    }

    private <I extends ResponseItem> ResultCallback.Adapter<I> callback() {
        return new ResultCallback.Adapter<>() {
            @Override
            public void onNext(I item) {
                handle(item);
            }
        };
    }

    private void await(ResultCallback.Adapter<?> callback, String failReason) {
        try {
            callback.awaitCompletion();
        } catch (com.github.dockerjava.api.exception.DockerException e) {
            // the engine refused before or while streaming (unknown image, unreachable registry, wrong credentials)
            throw new RequestFailure(failReason, io.rancherdesktop.rdd.controller.engine.docker.EngineErrors.message(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestFailure(failReason, "interrupted");
        }
        try {
            callback.close();
        } catch (IOException ignored) {
            // the stream is done
        }
        if (error != null) {
            throw new RequestFailure(failReason, error);
        }
        sink.report(progress(), true);
    }

    private synchronized void handle(ResponseItem item) {
        if (item.getErrorDetail() != null || item.getError() != null) {
            error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
            return;
        }
        if (item.getAux() != null && item.getAux().getDigest() != null) {
            digest = item.getAux().getDigest();
        }
        String status = item.getStatus() == null ? "" : item.getStatus();
        if (status.startsWith("Digest: ")) {
            digest = status.substring("Digest: ".length()).strip();
        }
        String id = item.getId();
        if (id == null || status.startsWith("Pulling from") || status.startsWith("Digest:") || status.startsWith("Status:")) {
            return;
        }
        LayerProgress layer = layers.computeIfAbsent(id, k -> {
            LayerProgress l = new LayerProgress();
            l.setId(k);
            return l;
        });
        layer.setAction(status);
        var detail = item.getProgressDetail();
        if ((status.equals("Downloading") || status.equals("Pushing")) && detail != null) {
            if (detail.getTotal() != null && detail.getTotal() > 0) {
                layer.setTotal(detail.getTotal());
            }
            if (detail.getCurrent() != null) {
                layer.setCurrent(detail.getCurrent());
            }
        }
        if (DONE.contains(status) && layer.getTotal() != null) {
            layer.setCurrent(layer.getTotal());
        }
        sink.report(progress(), false);
    }

    private synchronized RequestProgress progress() {
        RequestProgress p = new RequestProgress();
        p.setPhase(phase);
        List<LayerProgress> copy = new ArrayList<>();
        int done = 0;
        long bytesDone = 0;
        long bytesTotal = 0;
        for (LayerProgress l : layers.values()) {
            LayerProgress c = new LayerProgress();
            c.setId(l.getId());
            c.setAction(l.getAction());
            c.setCurrent(l.getCurrent());
            c.setTotal(l.getTotal());
            copy.add(c);
            if (DONE.contains(l.getAction()) || (l.getAction() != null && l.getAction().startsWith("Mounted from"))) {
                done++;
            }
            if (l.getTotal() != null) {
                bytesTotal += l.getTotal();
                bytesDone += l.getCurrent() == null ? 0 : Math.min(l.getCurrent(), l.getTotal());
            }
        }
        p.setLayersDone(done);
        p.setLayersTotal(layers.size());
        p.setBytesDone(bytesDone);
        p.setBytesTotal(bytesTotal);
        p.setLayers(copy);
        return p;
    }
}
