package io.rancherdesktop.rdd.controller.engine.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import io.rancherdesktop.rdd.testing.DockerdProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Creates uniquely named engine objects for one test and removes them all in {@link #close()}, even on failure.
 * Images are imported with the docker CLI, because docker-java 3.5.3's import is broken against dockerd 20.10.
 */
public final class EngineFixtures implements AutoCloseable {
    private final DockerdProcess engine;
    private final DockerClient docker;
    private final List<String> containers = new ArrayList<>();
    private final List<String> images = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    public EngineFixtures(DockerdProcess engine) {
        this.engine = engine;
        this.docker = engine.client();
    }

    /** A created (not started) container running a loop that stops promptly on SIGTERM. */
    public String container(String name) {
        String id = docker.createContainerCmd(DockerdProcess.TEST_IMAGE).withName(name)
                .withCmd("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
        containers.add(id);
        return id;
    }

    public String volume(String name) {
        String created = docker.createVolumeCmd().withName(name).exec().getName();
        volumes.add(created);
        return created;
    }

    /** A volume with labels (e.g. to scope a prune to this test's volumes). */
    public String volume(String name, java.util.Map<String, String> labels) {
        String created = docker.createVolumeCmd().withName(name).withLabels(labels).exec().getName();
        volumes.add(created);
        return created;
    }

    /** Tags the test image; returns the tag. */
    public String tagTestImage(String repo, String tag) {
        docker.tagImageCmd(DockerdProcess.TEST_IMAGE, repo, tag).exec();
        images.add(repo + ":" + tag);
        return repo + ":" + tag;
    }

    /** Imports a one-file image whose content is {@code content}; {@code repoTag} null gives a dangling image. Returns the ID. */
    public String importImage(String repoTag, String content) {
        String id = importTarball(engine.host(), repoTag, tarOf(content));
        images.add(repoTag == null ? id : repoTag);
        if (repoTag != null) {
            images.add(id);
        }
        return id;
    }

    /** Registers a container created elsewhere for removal. */
    public void removeContainerLater(String id) {
        containers.add(id);
    }

    /** Registers an image reference (tag or ID) for removal. */
    public void removeLater(String imageRef) {
        images.add(imageRef);
    }

    public static String importTarball(String host, String repoTag, byte[] tar) {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", host, "import", "-"));
        if (repoTag != null) {
            cmd.add(repoTag);
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(tar);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
            return out.lines().reduce((a, b) -> b).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("running docker import", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running docker import", e);
        }
    }

    /** A tarball with one small file, so every distinct {@code content} is a distinct image. */
    public static byte[] tarOf(String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry("content.txt");
            e.setSize(data.length);
            e.setMode(0644);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (String id : containers.reversed()) {
            first = attempt(first, () -> docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec());
        }
        for (String ref : images.reversed()) {
            first = attempt(first, () -> docker.removeImageCmd(ref).withForce(true).exec());
        }
        for (String name : volumes.reversed()) {
            first = attempt(first, () -> docker.removeVolumeCmd(name).exec());
        }
        if (first != null) {
            throw first;
        }
    }

    private static RuntimeException attempt(RuntimeException first, Runnable removal) {
        try {
            removal.run();
            return first;
        } catch (com.github.dockerjava.api.exception.NotFoundException alreadyGone) {
            return first;
        } catch (RuntimeException e) {
            return first == null ? e : first;
        }
    }
}
